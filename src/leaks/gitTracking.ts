import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { GitState } from '../scanPolicy/severity';

/** Long enough to keep git off the per-keystroke path, short enough to notice a `git add` soon. */
const TTL_MS = 30_000;

/**
 * Is a file tracked by git? Answered from a cache; a miss starts `git ls-files --error-unmatch` in the background
 * and fires onDidChange when the answer arrives, so the diagnostics never wait for git.
 *
 * In Restricted Mode no git process is started (a repository's git config can run programs: hooks, fsmonitor,
 * filters): every file on disk is then "unknown", rated as one that may be committed. Granting trust fires
 * onDidChange with no URI, meaning "everything may have changed".
 */
export class GitTracking implements vscode.Disposable {
  private readonly cache = new Map<string, { state: GitState; at: number }>();
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly trustGranted = vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire(undefined));

  /**
   * The cached answer for the severity policy (src/scanPolicy/severity.ts): 'unknown' when git may not be asked
   * (Restricted Mode, git missing); untitled and remote files are 'outside' any repository, and so is a file git
   * has not answered for yet (a moment; onDidChange republishes it).
   */
  state(uri: vscode.Uri): GitState {
    if (uri.scheme !== 'file') return 'outside';
    if (!vscode.workspace.isTrusted) return 'unknown';
    const entry = this.cache.get(uri.fsPath);
    if (!entry || Date.now() - entry.at > TTL_MS) this.refresh(uri);
    return entry?.state ?? 'outside';
  }

  /** The cached answer (false until git has answered; untitled and remote files are never tracked). */
  isTracked(uri: vscode.Uri): boolean {
    return this.state(uri) === 'tracked';
  }

  /** Forget every answer (a .gitignore was saved, files were committed). */
  invalidate(): void {
    this.cache.clear();
  }

  /** Resolves once git has answered for this file (tests and the workspace scan use it). */
  async check(uri: vscode.Uri): Promise<boolean> {
    return (await this.checkState(uri)) === 'tracked';
  }

  /** Asks git: tracked (ls-files), else ignored or not (check-ignore: 0 ignored, 1 not, 128 no work tree). */
  async checkState(uri: vscode.Uri): Promise<GitState> {
    if (uri.scheme !== 'file') return 'outside';
    if (!vscode.workspace.isTrusted) return 'unknown';
    const options = { cwd: dirname(uri.fsPath), timeout: 10_000 };
    const name = basename(uri.fsPath);
    const exit = (args: string[]) =>
      new Promise<number | string>((resolve) => execFile('git', args, options, (error) => resolve(!error ? 0 : typeof error.code === 'number' ? error.code : String(error.code))));
    let state: GitState;
    if ((await exit(['ls-files', '--error-unmatch', '--', name])) === 0) state = 'tracked';
    else {
      const ignored = await exit(['check-ignore', '-q', '--', name]);
      state = ignored === 0 ? 'ignored' : ignored === 1 ? 'unignored' : ignored === 128 ? 'outside' : 'unknown';
    }
    const previous = this.cache.get(uri.fsPath);
    this.cache.set(uri.fsPath, { state, at: Date.now() });
    if (previous?.state !== state) this.changed.fire(uri);
    return state;
  }

  private refresh(uri: vscode.Uri): void {
    if (this.pending.has(uri.fsPath)) return;
    this.pending.add(uri.fsPath);
    void this.checkState(uri).finally(() => this.pending.delete(uri.fsPath));
  }

  dispose(): void {
    this.trustGranted.dispose();
    this.changed.dispose();
  }
}
