// `npm run package`: builds vendaze-vscode-<version>.vsix at the project root and lists what it ships.
//   --verify   also install it into a throwaway code-server extensions dir (the provisioned test host) to prove
//              a real VS Code accepts it.
// Relative README links and images are rewritten by vsce to the repository at the release tag (v<version>), and
// the README inside the VSIX is checked: every link must name a file the repository has (scripts/readme-links.cjs).
// vsce runs the `vscode:prepublish` script (the production build) itself; everything is bundled, hence
// --no-dependencies. What goes in is decided by .vscodeignore.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import readmeLinks from './readme-links.cjs';

const { readmeLinkProblems, releaseBaseUrls } = readmeLinks;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, `${name}-${version}.vsix`);
const log = (msg) => console.log(`[vendaze:package] ${msg}`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function run(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (result.status !== 0) {
    console.error(`[vendaze:package] ${[cmd, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  return result;
}

/** Lists a zip's entries from its central directory (a VSIX is a zip) without an unzip dependency. */
function zipEntries(file) {
  const buf = readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  const entries = [];
  for (let i = 0, at = buf.readUInt32LE(eocd + 16); i < count; i++) {
    const [nameLen, extraLen, commentLen] = [buf.readUInt16LE(at + 28), buf.readUInt16LE(at + 30), buf.readUInt16LE(at + 32)];
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLen), size: buf.readUInt32LE(at + 24), method: buf.readUInt16LE(at + 10), compressedSize: buf.readUInt32LE(at + 20), offset: buf.readUInt32LE(at + 42) });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** One entry's bytes (stored or deflated), read through its local header. */
function zipEntryData(file, entry) {
  const buf = readFileSync(file);
  const start = entry.offset + 30 + buf.readUInt16LE(entry.offset + 26) + buf.readUInt16LE(entry.offset + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  return entry.method === 8 ? inflateRawSync(data) : data;
}

rmSync(vsix, { force: true });
const base = releaseBaseUrls(version);
run(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix, '--baseContentUrl', base.content, '--baseImagesUrl', base.images]);

const readmeEntry = zipEntries(vsix).find((e) => e.name.toLowerCase() === 'extension/readme.md');
const linkProblems = readmeLinkProblems(zipEntryData(vsix, readmeEntry).toString('utf8'), (path) => existsSync(join(root, path)));
if (linkProblems.length > 0) {
  console.error(`[vendaze:package] the packaged README has links the marketplace page cannot resolve:\n  ${linkProblems.join('\n  ')}`);
  process.exit(1);
}
log(`packaged README: every link resolves (relative ones pinned to ${base.content})`);

log(`${vsix}: ${kb(statSync(vsix).size)}`);
for (const entry of zipEntries(vsix)) console.log(`  ${entry.name.padEnd(48)} ${kb(entry.size).padStart(10)}`);

if (process.argv.includes('--verify')) {
  const { provision } = await import('../test/host/provision.mjs');
  const host = provision();
  const dir = mkdtempSync(join(root, '.cache', 'vsix-'));
  try {
    log(`installing into code-server ${host.codeServerVersion} (VS Code ${host.vscodeVersion})`);
    const args = [host.codeServerEntry, '--config', join(dir, 'config.yaml'), '--user-data-dir', join(dir, 'ud'), '--extensions-dir', join(dir, 'ed'), '--install-extension', vsix];
    const out = run(host.node, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }).stdout;
    process.stdout.write(out);
    const listed = run(host.node, [host.codeServerEntry, '--config', join(dir, 'config.yaml'), '--extensions-dir', join(dir, 'ed'), '--list-extensions', '--show-versions'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }).stdout;
    if (!listed.includes(`vendaze.${name}@${version}`)) {
      console.error(`[vendaze:package] installed extensions do not include vendaze.${name}@${version}:\n${listed}`);
      process.exit(1);
    }
    log(`code-server accepted it: ${listed.trim()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
