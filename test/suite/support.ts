/**
 * Helpers shared by the host suites (not a test file: index.ts loads only *.test.js).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { SANDBOX_JWT_HEADER } from '../../src/sandbox/jwt';

/** A loopback port free right now (for a listener bound once, or a port nobody serves); re-bound ports: quietPort. */
export { closedPort as freePort } from '../unit/support/ports';

/** executeCommand typed as a plain Promise. */
export const cmd = <T>(id: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(id, ...args) as Promise<T>;

/** Every file under `dir` (below 50 MB), for the scans that prove no secret reached the disk. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) out.push(...filesUnder(path));
    else if (stat.isFile() && stat.size < 50_000_000) out.push(path);
  }
  return out;
}

/**
 * Where a secret shows in clear text in `files`: any exact value the suite saw (client secrets, codes, tokens), any
 * JWT or sandbox token header, any unredacted PKCE verifier. An empty list means nothing leaked.
 */
export function clearTextSecrets(files: readonly string[], seen: ReadonlySet<string>): string[] {
  const leaks: string[] = [];
  for (const file of files) {
    const text = readFileSync(file).toString('latin1');
    for (const secret of seen) if (text.includes(secret)) leaks.push(`${file}: a ${secret.startsWith('eyJ') ? 'token' : 'secret/code'} (${secret.length} chars)`);
    // Sandbox tokens are JWTs: any JWT (or a sandbox token's header) in clear text is a leak.
    if (/\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/.test(text)) leaks.push(`${file}: a JWT`);
    if (text.includes(SANDBOX_JWT_HEADER)) leaks.push(`${file}: a sandbox token (JWT header)`);
    if (/code_verifier=(?!\[REDACTED\])[A-Za-z0-9._~-]{20,}/.test(text)) leaks.push(`${file}: a PKCE verifier`);
  }
  return leaks;
}

/** Polls `check` every 50 ms until it returns something truthy, or fails after `waitMs` naming `what`. */
export async function eventually<T>(what: string, check: () => T | undefined | false, waitMs = 20_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Awaits `probe` every 100 ms until it gives something other than undefined, or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Waits until these untitled documents have closed in this extension host. VS Code reuses untitled names, and under
 * load `openTextDocument({ content })` right after a close can hand back the old, still-closing document of the
 * reused name, with the old text (seen at load 15: the 1,200-secret test got the 3 MB document of the test before).
 */
export async function untitledClosed(documents: Iterable<vscode.TextDocument>): Promise<void> {
  const untitled = [...documents].filter((d) => d.uri.scheme === 'untitled');
  await eventually('closed untitled documents to leave the extension host', () => untitled.every((d) => d.isClosed), 30_000);
}

/** Reverts and closes the active editor, and waits until its document, if untitled, has closed in this host. */
export async function revertAndCloseActive(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  if (document) await untitledClosed([document]);
}
