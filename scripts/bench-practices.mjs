// Practice review figures (src/practices), part of `npm run bench`; also runs alone: `node scripts/bench-practices.mjs`.
//   practice-precision / practice-recall: per file over test/fixtures/practices (a trap with any error or warning
//   finding is a false positive; a violation file, one whose expected rules include an error or warning rule, with
//   none is a false negative). Per-rule figures count (file, rule) pairs, information rules included.
//   practice-corpus-review: time to review the whole corpus (best of 5). practice-review-1mb: one full review of a
//   1 MB file that talks to Vendaze (what the editor runs after typing stops); -dense: 1 MB of nothing but the
//   corpus's violations (a finding every few lines). practice-hostile-1mb-max: the slowest of
//   several 1 MB pathological inputs (unclosed brackets, one huge word, endless quotes...).
//   practice-worker-roundtrip-1mb / practice-host-blocked-1mb: the editor path through the worker thread, and the
//   part of it the extension host's thread spends (posting the text). practice-diagnostics-latency-1mb adds the debounce.
import * as esbuild from 'esbuild';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = join(root, 'test', 'fixtures', 'practices');
const require = createRequire(import.meta.url);

async function loadEngine() {
  const outfile = join(root, '.cache', 'bench', 'practices.cjs');
  mkdirSync(dirname(outfile), { recursive: true });
  await esbuild.build({ absWorkingDir: root, entryPoints: ['src/practices/engine.ts'], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' });
  return require(outfile);
}

/** The editor path: the extension host posts a 1 MB document to the worker and gets the findings back. */
async function measureWorker(text) {
  const file = join(root, '.cache', 'bench', 'practicesWorker.cjs');
  await esbuild.build({ absWorkingDir: root, entryPoints: ['src/practices/worker.ts'], outfile: file, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' });
  const worker = new Worker(file);
  let id = 0;
  const call = (request) =>
    new Promise((resolve) => {
      const mine = ++id;
      const onMessage = (response) => {
        if (response.id !== mine) return;
        worker.off('message', onMessage);
        resolve(response);
      };
      worker.on('message', onMessage);
      worker.postMessage({ ...request, id: mine });
    });
  await call({ type: 'configure', apiGeneration: 'pkce', rules: {} });
  let roundTrip = Infinity;
  let blocked = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const pending = call({ type: 'review', key: 'doc', fileName: 'src/vendaze/client.ts', text, version: i });
    blocked = Math.min(blocked, performance.now() - started); // what the host's thread spends: the structured clone
    await pending;
    roundTrip = Math.min(roundTrip, performance.now() - started);
  }
  await worker.terminate();
  return { roundTrip, blocked };
}

const best = (n, fn) => {
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    fn();
    min = Math.min(min, performance.now() - started);
  }
  return min;
};

export async function practiceFigures() {
  const engine = await loadEngine();
  const blocking = (name) => engine.PRACTICES[name].severity !== 'information';
  const entries = Object.entries(JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8')).files).map(([path, e]) => ({
    path,
    ...e,
    text: readFileSync(join(corpus, path), 'utf8'),
    fileName: path.split('/').slice(1).join('/'),
  }));
  const reviewOne = (e) => engine.reviewProject([{ key: e.path, fileName: e.fileName, text: e.text }], { apiGeneration: e.apiGeneration }).get(e.path) ?? [];
  let tp = 0, fp = 0, fn = 0;
  const perRule = Object.fromEntries(engine.PRACTICE_NAMES.map((n) => [n, { tp: 0, fp: 0, fn: 0 }]));
  for (const e of entries) {
    const findings = reviewOne(e);
    const expectedBlocking = e.expect.some(blocking);
    const foundBlocking = findings.some((f) => f.severity !== 'information');
    if (expectedBlocking && foundBlocking) tp++;
    else if (!expectedBlocking && foundBlocking) {
      fp++;
      console.log(`[bench] practice false positive: ${e.path}: ${findings.map((f) => `${f.line + 1} ${f.ruleId}`).join(', ')}`);
    } else if (expectedBlocking) {
      fn++;
      console.log(`[bench] practice missed: ${e.path} (expected ${e.expect.join(', ')})`);
    }
    const found = new Set(findings.map((f) => f.name));
    for (const name of engine.PRACTICE_NAMES) {
      const expected = e.expect.includes(name);
      if (expected && found.has(name)) perRule[name].tp++;
      else if (!expected && found.has(name)) perRule[name].fp++;
      else if (expected) perRule[name].fn++;
    }
  }
  const corpusMs = best(5, () => entries.forEach(reviewOne));
  // A 1 MB file that talks to Vendaze: this repository's own API client and sandbox code (ordinary TypeScript)
  // with the corpus's JavaScript/TypeScript violations spread through it. Flattened (Buffer round trip) like an
  // editor's document text, so the figure is not a rope's first flattening.
  const js = entries.filter((e) => /\.[jt]sx?$/.test(e.path)).map((e) => e.text).join('\n');
  const ordinary = ['src/api', 'src/sandbox', 'src/auth'].flatMap((dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(root, dir, f), 'utf8'))).join('\n');
  let mixed = '';
  while (mixed.length < 1024 * 1024) mixed += `${ordinary}\n${js}\n`;
  const oneMb = Buffer.from(mixed.slice(0, 1024 * 1024)).toString();
  const dense = Buffer.from(js.repeat(Math.ceil((1024 * 1024) / js.length)).slice(0, 1024 * 1024)).toString();
  const reviewMb = best(5, () => engine.reviewFile(oneMb, { fileName: 'src/vendaze/client.ts' }));
  const reviewDense = best(3, () => engine.reviewFile(dense, { fileName: 'src/vendaze/client.ts' }));
  const worker = await measureWorker(oneMb);
  const hostileUnits = ['(', '[{', 'a', '"', "'", '`${', '/*', 'state=', 'localStorage.setItem("token", ', 'res.cookie("token", ', 'redirect_uri http://a.b ', '/oauth/authorize ', 'grant_type: "refresh_token" ', 'console.log(tokens, ', 'scope people:read '];
  let hostileMax = 0;
  for (const unit of hostileUnits) {
    const text = Buffer.from(`// vendaze\n${unit.repeat(Math.ceil((1024 * 1024) / unit.length))}`).toString();
    hostileMax = Math.max(hostileMax, best(2, () => engine.reviewFile(text, { fileName: 'hostile.js' })));
  }
  const ratio = (a, b) => (a / Math.max(1, a + b)).toFixed(3);
  return [
    ['practice-corpus-files', String(entries.length), 'files'],
    ['practice-precision', ratio(tp, fp), 'ratio'],
    ['practice-recall', ratio(tp, fn), 'ratio'],
    ...engine.PRACTICE_NAMES.flatMap((n) => [
      [`practice-precision-${n}`, ratio(perRule[n].tp, perRule[n].fp), 'ratio'],
      [`practice-recall-${n}`, ratio(perRule[n].tp, perRule[n].fn), 'ratio'],
    ]),
    ['practice-corpus-review', corpusMs.toFixed(1), 'ms'],
    ['practice-review-1mb', reviewMb.toFixed(1), 'ms'],
    ['practice-review-1mb-dense', reviewDense.toFixed(1), 'ms'],
    ['practice-worker-roundtrip-1mb', worker.roundTrip.toFixed(1), 'ms'],
    ['practice-host-blocked-1mb', worker.blocked.toFixed(2), 'ms'],
    // Debounce (100 ms, src/practices/editor/diagnostics.ts) + the worker round trip: target 300 ms.
    ['practice-diagnostics-latency-1mb', (100 + worker.roundTrip).toFixed(1), 'ms'],
    ['practice-hostile-1mb-max', hostileMax.toFixed(1), 'ms'],
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, value, unit] of await practiceFigures()) console.log(`${name}: ${value} ${unit}`);
}
