import * as vscode from 'vscode';
import { SecretRedactor } from './common/redact';
import { Logger } from './common/logger';
import { Commands } from './commands/ids';
import { registerCommands } from './commands/register';
import { showLog } from './commands/showLog';
import { checkConnection } from './commands/checkConnection';
import { startSandbox, stopSandbox } from './localSandbox/commands/startSandbox';
import { LocalSandboxController } from './localSandbox/controller';
import { AppRegistry } from './apps/registry';
import { activateApps } from './apps/activate';
import { SessionStore } from './auth/sessionStore';
import { activateAuth } from './auth/activate';
import { configureClients } from './clientFactory';
import { activateLeaks } from './leaks/activate';
import { StoredKnownSecrets } from './leaks/storedSecrets';
import { activateAudit } from './audit/ui/activate';
import { auditSessionEvents } from './audit/ui/authEvents';
import { activateUsage } from './usage/ui/activate';
import { activateIncident } from './incident/ui/activate';
import { activatePractices } from './practices/editor/activate';

/**
 * Composition root: builds the services once, wires them to VS Code, and hands every disposable to the
 * extension context. No feature logic lives here.
 */
export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Vendaze', { log: true });
  const redactor = new SecretRedactor();
  const log = new Logger(channel, redactor);
  // Every API client shares the redactor (tokens it receives are masked everywhere) and reports to the status bar.
  context.subscriptions.push(configureClients({ redactor, version: context.extension.packageJSON.version }));
  // Every secret the registry reads or writes is taught to the redactor, so it can never reach the log.
  const apps = new AppRegistry(context.globalState, context.secrets, (secret) => redactor.add(secret));
  // The audit trail first: features record to it (audit.record) from their first action on.
  const auditFeature = activateAudit(context, { redactor, log: log.child('audit') });
  // Signed-in sessions (tokens) live in SecretStorage only; shared by sign-in and the apps tree.
  const sessions = new SessionStore(context.secrets, (secret) => redactor.add(secret));
  const appsFeature = activateApps({ apps, sessions, log: log.child('apps') });
  const auth = activateAuth(context, { apps, sessions, redactor, log: log.child('auth') });
  // The local sandbox users can start from VS Code (no account needed); a window that died with it running is undone.
  const localSandbox = new LocalSandboxController(context, { apps, sessions, log: log.child('sandbox') });
  void localSandbox.restoreIfStale();
  // Secret-leak diagnostics. Tier 1 matches the exact secrets held in SecretStorage (cached, rebuilt on change).
  const knownSecrets = new StoredKnownSecrets(apps, sessions, log.child('leaks'));
  const leaks = activateLeaks({ log: log.child('leaks'), knownSecrets });
  // Rate-limit and request-id monitoring of every response, spike warnings, the Activity view; incident response.
  const usage = activateUsage({ apps, sessions, coordinator: auth.coordinator, log: log.child('usage') });
  const incident = activateIncident(context, { apps, sessions, revokeDeps: auth.revokeDeps, monitor: usage.monitor, redactor, log: log.child('incident'), activity: usage.tree });
  // The security guide's practices, reviewed in the integrator's own code (the rule engine loads on first use).
  const practices = activatePractices({ log: log.child('practices') });
  // A leaked value the extension holds can be rotated or revoked from its finding, as incident-response steps.
  leaks.setRemediation(incident.leakRemediation);

  context.subscriptions.push(
    channel,
    sessions,
    knownSecrets,
    localSandbox,
    appsFeature.disposable,
    leaks.disposable,
    auditFeature.disposable,
    auditSessionEvents(auth.coordinator),
    usage.disposable,
    practices.disposable,
    registerCommands({
      [Commands.showLog]: showLog(channel),
      [Commands.checkConnection]: checkConnection(log.child('api')),
      [Commands.startSandbox]: startSandbox(localSandbox, log.child('sandbox')),
      [Commands.stopSandbox]: stopSandbox(localSandbox),
      ...appsFeature.commands,
      ...auth.commands,
      ...leaks.commands,
      ...auditFeature.commands,
      ...usage.commands,
      ...incident.commands,
      ...practices.commands,
    }),
  );

  log.info(`Vendaze ${context.extension.packageJSON.version} activated (VS Code ${vscode.version}, ${vscode.env.appHost}).`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
