import * as vscode from 'vscode';
import { BINARY_SNIFF_LENGTH, detectSecrets, isLockFile, type Finding, type KnownSecret } from '../detector';
import type { Logger } from '../common/logger';
import type { LeakDiagnostics } from './diagnostics';
import { gitVisibleFiles } from './gitIgnored';
import { addSkipped, addToSummary, emptySummary, excludeGlob, inAlwaysExcludedDir, summaryText, type SkipReason, type WorkspaceScanSummary } from './scanPlan';

export interface ScanWorkspaceArgs {
  /** Glob of files to scan (default: every file). */
  include?: string;
  /** Files above this size are skipped (default 10 MB, as the CLI). */
  maxFileMb?: number;
}

export interface ScanWorkspaceDeps {
  diagnostics: LeakDiagnostics;
  log: Logger;
}

/**
 * `Vendaze: Scan Workspace for Secrets`: every workspace file that files.exclude and .gitignore leave, results in
 * the Problems view, a cancellable progress notification, and a summary returned to the caller.
 */
export function scanWorkspace(deps: ScanWorkspaceDeps) {
  return async (args: ScanWorkspaceArgs = {}): Promise<WorkspaceScanSummary> => {
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Vendaze: scanning the workspace for secrets'), cancellable: true },
      (progress, token) => run(deps, args, progress, token),
    );
    const text = summaryText(summary);
    deps.log.info(text);
    const anything = summary.findings + summary.openSkippedFindings + summary.openUnlistedFindings > 0;
    void vscode.window.showInformationMessage(text, ...(anything ? [vscode.l10n.t('Show Problems')] : [])).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return summary;
  };
}

async function run(
  deps: ScanWorkspaceDeps,
  args: ScanWorkspaceArgs,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<WorkspaceScanSummary> {
  const summary = emptySummary();
  const exclude = excludeGlob(vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude'));
  const found = await vscode.workspace.findFiles(args.include ?? '**/*', exclude, undefined, token);
  const visible = new Map<string, Set<string> | undefined>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme === 'file') visible.set(folder.uri.toString(), await gitVisibleFiles(folder.uri.fsPath, vscode.workspace.isTrusted));
  }
  const maxBytes = (args.maxFileMb ?? 10) * 1024 * 1024;
  const knownSecrets = deps.diagnostics.knownSecrets();
  const files = found.filter((uri) => !inAlwaysExcludedDir(uri.path)).sort((a, b) => a.path.localeCompare(b.path));
  deps.diagnostics.clearScanned();

  for (let i = 0; i < files.length; i++) {
    if (token.isCancellationRequested) {
      summary.cancelled = true;
      break;
    }
    const uri = files[i]!;
    const path = vscode.workspace.asRelativePath(uri, true);
    if (i % 25 === 0) progress.report({ message: vscode.l10n.t('{0}/{1} files', i, files.length), increment: (25 / files.length) * 100 });
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const gitFiles = folder ? visible.get(folder.uri.toString()) : undefined;
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    const skip: SkipReason | undefined = gitFiles && !gitFiles.has(uri.fsPath) ? 'gitIgnored' : isLockFile(uri.path) ? 'lockFile' : undefined;
    if (skip) {
      addSkipped(summary, skip, open ? deps.diagnostics.findings(uri).length : 0);
      continue;
    }
    if (open) {
      addToSummary(summary, path, deps.diagnostics.findings(uri)); // the live diagnostics already track its unsaved text
      continue;
    }
    const findings = await scanFile(uri, maxBytes, knownSecrets);
    if (typeof findings === 'string') {
      addSkipped(summary, findings);
      continue;
    }
    addToSummary(summary, path, findings);
    if (findings.length > 0) deps.diagnostics.setScanned(uri, findings);
  }
  if (!summary.cancelled) {
    const listed = new Set(files.map((uri) => uri.toString()));
    for (const document of vscode.workspace.textDocuments) {
      if (!document.isClosed && !listed.has(document.uri.toString())) summary.openUnlistedFindings += deps.diagnostics.findings(document.uri).length;
    }
  }
  return summary;
}

/** The file's findings, or why it was not scanned. */
async function scanFile(uri: vscode.Uri, maxBytes: number, knownSecrets: readonly KnownSecret[]): Promise<Finding[] | SkipReason> {
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > maxBytes) return 'tooLarge';
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.subarray(0, BINARY_SNIFF_LENGTH).includes(0)) return 'binary';
    return detectSecrets(new TextDecoder().decode(bytes), { fileName: uri.path, knownSecrets });
  } catch {
    return 'unreadable'; // deleted or unreadable since findFiles listed it
  }
}
