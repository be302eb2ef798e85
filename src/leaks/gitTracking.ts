import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';

/** Long enough to keep git off the per-keystroke path, short enough to notice a `git add` soon. */
const TTL_MS = 30_000;

/** Appended to a finding's message when git could not be asked (Restricted Mode runs no programs). */
export const GIT_UNKNOWN_NOTE = 'Could not check .gitignore in Restricted Mode, so this file is rated as one that may be committed.';

/**
 * Is a file tracked by git? Answered from a cache; a miss starts `git ls-files --error-unmatch` in the background
 * and fires onDidChange when the answer arrives, so the diagnostics never wait for git.
 *
 * In Restricted Mode no git process is started (a repository's git config can run programs: hooks, fsmonitor,
 * filters): every file on disk is then "unknown", rated as one that may be committed. Granting trust fires
 * onDidChange with no URI, meaning "everything may have changed".
 */
export class GitTracking implements vscode.Disposable {
  private readonly cache = new Map<string, { tracked: boolean; at: number }>();
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly trustGranted = vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire(undefined));

  /** 'unknown' when git may not be asked (Restricted Mode); otherwise isTracked's answer. */
  status(uri: vscode.Uri): 'tracked' | 'untracked' | 'unknown' {
    if (uri.scheme === 'file' && !vscode.workspace.isTrusted) return 'unknown';
    return this.isTracked(uri) ? 'tracked' : 'untracked';
  }

  /** The cached answer (false until git has answered; untitled and remote files are never tracked). */
  isTracked(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file' || !vscode.workspace.isTrusted) return false;
    const entry = this.cache.get(uri.fsPath);
    if (!entry || Date.now() - entry.at > TTL_MS) this.refresh(uri);
    return entry?.tracked ?? false;
  }

  /** Forget every answer (a .gitignore was saved, files were committed). */
  invalidate(): void {
    this.cache.clear();
  }

  /** Resolves once git has answered for this file (tests and the workspace scan use it). */
  check(uri: vscode.Uri): Promise<boolean> {
    if (uri.scheme !== 'file' || !vscode.workspace.isTrusted) return Promise.resolve(false);
    return new Promise((resolve) => {
      execFile('git', ['ls-files', '--error-unmatch', '--', basename(uri.fsPath)], { cwd: dirname(uri.fsPath), timeout: 10_000 }, (error) => {
        const tracked = !error;
        const previous = this.cache.get(uri.fsPath);
        this.cache.set(uri.fsPath, { tracked, at: Date.now() });
        if (previous?.tracked !== tracked) this.changed.fire(uri);
        resolve(tracked);
      });
    });
  }

  private refresh(uri: vscode.Uri): void {
    if (this.pending.has(uri.fsPath)) return;
    this.pending.add(uri.fsPath);
    void this.check(uri).finally(() => this.pending.delete(uri.fsPath));
  }

  dispose(): void {
    this.trustGranted.dispose();
    this.changed.dispose();
  }
}
