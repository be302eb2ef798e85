// Runs the mocha suites (out/test/suite/index.js, built by `node scripts/build.mjs --tests`) inside a real
// VS Code extension host, with the built extension loaded and test/fixtures/workspace opened.
//   VSCODE_EXECUTABLE_PATH=<code> or VENDAZE_TEST_HOST=electron   desktop VS Code through @vscode/test-electron
//   otherwise                                                      code-server (provisioned into .cache/host) + Chromium
// Other knobs: VENDAZE_HOST_LOCALE (e.g. pt-br: code-server's --locale, for test/suite/l10n.test.ts), VENDAZE_TEST_GREP (regexp over test titles), VENDAZE_HOST_TIMEOUT_SECONDS (default 900),
// CHROMIUM_PATH (default /usr/bin/chromium), VENDAZE_KEEP_RUN=1 (keep .cache/runs/<run> even on success),
// VENDAZE_HOST_RUNS (default main,restricted): with code-server, a second run checks Restricted Mode against the
// packaged VSIX in an untrusted folder (test/host/restricted.mjs); `restricted` alone skips the main suites.
// The tests see VENDAZE_TEST_HOST (code-server|electron) and VENDAZE_TEST_USER_DATA_DIR (the host's user-data dir).
// Exits non-zero when the host fails, any test fails, or no test ran; the last line is `N passed, N failed`.
import { appendFileSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startCodeServer } from './codeServer.mjs';
import { provision, root } from './provision.mjs';
import { runRestricted } from './restricted.mjs';

const log = (msg) => console.log(`[vendaze:host] ${msg}`);
const suiteEntry = join(root, 'out', 'test', 'suite', 'index.js');
const fixtures = join(root, 'test', 'fixtures', 'workspace');
const kind = process.env.VSCODE_EXECUTABLE_PATH || process.env.VENDAZE_TEST_HOST === 'electron' ? 'electron' : 'code-server';
const timeoutMs = Number(process.env.VENDAZE_HOST_TIMEOUT_SECONDS || 900) * 1000;

if (!existsSync(suiteEntry)) {
  console.error(`[vendaze:host] ${suiteEntry} is missing: run \`node scripts/build.mjs --tests\` first`);
  process.exit(2);
}

// Failed runs are kept for their logs; prune the ones older than a day (a live run is at most VENDAZE_HOST_TIMEOUT_SECONDS old).
const runs = join(root, '.cache', 'runs');
mkdirSync(runs, { recursive: true });
for (const old of readdirSync(runs)) {
  if (Date.now() - statSync(join(runs, old)).mtimeMs > 24 * 3600_000) rmSync(join(runs, old), { recursive: true, force: true });
}
// One short-pathed dir per run (electron's IPC socket lives in the user-data dir and has a ~100 char limit).
const runDir = mkdtempSync(join(runs, 'r-'));
const dirs = { ud: join(runDir, 'ud'), ed: join(runDir, 'ed') };
const files = { output: join(runDir, 'tests.log'), result: join(runDir, 'result.json'), server: join(runDir, 'server.log'), workbench: join(runDir, 'workbench.log') };
const testEnv = {
  VENDAZE_TEST_HOST: kind,
  VENDAZE_TEST_USER_DATA_DIR: dirs.ud,
  VENDAZE_TEST_OUTPUT_FILE: files.output,
  VENDAZE_TEST_RESULT_FILE: files.result,
  ...(process.env.VENDAZE_HOST_LOCALE ? { VENDAZE_TEST_LOCALE: process.env.VENDAZE_HOST_LOCALE } : {}),
};
Object.assign(process.env, testEnv); // code-server passes its env on to the extension host

/** Streams what the tests append to their output file while they run. */
function follow(file) {
  let offset = 0;
  const pump = () => {
    if (!existsSync(file)) return;
    const fd = openSync(file, 'r');
    const chunk = Buffer.alloc(64 * 1024);
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, offset)) > 0; offset += n) process.stdout.write(chunk.subarray(0, n));
    closeSync(fd);
  };
  const timer = setInterval(pump, 250);
  return () => { clearInterval(timer); pump(); };
}

