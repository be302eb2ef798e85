import * as vscode from 'vscode';
import type { AppRegistry } from '../../apps/registry';
import type { SessionStore } from '../../auth/sessionStore';
import type { RevokeDeps } from '../../auth/signOut';
import type { Logger } from '../../common/logger';
import type { SecretRedactor } from '../../common/redact';
import { Commands } from '../../commands/ids';
import type { UsageMonitor } from '../../usage/monitor';
import type { IncidentSource } from '../../usage/ui/activityTree';
import { IncidentStore } from '../store';
import type { LeakRemediation } from '../../leaks/remediation';
import { lazyHandler } from '../../commands/lazy';

/** The runner, its prompts and the API calls, required when an incident starts (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const handlers = () => require('./handlers') as typeof import('./handlers');

/** The checklist, required when the Activity view first asks for an incident's progress (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const checklist = () => require('./checklistPick') as typeof import('./checklistPick');

/** The incident response: its store (globalState), its command, and its progress for the Activity view. */
export function activateIncident(
  context: vscode.ExtensionContext,
  deps: { apps: AppRegistry; sessions: SessionStore; revokeDeps: RevokeDeps; monitor: UsageMonitor; redactor: SecretRedactor; log: Logger; activity?: { setIncidentSource(source: IncidentSource): void; refresh(): void } },
) {
  const store = new IncidentStore(context.globalState);
  const source: IncidentSource = {
    progress: (clientId) => {
      const open = store.openFor(clientId);
      return open && checklist().incidentProgress(open);
    },
  };
  deps.activity?.setIncidentSource(source);
  const refresh = () => deps.activity?.refresh();
  const commands = {
    [Commands.incidentResponse]: lazyHandler(() => handlers().incidentResponseCommand({ ...deps, store }, refresh)),
  };
  /** Rotate / revoke quick fixes of leak findings, as incident steps (for leaks.setRemediation). */
  let remediation: LeakRemediation | undefined;
  const real = () => (remediation ??= handlers().incidentLeakRemediation({ ...deps, store }, refresh));
  const leakRemediation: LeakRemediation = { rotate: (clientId) => real().rotate(clientId), revoke: (clientId) => real().revoke(clientId) };
  return { store, commands, leakRemediation };
}
