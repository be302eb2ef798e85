/*
 * START-UP BUDGET (docs/startup.md): this file and everything it imports statically is dist/main.js, loaded in
 * every window (target <= 250 KB, activate() <= 30 ms; `npm run bench` prints bundle-main-kb and activation-ms).
 * Register cheaply here; load heavy code on first use: call a lazy accessor inside the handler, e.g.
 *   import { schemas } from './schemas/lazy';              // zod + schemas, required on first schemas() call
 *   const { thing } = await import('./feature/heavyPart'); // any module of ours: its own dist/lazy-*.js bundle
 * scripts/build.mjs turns every require()/import() of our own module inside a function into a separate bundle.
 * Never import zod, src/schemas/index or the sandbox at module level from code reachable from here.
 */
import * as vscode from 'vscode';
import { SecretRedactor } from './common/redact';
import { Logger } from './common/logger';
import { Commands } from './commands/ids';
import { registerCommands } from './commands/register';
import { showLog } from './commands/showLog';
import { LocalSandboxController } from './localSandbox/controller';
import { AppRegistry } from './apps/registry';
import { activateApps } from './apps/activate';
import { SessionStore } from './auth/sessionStore';
import { activateAuth } from './auth/activate';
import { configureClients } from './clientFactory';
import { hostHttp } from './net/hostHttp';
import { GenerationCache } from './api/generationCache';
import { GenerationResolver } from './api/generationResolver';
import { readApiGenerationSetting } from './config';
import { trackGenerationContext } from './apps/generationContext';
import { registerSchemaProvider } from './payloads/editor/schemaProvider';
import { activateLeaks } from './leaks/activate';
import { StoredKnownSecrets } from './leaks/storedSecrets';
import { activateAudit } from './audit/ui/activate';
import { auditSessionEvents } from './audit/ui/authEvents';
import { activateUsage } from './usage/ui/activate';
import { activateIncident } from './incident/ui/activate';
import { activateMcp } from './mcp/activate';
import { requireTrustFor } from './trust/requireTrust';
import { secretHostConsent } from './trust/secretHostConsent';
import { lazyHandler } from './commands/lazy';
import { ScanPolicyService } from './scanner/policy';
import { activatePractices } from './practices/editor/activate';
import { resolverGenerationSource } from './practices/editor/generation';
import { installTranslator } from './common/l10n';

/** Check Connection, Start/Stop Local Sandbox and Install Pre-commit Hook, required on their first run (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const checkConnectionCommand = () => require('./commands/checkConnection') as typeof import('./commands/checkConnection');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const sandboxCommands = () => require('./localSandbox/commands/startSandbox') as typeof import('./localSandbox/commands/startSandbox');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const preCommitHook = () => require('./scanner/commands/installPreCommitHook') as typeof import('./scanner/commands/installPreCommitHook');

/**
 * Composition root: builds the services once, wires them to VS Code, and hands every disposable to the
 * extension context. No feature logic lives here.
 */
