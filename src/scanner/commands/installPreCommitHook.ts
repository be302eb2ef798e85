import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { installHook, type HookInstall } from '../../scanPolicy/gitHook';

export type InstallHookResult = HookInstall | { status: 'untrusted' | 'no-folder' | 'cancelled' };

/**
 * `Vendaze: Install Pre-commit Hook`: the same plain git hook as `vendaze-scan install-hook`, running the CLI this
 * extension ships (dist/vendaze-scan.js). Writing an executable hook into a repository is only offered once the
 * workspace is trusted, and a hook someone else wrote is replaced only after a modal confirmation (kept as a backup).
 * Arg `{ folder, replace }` for tests.
 */
export function installPreCommitHook(extensionUri: vscode.Uri, log: Logger) {
  return async (args?: { folder?: string; replace?: boolean }): Promise<InstallHookResult> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Installing a git hook needs a trusted workspace: trust this folder first (Manage Workspace Trust).'));
      return { status: 'untrusted' };
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    const folder = args?.folder ?? (folders.length === 1 ? folders[0]!.uri.fsPath : (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Repository to protect') }))?.uri.fsPath);
    if (folder === undefined) return { status: folders.length === 0 ? 'no-folder' : 'cancelled' };
    const cliPath = vscode.Uri.joinPath(extensionUri, 'dist', 'vendaze-scan.js').fsPath;
    let result = installHook({ cwd: folder, cliPath });
    if (result.status === 'exists') {
      const replace =
        args?.replace ??
        (await vscode.window.showWarningMessage(
          vscode.l10n.t('{0} already exists and was not written by Vendaze. Replace it? The current hook is kept as pre-commit.vendaze-backup.', result.path),
          { modal: true },
          vscode.l10n.t('Replace'),
        )) === vscode.l10n.t('Replace');
      if (!replace) return result;
      result = installHook({ cwd: folder, cliPath, force: true });
    }
    if (result.status === 'no-repository') {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not in a git repository: nothing installed.', folder));
      return result;
    }
    if (result.status === 'installed' || result.status === 'updated') {
      log.info(`Pre-commit hook ${result.status} at ${result.path}${result.backup ? ` (previous hook kept as ${result.backup})` : ''}.`);
      void vscode.window.showInformationMessage(result.status === 'installed'
          ? vscode.l10n.t('Vendaze pre-commit hook installed: commits whose staged files hold a Vendaze secret are refused (bypass once with git commit --no-verify).')
          : vscode.l10n.t('Vendaze pre-commit hook updated: commits whose staged files hold a Vendaze secret are refused (bypass once with git commit --no-verify).'));
    }
    return result;
  };
}
