// `npm run screenshots`: real screenshots of the running extension for the walkthrough and the README.
// Starts the local sandbox (dist/sandbox.js) and code-server with the working copy loaded (as `npm start` does),
// then drives the workbench like a user through Chromium (playwright-core): the command palette, input boxes, the
// Apps and Activity views (first empty, checking its connection to the sandbox), a payload, a leaked secret, the
// sandbox's consent page. Nothing in the product has a
// screenshot-only path: the only preparation outside the UI is what a user would have done elsewhere (registering
// an app on "Vendaze", here the sandbox's own register-app endpoint; files in the workspace; the machine settings that
// point the extension at the sandbox).
// Saves media/screenshots/*.png (1280x800 viewport). Options: --out <dir>; --locale pt-br: the host in Brazilian
// Portuguese (as VENDAZE_HOST_LOCALE does for the host tests), taking only the first shot, as sandbox.pt-br.png.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from '../test/host/codeServer.mjs';
import { freePort } from '../test/host/freePort.mjs';
import { provision } from '../test/host/provision.mjs';
import { answer, clearNotifications, openAt, palette } from './workbenchUi.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const outDir = resolve(option('--out') ?? join(root, 'media', 'screenshots'));
const locale = option('--locale')?.toLowerCase();
// The texts the script waits for or types, in the host's language (from package.nls*.json and the l10n bundle).
const TEXTS = {
  en: { welcome: 'No Vendaze apps yet.', checkConnection: 'Vendaze: Check API Connection', showLog: 'Vendaze: Show Log', reachable: 'Vendaze API reachable' },
  'pt-br': { welcome: 'Nenhum aplicativo do Vendaze ainda.', checkConnection: 'Vendaze: Verificar Conexão com a API', showLog: 'Vendaze: Mostrar Log', reachable: 'API do Vendaze acessível' },
}[locale ?? 'en'];
if (!TEXTS) throw new Error(`--locale ${locale}: only pt-br is supported`);
const work = join(root, '.cache', 'screenshots');
const workspace = join(work, 'workspace');
const log = (msg) => console.log(`[vendaze:screenshots] ${msg}`);
const stops = []; // cleanup steps, run in reverse
const VIEWPORT = { width: 1280, height: 800 };
const MAX_BYTES = 150 * 1024;

async function stopAll() {
  for (const stop of stops.reverse()) await stop().catch(() => {});
  stops.length = 0;
}

/** What a developer does on Vendaze before opening VS Code: register an app whose redirect URI this host can use. */
async function registerApp(sandbox, redirectUris) {
  const response = await fetch(`${sandbox.baseUrl}/v1/auth/register-app`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      app_name: 'Acme CRM Sync',
      email: 'dev@acme.example.com',
      description: 'Keeps Acme contacts and deals in sync with Vendaze.',
      redirect_uris: redirectUris,
      scopes: ['people:read', 'people:write', 'deals:read'],
    }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`register-app answered ${response.status}: ${JSON.stringify(body)}`);
  const clientId = body.data.client_id;
  return { clientId, clientSecret: sandbox.mailbox.secretFor(clientId), appName: 'Acme CRM Sync' };
}

/** The folder the window opens: a payload with mistakes, a leaked secret. */
function writeWorkspace(app) {
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  mkdirSync(join(workspace, 'payloads'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'git.openRepositoryInParentFolders': 'never' }, null, 2) + '\n');
  // Line 6 holds the scope being typed (completion), line 5 a redirect URI Vendaze refuses (plain http, not loopback).
  writeFileSync(join(workspace, 'payloads', 'acme-crm-sync.vendaze-app.json'), [
    '{',
    '  "$kind": "register",',
    '  "app_name": "Acme CRM Sync",',
    '  "email": "dev@acme.example.com",',
    '  "redirect_uris": ["http://acme.example.com/oauth/callback"],',
    '  "scopes": ["people:read", "deals:"]',
    '}',
    '',
  ].join('\n'));
  writeFileSync(join(workspace, '.env'), [
    '# Acme CRM Sync: local settings',
    `VENDAZE_CLIENT_ID=${app.clientId}`,
    `VENDAZE_CLIENT_SECRET=${app.clientSecret}`,
    'VENDAZE_API_URL=https://api.vendaze.com',
    '',
  ].join('\n'));
  writeFileSync(join(workspace, 'README.md'), '# Acme CRM Sync\n\nSyncs Acme contacts and deals with Vendaze.\n');
  // A git repository where .env is not ignored: the next `git add .` would commit it, so the leak is an error.
  const git = spawnSync('git', ['init', '-q', workspace], { encoding: 'utf8' });
  if (git.status !== 0) throw new Error(`git init failed: ${git.stderr}`);
}

/**
 * `destination`: the settings that say where secrets go (vendaze.apiBaseUrl, vendaze.auth.loopbackPort). They are
 * machine-scoped, so VS Code ignores them in a workspace's .vscode/settings.json (a cloned repository must not
 * redirect secrets), and in a remote window such as code-server's also in the browser-side user settings: they go
 * into the server's machine settings (<user-data-dir>/Machine/settings.json), as a user would set them there.
 */
