/**
 * Entry point of the Restricted Mode host run (test/host/restricted.mjs): loaded by a small development extension
 * (out/test/restricted, whose package.json the harness writes) while the real extension is installed from its VSIX
 * and the folder is opened untrusted. A development extension is never put into Restricted Mode, so the checks run
 * from here, against the installed build. Same harness hooks as test/suite/index.ts.
 */
import { Console } from 'node:console';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const { VENDAZE_TEST_OUTPUT_FILE: outFile, VENDAZE_TEST_RESULT_FILE: resultFile } = process.env;
  if (outFile) {
    const stream = createWriteStream(outFile, { flags: 'a' });
    globalThis.console = new Console({ stdout: stream, stderr: stream });
    Mocha.reporters.Base.consoleLog = console.log;
  }
  process.setSourceMapsEnabled(true);
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'restricted.test.js'));
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({} as Mocha.Stats)));
  });
  const result = { passed: stats.passes ?? 0, failed: stats.failures ?? 0, pending: stats.pending ?? 0, vscodeVersion: vscode.version, appHost: vscode.env.appHost };
  if (resultFile) writeFileSync(resultFile, JSON.stringify(result) + '\n');
  if (result.failed > 0) throw new Error(`${result.failed} test(s) failed`);
  if (result.passed === 0) throw new Error('no test ran');
}
