/**
 * Entry point of the host (integration) tier: the VS Code extension host requires this module and calls `run()`,
 * in both hosts (code-server driven by Chromium, or desktop VS Code through @vscode/test-electron).
 * Harness hooks, all optional, all through environment variables (they reach the extension host):
 *   VENDAZE_TEST_OUTPUT_FILE  append the tests' console output here; the harness streams it (the host would
 *                             otherwise bury it in the workbench log)
 *   VENDAZE_TEST_RESULT_FILE  write {passed, failed, pending, vscodeVersion, appHost} here when done
 *   VENDAZE_TEST_GREP         run only the tests whose full title matches this regular expression
 */
import { Console } from 'node:console';
import { createWriteStream, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';
import { hostActivation } from './hostActivation';

/** Points the global console at a real Writable on a file (a bare `{write}` object breaks mocha's reporter). */
function redirectConsole(file: string): void {
  const stream = createWriteStream(file, { flags: 'a' });
  globalThis.console = new Console({ stdout: stream, stderr: stream });
  // The reporters captured console.log when mocha was loaded, before this swap.
  Mocha.reporters.Base.consoleLog = console.log;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => join(dir, f));
}

export async function run(): Promise<void> {
  const { VENDAZE_TEST_OUTPUT_FILE: outFile, VENDAZE_TEST_RESULT_FILE: resultFile, VENDAZE_TEST_GREP: grep } = process.env;
  if (outFile) redirectConsole(outFile);
  process.setSourceMapsEnabled(true); // stack traces point at the .ts lines (out/ carries inline source maps)
  console.log(`Extension host: VS Code ${vscode.version}, appHost ${vscode.env.appHost}, remote ${vscode.env.remoteName ?? 'none'}, Node ${process.version}`);

  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: Boolean(process.env.FORCE_COLOR), reporter: 'spec' });
  if (grep) mocha.grep(new RegExp(grep));
  // This file is out/test/suite/index.js: every transpiled *.test.js beside it and below it is a suite.
  for (const file of testFiles(__dirname)) mocha.addFile(file);

  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? ({} as Mocha.Stats)));
    } catch (error) {
      reject(error);
    }
  });
  // VS Code's own figure for our activation (Running Extensions view), reported by run.mjs next to the bench's.
  const activation = hostActivation('vendaze.vendaze-vscode');
  const result = { passed: stats.passes ?? 0, failed: stats.failures ?? 0, pending: stats.pending ?? 0, vscodeVersion: vscode.version, appHost: vscode.env.appHost, activation };
  if (resultFile) writeFileSync(resultFile, JSON.stringify(result) + '\n');
  if (result.failed > 0) throw new Error(`${result.failed} test(s) failed`);
  if (result.passed === 0) throw new Error('no test ran');
}
