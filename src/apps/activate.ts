import * as vscode from 'vscode';
import type { SessionStore } from '../auth/sessionStore';
import { createVendazeClient } from '../clientFactory';
import type { Logger } from '../common/logger';
import { copyClientId } from './commands/copyClientId';
import { copyRedirectUri } from './commands/copyRedirectUri';
import { Commands, Views } from '../commands/ids';
import { openPayload } from './commands/openPayload';
import { refreshApps } from './commands/refreshApps';
import { readSecretMaxAgeDays, SettingKeys } from '../config';
import { registerSubmitCodeLens } from '../payloads/editor/codeLens';
import { PayloadDiagnostics } from '../payloads/editor/diagnostics';
import { setPayloadStorage } from '../payloads/editor/documents';
import { WorkspaceUsageScanner } from '../payloads/editor/workspaceUsage';
import { AppsTreeProvider } from '../tree/appsTreeProvider';
import type { AppsDeps } from './appsDeps';
import type { AppRegistry } from './registry';
import { SecretAgeReminder } from './reminder/secretAgeReminder';
import { muteSecretReminder, remindSecretLater } from './commands/secretReminder';
import { lazyHandler } from '../commands/lazy';

/** The heavier app commands, required on the first one that runs (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const handlers = () => require('./commands') as typeof import('./commands');

/**
 * The apps feature: the Apps tree, payload editing (diagnostics, CodeLens) and the app commands. Returns the
 * command handlers for the composition root's single `registerCommands` call, and one disposable for the rest.
 */
export function activateApps(services: { apps: AppRegistry; sessions: SessionStore; log: Logger; globalState: vscode.Memento; globalStorageUri?: vscode.Uri }) {
  const { globalState, globalStorageUri, ...core } = services;
  if (globalStorageUri) setPayloadStorage(globalStorageUri); // where new payload files are saved (documents.ts)
  const log = core.log;
  const usage = new WorkspaceUsageScanner();
  const diagnostics = new PayloadDiagnostics(usage);
  const tree = new AppsTreeProvider(services.apps, services.sessions, readSecretMaxAgeDays);
  const deps: AppsDeps = {
    ...core,
    createClient: () => createVendazeClient(log),
    diagnostics,
    usage,
    tree,
  };
  const view = vscode.window.createTreeView(Views.apps, { treeDataProvider: tree, showCollapseAll: true });
  const reminder = new SecretAgeReminder(services.apps, readSecretMaxAgeDays, globalState, view);
  reminder.check();

  const disposable = vscode.Disposable.from(
    tree,
    view,
    diagnostics,
    registerSubmitCodeLens(),
    reminder,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`vendaze.${SettingKeys.secretMaxAgeDays}`)) {
        tree.refresh();
        reminder.check();
      }
    }),
  );

  const commands = {
    [Commands.registerApp]: lazyHandler(() => handlers().registerApp(deps)),
    [Commands.addExistingApp]: lazyHandler(() => handlers().addExistingApp(deps)),
    [Commands.removeApp]: lazyHandler(() => handlers().removeApp(deps)),
    [Commands.deleteApp]: lazyHandler(() => handlers().deleteApp(deps)),
    [Commands.rotateApp]: lazyHandler(() => handlers().rotateApp(deps)),
    [Commands.openPayload]: openPayload(deps),
    [Commands.copyClientId]: copyClientId(deps),
    [Commands.copyRedirectUri]: copyRedirectUri(deps),
    [Commands.submitPayload]: lazyHandler(() => handlers().submitPayload(deps)),
    [Commands.refreshApps]: refreshApps(deps),
    [Commands.remindSecretLater]: remindSecretLater(deps, reminder),
    [Commands.muteSecretReminder]: muteSecretReminder(deps, reminder),
  };
  return { commands, disposable };
}
