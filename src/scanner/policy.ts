import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Logger } from '../common/logger';
import type { Baseline } from '../scanPolicy/baseline';
import type { Judgement } from '../scanPolicy/judge';
import { BASELINE_FILE, CONFIG_FILE } from '../scanPolicy/names';

type Judge = ReturnType<typeof import('../scanPolicy/judge').judge>;

/** The policy code (zod schemas) loads on the first judgement, not at activation (docs/startup.md). */
function policyModules() {
  /* eslint-disable @typescript-eslint/no-require-imports -- the lazy-load boundary (scripts/build.mjs) */
  return {
    config: require('../scanPolicy/config') as typeof import('../scanPolicy/config'),
    baseline: require('../scanPolicy/baseline') as typeof import('../scanPolicy/baseline'),
    judge: require('../scanPolicy/judge') as typeof import('../scanPolicy/judge'),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * The workspace's vendaze-scan policy for the editor's diagnostics: `.vendazescan.json` / package.json#vendaze-scan
 * excludes and severities, and `.vendaze-baseline.json` at each workspace folder's root (the files the CLI reads).
 * Reloaded when one of them changes; a broken file is logged and ignored (the CLI refuses it loudly instead).
 */
export class ScanPolicyService implements vscode.Disposable {
  private readonly judges = new Map<string, { root: string; judge: Judge }>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly log: Logger) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE},${BASELINE_FILE},package.json}`);
    const reset = (): void => {
      this.judges.clear();
      this.changed.fire();
    };
    this.disposables.push(watcher, watcher.onDidChange(reset), watcher.onDidCreate(reset), watcher.onDidDelete(reset), vscode.workspace.onDidChangeWorkspaceFolders(reset));
  }

  private judgeFor(folder: vscode.WorkspaceFolder): { root: string; judge: Judge } {
    const key = folder.uri.toString();
    let entry = this.judges.get(key);
    if (!entry) {
      const root = folder.uri.fsPath;
      const read = (name: string): string | undefined => (existsSync(join(root, name)) ? readFileSync(join(root, name), 'utf8') : undefined);
      const modules = policyModules();
      let config = modules.config.EMPTY_CONFIG;
      let baseline: Baseline | undefined;
      try {
        config = modules.config.loadScanConfig(read).config;
      } catch (error) {
        this.log.warn(`vendaze-scan config ignored: ${(error as Error).message}`);
      }
      try {
        const text = read(BASELINE_FILE);
        if (text !== undefined) baseline = new modules.baseline.Baseline(modules.baseline.parseBaseline(text).findings);
      } catch (error) {
        this.log.warn(`vendaze-scan baseline ignored: ${(error as Error).message}`);
      }
      entry = { root, judge: modules.judge.judge(baseline ? { config, baseline } : { config }) };
      this.judges.set(key, entry);
    }
    return entry;
  }

  /** Undefined outside a workspace folder (untitled files, other schemes): the finding stands as it is. */
  judge(uri: vscode.Uri, finding: { ruleId: string; fingerprint: string }): Judgement | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const { root, judge: decide } = this.judgeFor(folder);
    const rel = relative(root, uri.fsPath).split(sep).join('/');
    return decide(rel, finding);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
