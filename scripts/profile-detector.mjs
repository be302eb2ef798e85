// `npm run bench:profile [-- rounds top folder]`: where the secret detector spends its time on the bench corpus.
//
// Bundles src/detector as it ships (one file, so calls between modules cost what they cost in the extension)
// but unminified, so functions keep their names; scans the corpus `npm run bench` generated, under V8's
// sampling profiler; prints the functions by inclusive and by self time, in milliseconds per corpus scan.
// This is how the detector's hot spots were found; the figures to compare between runs are `npm run bench`'s.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = join(root, '.cache', 'bench', 'corpus');
const rounds = Number(process.argv[2] ?? 40);
const top = Number(process.argv[3] ?? 25);
/** Optional: only files under this corpus folder (`src`, `dist`, `config`, `data`, `services`…). */
const under = process.argv[4];

if (!existsSync(corpusDir)) {
  console.error('[profile] no corpus yet: run `npm run bench` first (it generates .cache/bench/corpus).');
  process.exit(2);
}

const outfile = join(root, '.cache', 'bench', 'detector-profile.cjs');
await esbuild.build({ absWorkingDir: root, entryPoints: ['src/detector/index.ts'], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });
const detector = createRequire(import.meta.url)(outfile);

const files = readdirSync(corpusDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
  .map((path) => ({ path: relative(corpusDir, path), text: readFileSync(path, 'utf8') }))
  .filter((file) => !under || file.path.startsWith(`${under}/`));
const scan = () => {
  for (const file of files) detector.detectSecrets(file.text, { fileName: file.path });
};
for (let i = 0; i < 5; i++) scan(); // warm-up: profile optimised code, as the bench measures it

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const started = performance.now();
for (let i = 0; i < rounds; i++) scan();
const elapsed = performance.now() - started;
const { profile } = await session.post('Profiler.stop');
session.disconnect();

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.split('/').pop()}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};
const self = new Map();
const inclusive = new Map();
let total = 0;
profile.samples.forEach((sample, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  total += delta;
  const leaf = label(byId.get(sample));
  self.set(leaf, (self.get(leaf) ?? 0) + delta);
  const seen = new Set();
  for (let id = sample; id !== undefined; id = parentOf.get(id)) {
    const name = label(byId.get(id));
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
  }
});

const perScan = elapsed / rounds;
console.log(`[profile] ${files.length} files, ${rounds} scans, ${perScan.toFixed(1)} ms per scan (profiler on)`);
const print = (title, table) => {
  console.log(`\n${title}`);
  // Only the detector and what it calls: the script's own frames and the event loop's are noise here.
  const noise = /^\((?:root|program|idle)\)|profile-detector\.mjs|runMicrotasks|processTicksAndRejections/;
  const rows = [...table].filter(([name]) => !noise.test(name));
  for (const [name, micros] of rows.sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const share = micros / total;
    console.log(`${(share * 100).toFixed(1).padStart(5)}%  ${(share * perScan).toFixed(2).padStart(6)} ms  ${name}`);
  }
};
print('inclusive (the function and what it calls):', inclusive);
print('self (the function alone; time inside a regex counts as its caller\'s):', self);
