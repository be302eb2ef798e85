// `npm start`: builds the extension and opens a VS Code with it loaded, on a demo workspace.
//   - desktop VS Code (`code --extensionDevelopmentPath`) when `code` is on PATH;
//   - otherwise code-server (provisioned like the test host, see test/host/provision.mjs) in your browser on
//     127.0.0.1: open the printed URL. Runs until Ctrl-C, then stops everything it started.
// When dist/sandbox.js exists, the local Vendaze sandbox starts too and the demo workspace
// (.cache/demo-workspace) points `vendaze.apiBaseUrl` at it.
// Options: --code-server (even if `code` exists), --port N (code-server port, default: a free one),
//          --screenshot <file.png> (headless check: open the Vendaze view, save a screenshot, exit).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/host/freePort.mjs';
import { provision } from '../test/host/provision.mjs';
import { startCodeServer } from '../test/host/codeServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, '.cache', 'demo-workspace');
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const screenshot = option('--screenshot') && resolve(option('--screenshot'));
const log = (msg) => console.log(`[vendaze:start] ${msg}`);
const stops = []; // cleanup steps, run in reverse on exit

async function stopAll() {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}

/** Starts dist/sandbox.js (if built) and resolves with the base URL it prints. */
async function startSandbox(demoRedirectUris = []) {
  if (!existsSync(join(root, 'dist', 'sandbox.js'))) return undefined;
  const port = await freePort();
  const extra = demoRedirectUris.flatMap((uri) => ['--demo-redirect-uri', uri]);
  const child = spawn(process.execPath, ['dist/sandbox.js', '--port', String(port), ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  stops.push(async () => { child.kill('SIGTERM'); });
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => ok(`http://127.0.0.1:${port}`), 15_000);
    child.stdout.on('data', (data) => {
      process.stdout.write(data);
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(data.toString());
      if (match) { clearTimeout(timer); ok(match[1]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`sandbox exited (${code}) on start`)); });
  });
  log(`sandbox running at ${url}`);
  return url;
}

/** The demo folder the window opens; its settings point the extension at the sandbox when there is one. */
function writeDemoWorkspace(sandboxUrl) {
  mkdirSync(join(demo, '.vscode'), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'git.openRepositoryInParentFolders': 'never', // the demo folder sits inside this repository
    ...(sandboxUrl ? { 'vendaze.apiBaseUrl': sandboxUrl } : {}),
  };
  writeFileSync(join(demo, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  writeFileSync(join(demo, 'README.md'), `# Vendaze demo workspace\n\nOpened by \`npm start\`. ${sandboxUrl
    ? `The extension talks to the local sandbox at ${sandboxUrl}.` : 'No sandbox built yet: the extension uses the default API URL.'}\n`);
}

async function openCodeServer(port) {
  const host = provision();
  const dataDir = join(root, '.cache', 'start');
  // A normal (non-development) session that loads the working copy: the extensions dir holds one symlink to the
  // project root, so a window reload picks up every rebuild. Recreated each start to drop stale entries.
  const extensions = join(dataDir, 'ed');
  rmSync(extensions, { recursive: true, force: true });
  mkdirSync(extensions, { recursive: true });
  symlinkSync(root, join(extensions, 'vendaze.vendaze-vscode-dev'), 'dir');
  // First start only: a calm window (no welcome page, no chat side bar). Later edits by the user are kept.
  const userSettings = join(dataDir, 'ud', 'User', 'settings.json');
  if (!existsSync(userSettings)) {
    mkdirSync(dirname(userSettings), { recursive: true });
    writeFileSync(userSettings, JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.disableAIFeatures': true }, null, 2) + '\n');
  }
  const server = await startCodeServer(host, { dataDir, port, logFile: join(dataDir, 'server.log') });
  stops.push(server.stop);
  const url = `${server.url}?folder=${encodeURIComponent(demo)}`;
  log(`code-server ${host.codeServerVersion} (VS Code ${host.vscodeVersion}) with the extension loaded:\n\n    ${url}\n`);
  return url;
}

/** Headless proof that the extension's view container shows: open it and save a screenshot. */
async function takeScreenshot(url, file, sandboxUrl) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  stops.push(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  stops.push(() => page.screenshot({ path: file.replace(/\.png$/, '') + '.last.png' })); // what it looked like at the end
  await page.goto(url);
  const container = page.getByRole('tab', { name: /^Vendaze/ });
  await container.waitFor({ timeout: 60_000 });
  await container.click();
  await page.getByText('No Vendaze apps yet.').or(page.getByRole('treeitem')).first().waitFor({ timeout: 30_000 });
  // Run a command through the palette so the shot also shows the extension active (its log channel).
  await page.keyboard.press('F1');
  await page.keyboard.type('Vendaze: Show Log');
  await page.keyboard.press('Enter');
  await page.locator('.view-line', { hasText: /activated/ }).first().waitFor({ timeout: 30_000 });
  if (sandboxUrl) {
    // And that the window talks to the sandbox: its log then says the API is reachable there.
    await page.keyboard.press('F1');
    await page.keyboard.type('Vendaze: Check API Connection');
    await page.keyboard.press('Enter');
    await page.locator('.view-line', { hasText: /reachable/ }).first().waitFor({ timeout: 30_000 });
  }
  await page.mouse.move(700, 300); // no tooltip in the shot
  await page.waitForTimeout(1500); // let the progress bar and notifications settle
  await page.screenshot({ path: file });
  log(`screenshot saved to ${file}`);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, async () => { log('stopping'); await stopAll(); process.exit(0); });

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status || 1);
try {
  const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  const desktop = hasCode && !argv.includes('--code-server') && !screenshot;
  // In code-server, sign-in's loopback callback is proxied through code-server's own port, so that port is chosen
  // first and the sandbox's demo app is told to accept the proxied callback (desktop uses the plain loopback).
  const codeServerPort = desktop ? 0 : Number(option('--port') ?? (await freePort()));
  const sandboxUrl = await startSandbox(desktop ? [] : [`http://127.0.0.1:${codeServerPort}/proxy/53682/callback`]);
  writeDemoWorkspace(sandboxUrl);
  if (desktop) {
    log(`opening desktop VS Code (${hasCode}) on ${demo}`);
    spawnSync('code', [`--extensionDevelopmentPath=${root}`, demo], { stdio: 'inherit' });
  } else {
    const url = await openCodeServer(codeServerPort);
    if (screenshot) await takeScreenshot(url, screenshot, sandboxUrl);
  }
  if (screenshot || !stops.length) {
    await stopAll();
    process.exit(0);
  }
  log('running; press Ctrl-C to stop');
} catch (error) {
  console.error(`[vendaze:start] ${error.message}`);
  await stopAll();
  process.exit(1);
}