async function startServer(port, destination) {
  const host = provision();
  const dataDir = join(work, 'cs');
  rmSync(dataDir, { recursive: true, force: true }); // a fresh profile: no app, no session, no secret from last time
  mkdirSync(join(dataDir, 'ed'), { recursive: true });
  symlinkSync(root, join(dataDir, 'ed', 'vendaze.vendaze-vscode-dev'), 'dir');
  mkdirSync(join(dataDir, 'ud', 'User'), { recursive: true });
  writeFileSync(join(dataDir, 'ud', 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'editor.minimap.enabled': false,
    'window.commandCenter': false,
    'workbench.layoutControl.enabled': false,
    'update.showReleaseNotes': false,
  }, null, 2) + '\n');
  mkdirSync(join(dataDir, 'ud', 'Machine'), { recursive: true });
  writeFileSync(join(dataDir, 'ud', 'Machine', 'settings.json'), JSON.stringify(destination, null, 2) + '\n');
  const server = await startCodeServer(host, { dataDir, port, logFile: join(dataDir, 'server.log'), extraArgs: locale ? ['--locale', locale] : [] });
  stops.push(server.stop);
  log(`code-server ${host.codeServerVersion} (VS Code ${host.vscodeVersion}) on ${server.url}`);
  return server;
}

/** Saves the shot; when the PNG is heavier than MAX_BYTES, saves it again at 1024 px wide (Chromium scales it). */
async function shoot(page, name, { browser } = {}) {
  await page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2); // no hover tooltip in the shot
  await page.waitForTimeout(800);
  const file = join(outDir, `${name}.png`);
  const png = await page.screenshot({ path: file });
  if (png.length > MAX_BYTES && browser) {
    const scaler = await browser.newPage({ viewport: { width: 1024, height: 640 } });
    await scaler.setContent(`<style>body{margin:0}img{width:1024px;display:block}</style><img src="data:image/png;base64,${png.toString('base64')}">`);
    await scaler.locator('img').evaluate((img) => img.decode());
    await scaler.screenshot({ path: file });
    await scaler.close();
  }
  log(`saved ${file} (${Math.round(statSync(file).size / 1024)} KB)`);
}