/** Rejects after `ms` so a hung host cannot hang CI. */
const deadline = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000}s`)), ms).unref());

let cleanup = async () => {};
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, async () => { await cleanup(); process.exit(130); });

async function runCodeServer() {
  const host = provision();
  log(`host: code-server ${host.codeServerVersion} = VS Code ${host.vscodeVersion} (${host.vscodeCommit.slice(0, 10)}), Node ${host.nodeVersion}, Chromium`);
  // Essential: a built workbench ignores the extension-development payload unless the smoke-test driver is on.
  const server = await startCodeServer(host, { dataDir: runDir, logFile: files.server, extraArgs: ['--vscode-option', 'enable-smoke-test-driver',
    ...(process.env.VENDAZE_HOST_LOCALE ? ['--locale', process.env.VENDAZE_HOST_LOCALE] : [])] });
  const { port } = server;
  let browser;
  cleanup = async () => {
    await browser?.close().catch(() => {});
    await server.stop();
  };
  log(`code-server listening on ${server.url}`);

  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage();
  let settle;
  const exited = new Promise((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => settle(code));
  page.on('crash', () => settle('page crashed'));
  // VENDAZE_HOST_LOCALE: the web workbench takes its language (vscode.env.language) only from a language pack's
  // messages file, which sets globalThis._VSCODE_NLS_LANGUAGE; --locale alone leaves it 'en' (measured, see
  // docs/localization.md). Without a pack, set that global before the workbench loads: core UI stays English, the
  // extension host gets the language and VS Code loads the extension's own bundles for it.
  const locale = process.env.VENDAZE_HOST_LOCALE;
  if (locale) await page.addInitScript((language) => { globalThis._VSCODE_NLS_LANGUAGE = language; }, locale);
  await page.exposeFunction('codeAutomationLog', (...entry) => appendFileSync(files.workbench, JSON.stringify(entry) + '\n'));
  // The URI authority must be the host:port the page was loaded from.
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(root)], ['extensionTestsPath', remote(suiteEntry)],
    ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  // Loading the workbench can take well over playwright's default 30 s on a busy 2-core machine.
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(fixtures)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 180_000 });
  return await Promise.race([exited, deadline(timeoutMs, 'test run')]);
}

async function runElectron() {
  const { runTests } = await import('@vscode/test-electron');
  const exe = process.env.VSCODE_EXECUTABLE_PATH;
  log(`host: desktop VS Code through @vscode/test-electron (${exe || 'downloaded stable build'}); version below comes from the host itself`);
  try {
    return await Promise.race([deadline(timeoutMs, 'test run'), runTests({
      ...(exe ? { vscodeExecutablePath: exe } : {}),
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteEntry,
      extensionTestsEnv: testEnv,
      launchArgs: [fixtures, '--disable-extensions', `--user-data-dir=${dirs.ud}`, `--extensions-dir=${dirs.ed}`,
        '--use-inmemory-secretstorage'], // runTests adds --skip-welcome, --disable-workspace-trust and co. itself
    })]);
  } catch (error) {
    if (/timed out/.test(error.message)) throw error;
    log(error.message); // runTests rejects on a non-zero exit: the verdict below says why
    return 1;
  }
}

// Harmless: code-server's missing IPC socket and telemetry lookups offline, mocha peeking at `navigator`.
const noise = /code-server-ipc\.sock|ENOTFOUND (mobile\.events\.data\.microsoft\.com|open-vsx\.org)|PendingMigrationError: navigator/;

/** Activation errors only show in the extension host's own log. */
function printExtHostErrors() {
  const logs = join(dirs.ud, 'logs');
  if (!existsSync(logs)) return;
  for (const file of readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => /exthost\.log$/.test(f))) {
    const errors = readFileSync(join(logs, file), 'utf8').split('\n').filter((l) => l.includes('[error]') && !noise.test(l));
    if (errors.length) log(`[error] lines of ${join(logs, file)}:\n${errors.join('\n')}`);
  }
}

const started = Date.now();
const hostRuns = (process.env.VENDAZE_HOST_RUNS || 'main,restricted').split(',');
const stopFollowing = follow(files.output);
let hostExit;
try {
  if (hostRuns.includes('main')) hostExit = kind === 'electron' ? await runElectron() : await runCodeServer();
} catch (error) {
  log(`host run failed: ${error.message}`);
} finally {
  await cleanup();
  stopFollowing();
}

const result = existsSync(files.result) ? JSON.parse(readFileSync(files.result, 'utf8')) : hostRuns.includes('main') ? undefined : { passed: 0, failed: 0, pending: 0 };
const problems = [];
if (hostRuns.includes('main')) {
  if (hostExit !== 0) problems.push(`host exit code ${hostExit ?? 'none'}`);
  if (!result) problems.push('no result file: the suite never finished (load error or hang?)');
  else if (result.failed > 0) problems.push(`${result.failed} test(s) failed`);
  else if (result.passed === 0) problems.push('no test ran');
}
// Restricted Mode needs the installed VSIX and a trust-enabled host: code-server only.
if (kind === 'code-server' && hostRuns.includes('restricted')) {
  try {
    const restricted = await runRestricted({ host: provision(), root, runDir, timeoutMs, follow, log });
    problems.push(...restricted.problems);
    log(`Restricted Mode run: ${restricted.passed} passed, ${restricted.failed} failed`);
    if (result) Object.assign(result, { passed: result.passed + restricted.passed, failed: result.failed + restricted.failed });
  } catch (error) {
    problems.push(`Restricted Mode run failed: ${error.message}`);
  }
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
// VS Code's own activation figure for the extension (its Running Extensions view), beside the bench's activation-ms.
if (result?.activation) log(`host-activation-ms: ${result.activation.totalMs.toFixed(1)} ms (code loading ${result.activation.codeLoadingMs.toFixed(1)} ms + activate() ${result.activation.activateCallMs.toFixed(1)} ms, ${kind}, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')})`);
if (result?.vscodeVersion) log(`ran in ${kind}: VS Code ${result.vscodeVersion} (appHost ${result.appHost}) in ${seconds}s, ${result.pending} pending`);
if (problems.length) {
  printExtHostErrors();
  log(`FAILED: ${problems.join('; ')}. Run files kept in ${runDir}`);
} else if (!process.env.VENDAZE_KEEP_RUN) {
  rmSync(runDir, { recursive: true, force: true });
}
console.log(`${result?.passed ?? 0} passed, ${result?.failed ?? 0} failed`);
process.exit(problems.length ? 1 : 0);
