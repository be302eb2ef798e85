import * as vscode from 'vscode';
import type { AppRegistry } from '../../apps/registry';
import type { SessionStore } from '../../auth/sessionStore';
import type { RevokeDeps } from '../../auth/signOut';
import type { Logger } from '../../common/logger';
import type { SecretRedactor } from '../../common/redact';
import { Commands } from '../../commands/ids';
import type { UsageMonitor } from '../../usage/monitor';
import type { IncidentSource } from '../../usage/ui/activityTree';
import { STEP_IDS, STEP_TITLES, nextStep } from '../checklist';
import type { LeakRemediation } from '../../leaks/remediation';
import { IncidentStore } from '../store';

/* eslint-disable @typescript-eslint/no-require-imports -- lazy-load boundaries (scripts/build.mjs, docs/startup.md) */
/** The runner, its prompts and the API calls load when an incident starts, not at activation. */
const commandModule = () => require('./command') as typeof import('./command');
const remediationModule = () => require('./leakRemediation') as typeof import('./leakRemediation');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The incident response: its store (globalState), its command, and its progress for the Activity view. */
export function activateIncident(
  context: vscode.ExtensionContext,
  deps: { apps: AppRegistry; sessions: SessionStore; revokeDeps: RevokeDeps; monitor: UsageMonitor; redactor: SecretRedactor; log: Logger; activity?: { setIncidentSource(source: IncidentSource): void; refresh(): void } },
) {
  const store = new IncidentStore(context.globalState);
  const source: IncidentSource = {
    progress: (clientId) => {
      const open = store.openFor(clientId);
      if (!open) return undefined;
      const next = nextStep(open);
      return { done: STEP_IDS.filter((id) => ['done', 'skipped'].includes(open.steps[id].status)).length, total: STEP_IDS.length, next: next && STEP_TITLES[next] };
    },
  };
  deps.activity?.setIncidentSource(source);
  const refresh = () => deps.activity?.refresh();
  let command: ((...args: unknown[]) => unknown) | undefined;
  const commands = {
    [Commands.incidentResponse]: (...args: unknown[]) => (command ??= commandModule().incidentResponseCommand({ ...deps, store }, refresh) as (...a: unknown[]) => unknown)(...args),
  };
  /** Rotate / revoke quick fixes of leak findings, as incident steps (for leaks.setRemediation). */
  let remediation: LeakRemediation | undefined;
  const real = () => (remediation ??= remediationModule().incidentLeakRemediation({ ...deps, store }, refresh));
  const leakRemediation: LeakRemediation = { rotate: (clientId) => real().rotate(clientId), revoke: (clientId) => real().revoke(clientId) };
  return { store, commands, leakRemediation };
}