export function activate(context: vscode.ExtensionContext): void {
  // Modules without `vscode` (src/common/l10n.ts) translate through VS Code's l10n from here on.
  installTranslator(vscode.l10n.t, vscode.env.language);
  const channel = vscode.window.createOutputChannel('Vendaze', { log: true });
  const redactor = new SecretRedactor();
  const log = new Logger(channel, redactor);
  // Every API client shares the redactor (tokens it receives are masked everywhere) and reports to the status bar.
  // Which API generation each base URL speaks: vendaze.apiGeneration, else detected without side effects and cached.
  const generations = new GenerationResolver(new GenerationCache(context.globalState), readApiGenerationSetting, (line) => log.info(line));
  // A secret bound for a host other than api.vendaze.com or loopback waits for the user's yes (once per host);
  // requests reach the network through the host's fetch, which VS Code patches for proxies and OS certificates.
  const confirmSecretHost = secretHostConsent(context.globalState, log.child('trust'));
  const http = hostHttp();
  context.subscriptions.push(configureClients({ redactor, version: context.extension.packageJSON.version, http, confirmSecretHost, generations }));
  // Every secret the registry reads or writes is taught to the redactor, so it can never reach the log.
  const apps = new AppRegistry(context.globalState, context.secrets, (secret) => redactor.add(secret));
  // The audit trail first: features record to it (audit.record) from their first action on.
  const auditFeature = activateAudit(context, { redactor, log: log.child('audit') });
  // Signed-in sessions (tokens) live in SecretStorage only; shared by sign-in and the apps tree.
  const sessions = new SessionStore(context.secrets, (secret) => redactor.add(secret));
  const appsFeature = activateApps({ apps, sessions, log: log.child('apps'), globalState: context.globalState, globalStorageUri: context.globalStorageUri });
  const auth = activateAuth(context, { apps, sessions, redactor, log: log.child('auth') });
  // The local sandbox users can start from VS Code (no account needed); a window that died with it running is undone.
  const localSandbox = new LocalSandboxController(context, { apps, sessions, log: log.child('sandbox') });
  void localSandbox.restoreIfStale();
  // Secret-leak diagnostics. Tier 1 matches the exact secrets held in SecretStorage (cached, rebuilt on change).
  const knownSecrets = new StoredKnownSecrets(apps, sessions, log.child('leaks'));
  // The team's vendaze-scan config and baseline apply to the editor's findings too.
  const scanPolicy = new ScanPolicyService(log.child('scanner'));
  const leaks = activateLeaks({ log: log.child('leaks'), knownSecrets, policy: scanPolicy, confirmSecretHost });
  // Rate-limit and request-id monitoring of every response, spike warnings, the Activity view; incident response.
  const usage = activateUsage({ apps, sessions, coordinator: auth.coordinator, log: log.child('usage') });
  const incident = activateIncident(context, { apps, sessions, revokeDeps: auth.revokeDeps, monitor: usage.monitor, redactor, log: log.child('incident'), activity: usage.tree });
  // The security guide's practices, reviewed in the integrator's own code (the rule engine loads on first use).
  const practices = activatePractices({ log: log.child('practices'), generation: resolverGenerationSource(generations) });
  // A leaked value the extension holds can be rotated or revoked from its finding, as incident-response steps.
  leaks.setRemediation(incident.leakRemediation);
  // Vendaze for agent mode: an MCP server definition per session, served through a loopback proxy (no token in files).
  const mcp = activateMcp({ apps, sessions, coordinator: auth.coordinator, active: auth.active, onDidChangeActive: auth.onDidChangeActive, log: log.child('mcp'), http });

  context.subscriptions.push(
    channel,
    sessions,
    knownSecrets,
    scanPolicy,
    localSandbox,
    appsFeature.disposable,
    leaks.disposable,
    auditFeature.disposable,
    auditSessionEvents(auth.coordinator),
    usage.disposable,
    practices.disposable,
    mcp.disposable,
    trackGenerationContext(generations),
    registerSchemaProvider(context.extensionUri),
    // Commands that send secrets or run programs wait for workspace trust and say why (src/trust).
    registerCommands(requireTrustFor({
      [Commands.showLog]: showLog(channel),
      [Commands.checkConnection]: lazyHandler(() => checkConnectionCommand().checkConnection(log.child('api'))),
      [Commands.startSandbox]: lazyHandler(() => sandboxCommands().startSandbox(localSandbox, log.child('sandbox'))),
      [Commands.stopSandbox]: lazyHandler(() => sandboxCommands().stopSandbox(localSandbox)),
      [Commands.installPreCommitHook]: lazyHandler(() => preCommitHook().installPreCommitHook(context.extensionUri, log.child('scanner'))),
      ...appsFeature.commands,
      ...auth.commands,
      ...leaks.commands,
      ...auditFeature.commands,
      ...usage.commands,
      ...incident.commands,
      ...practices.commands,
      ...mcp.commands,
    })),
  );

  log.info(`Vendaze ${context.extension.packageJSON.version} activated (VS Code ${vscode.version}, ${vscode.env.appHost}).`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
