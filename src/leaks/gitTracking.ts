import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';

/** Long enough to keep git off the per-keystroke path, short enough to notice a `git add` soon. */
const TTL_MS = 30_000;

/**
 * Is a file tracked by git? Answered from a cache; a miss starts `git ls-files --error-unmatch` in the background
 * and fires onDidChange when the answer arrives, so the diagnostics never wait for git.
 */
export class GitTracking implements vscode.Disposable {
  private readonly cache = new Map<string, { tracked: boolean; at: number }>();
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** The cached answer (false until git has answered; untitled and remote files are never tracked). */
  isTracked(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file') return false;
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
    if (uri.scheme !== 'file') return Promise.resolve(false);
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
    this.changed.dispose();
  }
}
