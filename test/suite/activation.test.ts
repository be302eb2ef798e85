/**
 * The extension loads in a real extension host, activates lazily on its own command, and its first commands
 * answer. Runs in both hosts (code-server and desktop VS Code).
 */
import assert from 'node:assert/strict';
import { hostActivation } from './hostActivation';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, freePort } from './support';
import * as vscode from 'vscode';

const EXTENSION_ID = 'vendaze.vendaze-vscode';

suite('activation', () => {
  const config = () => vscode.workspace.getConfiguration('vendaze');

  teardown(async () => {
    // User settings live in the run's throwaway user-data dir, never in the fixtures workspace.
    await config().update('apiBaseUrl', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the extension is installed in this host and activates on its command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded in this host`);
    await vscode.commands.executeCommand('vendaze.showLog');
    assert.equal(extension.isActive, true);
    assert.equal(typeof extension.packageJSON.version, 'string');
  });

  test("VS Code measured our activation (the Running Extensions view's figure: code loading + activate call)", async function () {
    await vscode.commands.executeCommand('vendaze.showLog');
    const measured = hostActivation(EXTENSION_ID);
    // Hosts without VS Code's performance marks (another build) have nothing to report.
    if (!measured) return this.skip();
    assert.ok(measured.codeLoadingMs >= 0 && measured.activateCallMs >= 0, JSON.stringify(measured));
    assert.ok(measured.codeLoadingMs > 0 || measured.activateCallMs > 0, 'some time was measured');
    console.log(`    VS Code measured: code loading ${measured.codeLoadingMs.toFixed(1)} ms + activate() ${measured.activateCallMs.toFixed(1)} ms = ${measured.totalMs.toFixed(1)} ms`);
  });

  test('the main bundle runs through a V8 code cache this host writes after start-up (docs/startup.md)', async function () {
    this.timeout(40_000);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    await vscode.commands.executeCommand('vendaze.showLog');
    // Extensions share the host's module cache: the loader's module is the one VS Code required.
    const dist = join(realpathSync(extension.extensionPath), 'dist');
    const loader = require.cache[join(dist, 'extension.js')];
    const state = (loader?.exports as { __vendazeCodeCache?: string } | undefined)?.__vendazeCodeCache;
    assert.ok(state === 'absent' || state === 'rejected' || state === 'used', `the loader reported no code-cache state (${String(state)})`);
    // Absent or refused at this start: written a few seconds after loading, for this host's V8.
    const ours = `-${process.versions.v8}-${process.arch}.v8cache`;
    const cacheDir = join(dist, '.v8cache');
    await eventually('a code cache file for this V8', () => existsSync(cacheDir) && readdirSync(cacheDir).some((f) => f.endsWith(ours)), 30_000);
    console.log(`    code cache at this start: ${state}`);
  });

  test('vendaze.showLog reveals the "Vendaze" log channel', async () => {
    await vscode.commands.executeCommand('vendaze.showLog');
    // The output view shows the channel's backing document: its URI names the channel.
    const shown = vscode.workspace.textDocuments.map((d) => d.uri.toString());
    assert.ok(shown.some((uri) => uri.startsWith('output:') && /vendaze/i.test(uri)), `no Vendaze output document among ${shown.join(', ')}`);
  });

  test('vendaze.checkConnection returns a result object naming the unreachable API', async () => {
    const base = `http://127.0.0.1:${await freePort()}`;
    await config().update('apiBaseUrl', base, vscode.ConfigurationTarget.Global);
    const result = await vscode.commands.executeCommand<{ reachable: boolean; baseUrl: string; message?: string }>('vendaze.checkConnection');
    assert.ok(result && typeof result === 'object', 'checkConnection returned no result');
    assert.equal(result.reachable, false);
    assert.equal(result.baseUrl, base);
    // Wording belongs to the API layer; what matters here is that the message names the address that failed.
    assert.ok(result.message?.includes(base.replace('http://', '')), `message does not name ${base}: ${result.message}`);
  });
});
