import * as vscode from 'vscode';
import type { WorkspaceUsage } from '../advice';
import { resourcesUsedIn } from '../usage';

/**
 * Which Vendaze resources the workspace's code calls, for least-privilege hints. Cheap on purpose: at most
 * MAX_FILES source files under MAX_BYTES each, read once and cached for a couple of minutes. `undefined` (can't
 * tell) when no /v1 resource path shows up at all: the code may live elsewhere, so no scope is called unused.
 */

const SOURCE_GLOB = '**/*.{ts,tsx,js,jsx,mjs,cjs,py,rb,go,java,kt,php,cs,rs,swift,sh,http,rest}';
const EXCLUDE_GLOB = '{**/node_modules/**,**/dist/**,**/out/**,**/build/**,**/.git/**,**/vendor/**,**/.cache/**}';
const MAX_FILES = 1500;
const MAX_BYTES = 512 * 1024;
const CACHE_MS = 120_000;

export class WorkspaceUsageScanner {
  private cached: { at: number; usage: Promise<WorkspaceUsage> } | undefined;

  usage(): Promise<WorkspaceUsage> {
    if (!this.cached || Date.now() - this.cached.at > CACHE_MS) {
      this.cached = { at: Date.now(), usage: this.scan().catch(() => undefined) };
    }
    return this.cached.usage;
  }

  private async scan(): Promise<WorkspaceUsage> {
    if (!vscode.workspace.workspaceFolders?.length) return undefined;
    const files = await vscode.workspace.findFiles(SOURCE_GLOB, EXCLUDE_GLOB, MAX_FILES);
    const used = new Set<string>();
    const decoder = new TextDecoder();
    for (const file of files) {
      const stat = await vscode.workspace.fs.stat(file).then(undefined, () => undefined);
      if (!stat || stat.size > MAX_BYTES) continue;
      const text = decoder.decode(await vscode.workspace.fs.readFile(file));
      for (const resource of resourcesUsedIn(text)) used.add(resource);
    }
    return used.size > 0 ? used : undefined;
  }
}
