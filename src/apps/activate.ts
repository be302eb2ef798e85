import * as vscode from 'vscode';
import type { SessionStore } from '../auth/sessionStore';
import { createVendazeClient } from '../clientFactory';
import type { Logger } from '../common/logger';
import { addExistingApp } from './commands/addExistingApp';
import { copyClientId } from './commands/copyClientId';
import { copyRedirectUri } from './commands/copyRedirectUri';
import { Commands, Views } from '../commands/ids';
import { openPayload } from './commands/openPayload';
import { refreshApps } from './commands/refreshApps';
import { registerApp } from './commands/registerApp';
import { removeApp } from './commands/removeApp';
import { deleteApp } from './commands/deleteApp';
import { rotateApp } from './commands/rotateApp';
import { submitPayload } from './commands/submitPayload';
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
    [Commands.registerApp]: registerApp(deps),
    [Commands.addExistingApp]: addExistingApp(deps),
    [Commands.removeApp]: removeApp(deps),
    [Commands.deleteApp]: deleteApp(deps),
    [Commands.rotateApp]: rotateApp(deps),
    [Commands.openPayload]: openPayload(deps),
    [Commands.copyClientId]: copyClientId(deps),
    [Commands.copyRedirectUri]: copyRedirectUri(deps),
    [Commands.submitPayload]: submitPayload(deps),
    [Commands.refreshApps]: refreshApps(deps),
    [Commands.remindSecretLater]: remindSecretLater(deps, reminder),
    [Commands.muteSecretReminder]: muteSecretReminder(deps, reminder),
  };
  return { commands, disposable };
}