async function run() {
  const { startSandbox } = createRequire(import.meta.url)(join(root, 'dist', 'sandbox.js'));
  const sandbox = await startSandbox({ port: 0, autoApprove: false, seedDemoApp: true });
  stops.push(() => sandbox.close());
  log(`sandbox at ${sandbox.baseUrl}`);

  const [csPort, loopbackPort] = [await freePort(), await freePort()];
  // code-server hands the browser its /proxy/<port>/ route for the loopback listener: that is the redirect URI.
  const app = await registerApp(sandbox, [`http://127.0.0.1:${csPort}/proxy/${loopbackPort}/callback`, `http://127.0.0.1:${loopbackPort}/callback`]);
  writeWorkspace(app);
  const server = await startServer(csPort, { 'vendaze.apiBaseUrl': sandbox.baseUrl, 'vendaze.auth.loopbackPort': loopbackPort });

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  stops.push(() => browser.close());
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  // --locale alone leaves the web workbench in English: it takes its language from a language pack's messages file,
  // which sets this global (test/host/run.mjs does the same for VENDAZE_HOST_LOCALE).
  if (locale) await page.addInitScript((language) => { globalThis._VSCODE_NLS_LANGUAGE = language; }, locale);
  stops.push(() => page.screenshot({ path: join(work, 'last.png') }).then(() => log(`the window at the end: ${join(work, 'last.png')}`)));
  await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);

  const container = page.getByRole('tab', { name: /^Vendaze/ });
  await container.waitFor({ timeout: 90_000 });
  await container.click();
  await page.getByText(TEXTS.welcome).waitFor({ timeout: 60_000 });
  // A wider side bar, so tree labels (scope descriptions, redirect URIs, expiry) are not cut off.
  const sash = await page.locator('.part.sidebar').boundingBox();
  await page.mouse.move(sash.x + sash.width + 1, 400);
  await page.mouse.down();
  await page.mouse.move(560, 400, { steps: 5 });
  await page.mouse.up();

  // (0) The empty view pointed at the local sandbox (run from a terminal, as the walkthrough describes): the check
  // of the connection, its answer in the Vendaze log and its notification.
  await palette(page, TEXTS.checkConnection);
  await page.locator('.notification-toast', { hasText: TEXTS.reachable }).waitFor({ timeout: 60_000 });
  await palette(page, TEXTS.showLog);
  await page.locator('.part.panel .view-lines', { hasText: 'API reachable at' }).first().waitFor({ timeout: 30_000 }); // log lines stay English
  await shoot(page, locale ? `sandbox.${locale}` : 'sandbox', { browser });
  if (locale) return; // one shot of the localized UI; the README's images are of the English UI
  await clearNotifications(page);
  await page.keyboard.press('Control+J'); // hide the panel again

  // Add the app through the UI: client_id, secret, then the optional details.
  await palette(page, 'Vendaze: Add Existing App…');
  await answer(page, 'client_id', app.clientId);
  await answer(page, 'client_secret', app.clientSecret);
  await answer(page, 'App name', app.appName);
  await answer(page, 'Registration email', 'dev@acme.example.com');
  await answer(page, 'yourapp.com/oauth/callback', `http://127.0.0.1:${csPort}/proxy/${loopbackPort}/callback http://127.0.0.1:${loopbackPort}/callback`);
  await page.locator('.quick-input-widget input[placeholder*="registered with"]').waitFor();
  const scopes = ['people:read', 'people:write', 'deals:read'];
  for (const [i, scope] of scopes.entries()) {
    await page.locator('.quick-input-list .monaco-list-row', { hasText: scope }).first().locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-custom-toggle').first().click();
    await page.locator('.quick-input-widget', { hasText: `${i + 1} Selected` }).waitFor();
  }
  await page.locator('.quick-input-widget').getByRole('button', { name: 'OK' }).click();
  const appNode = page.getByRole('treeitem', { name: /Acme CRM Sync/ }).first();
  await appNode.waitFor({ timeout: 30_000 });

  // Sign in: the extension opens the consent page in a new tab.
  const consentTab = context.waitForEvent('page', { timeout: 60_000 });
  await palette(page, 'Vendaze: Sign In');
  const consent = await consentTab;
  await consent.getByRole('button', { name: 'Authorize' }).waitFor({ timeout: 30_000 });
  await shoot(consent, 'consent', { browser });
  await consent.getByRole('button', { name: 'Authorize' }).click();
  await consent.waitForLoadState('load');
  await consent.waitForTimeout(1000);
  await consent.close();
  await page.bringToFront();
  await page.getByText(/Signed in to Vendaze workspace/).first().waitFor({ timeout: 60_000 });

  // (1) The Apps view with the app expanded: scopes, redirect URIs, the token.
  await clearNotifications(page); // the sign-in's toasts have said their part; the tree is the subject
  if (await appNode.getAttribute('aria-expanded') !== 'true') await appNode.click();
  for (const group of [/^Scopes/, /^Redirect URIs/, /^Tokens/]) {
    const node = page.getByRole('treeitem', { name: group }).first();
    if (await node.count() && (await node.getAttribute('aria-expanded')) === 'false') await node.click();
  }
  await page.waitForTimeout(1000);
  await shoot(page, 'apps-view', { browser });

  // (4) The Activity view after a usage check, with the status bar.
  await clearNotifications(page);
  await palette(page, 'Vendaze: Check Usage');
  await page.waitForTimeout(2500);
  const activity = page.getByRole('button', { name: /^Activity/ }).or(page.locator('.pane-header', { hasText: 'Activity' })).first();
  if (await activity.getAttribute('aria-expanded') === 'false') await activity.click();
  for (const node of await page.getByRole('treeitem', { name: /^Recent requests/ }).all()) {
    if ((await node.getAttribute('aria-expanded')) === 'false') await node.click();
  }
  await page.waitForTimeout(1000);
  await shoot(page, 'activity', { browser });

  // (2) A payload: schema errors in the Problems panel, scope completion, the Submit CodeLens.
  await clearNotifications(page);
  await openAt(page, 'payloads/acme-crm-sync.vendaze-app.json', 6, 36);
  await page.getByText(/Submit to Vendaze/).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+Shift+M'); // the Problems panel lists the schema errors
  await page.waitForTimeout(1500);
  await openAt(page, 'payloads/acme-crm-sync.vendaze-app.json', 6, 36);
  // The JSON language server may still be busy with the schema: ask again until the list shows.
  const suggestions = page.locator('.suggest-widget .monaco-list-row').first();
  for (let attempt = 1; !(await suggestions.isVisible()); attempt++) {
    await page.keyboard.press('Control+Space');
    await suggestions.waitFor({ timeout: 5000 }).catch((error) => { if (attempt === 4) throw error; });
  }
  await shoot(page, 'payload', { browser });
  await page.keyboard.press('Escape');

  // (3) The leaked client_secret in .env, with its quick fixes.
  await page.keyboard.press('Control+J'); // hide the panel: the quick-fix menu is the subject here
  await openAt(page, '.env', 3, 30);
  await page.locator('.squiggly-error, .squiggly-warning').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+.');
  await page.locator('.action-widget').first().waitFor({ timeout: 15_000 });
  await shoot(page, 'leak-quick-fix', { browser });
  await page.keyboard.press('Escape');
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, async () => { await stopAll(); process.exit(130); });

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0 || !existsSync(join(root, 'dist', 'sandbox.js'))) process.exit(build.status || 1);
mkdirSync(outDir, { recursive: true });
let failed = false;
try {
  await run();
} catch (error) {
  console.error(`[vendaze:screenshots] ${error.stack ?? error.message}`);
  failed = true;
}
await stopAll();
process.exit(failed ? 1 : 0);
