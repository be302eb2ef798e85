// `npm run bench`: speed and accuracy of the secret detector (src/detector), measured against secretlint.
//
//   1. Bundles src/detector with esbuild exactly as it ships (minified) into .cache/bench/detector.cjs.
//   2. Generates a deterministic corpus under .cache/bench/corpus: source files in 12 languages, minified bundles,
//      and a few MB of .env / JSON / YAML with planted secrets and decoys (the ground truth stays in memory).
//   3. Throughput of our detector and of secretlint (recommended preset) on the same in-memory corpus, in this
//      process. secretlint runs through its Node API (@secretlint/node createEngine + executeOnContent), the
//      path its own CLI takes for each file, minus process start-up and disk reads: the fairest comparison
//      we can make, since our figure excludes them too.
//      Each file is timed on its own, so the same runs also give both tools' figures per kind of file (source,
//      minified bundles, .env/JSON/YAML config): the two spend their time very differently across kinds.
//      Also, end to end, both CLIs over the corpus directory (start-up and disk reads included).
//   4. Per-keystroke incremental rescan cost on 1 MB and 10 MB files, precision/recall on the planted cases.
//   5. The "never freeze" figures on hostile input (scripts/benchHardening.mjs); `--hardening-only` runs just those.
//   6. Start-up: bundle-main-kb and activation-ms (scripts/bench-startup.mjs, docs/startup.md).
// Ends with one `name: value unit` line per figure, so runs can be compared.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { measureHardening } from './benchHardening.mjs';
import { measureStartup } from './bench-startup.mjs';
import { measureRealCorpus } from './bench-real-corpus.mjs';
import { practiceFigures } from './bench-practices.mjs';
import { measureHistory } from './bench-history.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.cache', 'bench');
const corpusDir = join(cacheDir, 'corpus');
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness
// ---------------------------------------------------------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(0x5eed2026);
const int = (n) => Math.floor(rand() * n);
const pick = (list) => list[int(list.length)];
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';
const chars = (alphabet, n) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
/** A random value that is sure to contain digits and letters (as real generated secrets do). */
const secretValue = (n = 32) => `${chars('abcdefghijklmnopqrstuvwxyz', 2)}${chars('0123456789', 2)}${chars(ALNUM, n - 4)}`;
const uuid = () => `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-a${chars(HEX, 3)}-${chars(HEX, 12)}`;
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

const WORDS = ['user', 'account', 'order', 'invoice', 'deal', 'person', 'company', 'pipeline', 'stage', 'report', 'cache', 'queue', 'event', 'payload', 'session', 'request', 'response', 'config', 'client', 'handler', 'service', 'record', 'item', 'price', 'total', 'status', 'owner', 'source', 'target', 'batch'];
const ident = () => pick(WORDS) + pick(WORDS).replace(/^./, (c) => c.toUpperCase());
const sentence = () => Array.from({ length: 6 + int(10) }, () => pick(WORDS)).join(' ');

// ---------------------------------------------------------------------------------------------------------------
// Ground truth: every planted positive is a unique value; a finding on anything else is a false positive.
// ---------------------------------------------------------------------------------------------------------------

const positives = new Set();
let decoys = 0;
function plant(value) {
  positives.add(value);
  return value;
}
const CLIENT_ID = uuid();

/** Lines that hold a real secret (expected finding). */
const POSITIVE_LINES = [
  () => `VENDAZE_CLIENT_SECRET=${plant(secretValue())}`,
  () => `vendaze_client_secret = "${plant(secretValue())}"  # vendaze prod`,
  () => `  "vendaze": { "client_id": "${CLIENT_ID}", "client_secret": "${plant(secretValue())}" },`,
  () => `curl -X POST https://api.vendaze.com/oauth/token -d "grant_type=refresh_token&client_id=${CLIENT_ID}&client_secret=${plant(secretValue())}"`,
  () => `const vendaze = new VendazeClient({ clientId: '${CLIENT_ID}', clientSecret: '${plant(secretValue())}' });`,
  () => `VENDAZE_ACCESS_TOKEN=${plant(`${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: secretValue(8), client_id: CLIENT_ID, workspace_id: uuid(), vendaze_scopes: ['people:read'], exp: 4102444800 })}.${chars(ALNUM, 43)}`)}`,
  () => `vendaze_api_token: "${plant(chars(HEX, 8) + secretValue(24))}"`,
  () => `VENDAZE_WEBHOOK_SECRET=${plant(`whsec_${secretValue(28)}`)}`,
];

/** Lines that look like secrets but are not (expected silence). */
const DECOY_LINES = [
  () => 'VENDAZE_CLIENT_SECRET=<string>',
  () => 'VENDAZE_CLIENT_SECRET=YOUR_CLIENT_SECRET',
  () => 'client_secret: "***"  # vendaze',
  () => 'VENDAZE_CLIENT_SECRET=${VENDAZE_CLIENT_SECRET}',
  () => 'const vendaze = new VendazeClient({ clientSecret: process.env.VENDAZE_CLIENT_SECRET });',
  () => 'vendaze = Client(client_secret=os.environ["VENDAZE_CLIENT_SECRET"])',
  () => '"client_id": "9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d", "client_secret": "<string>"',
  () => `STRIPE_WEBHOOK_SECRET=whsec_${secretValue(28)}`,
  () => `GOOGLE_CLIENT_SECRET=${secretValue()}`,
  () => `"integrity": "sha512-${chars(ALNUM, 86)}==",  "vendaze": true`,
  () => `vendaze_token_ttl: 3600`,
  () => `{ "next_page_token": "${secretValue(24)}", "source": "vendaze" }`,
  () => `VENDAZE_CLIENT_SECRET=${secretValue()} # vendaze:allow (rotated test value)`,
  () => `id_token = "${b64url({ alg: 'RS256' })}.${b64url({ iss: 'https://accounts.example.org', sub: '1' })}.${chars(ALNUM, 43)}"`,
];

function configLine(kind) {
  if (rand() < 0.02) return pick(POSITIVE_LINES)();
  if (rand() < 0.04) {
    decoys++;
    return pick(DECOY_LINES)();
  }
  switch (kind) {
    case 'env':
      return `${ident().toUpperCase()}_${pick(['URL', 'PORT', 'HOST', 'MODE', 'LEVEL', 'NAME', 'TIMEOUT'])}=${pick(['https://example.org/' + pick(WORDS), String(int(65535)), pick(WORDS), 'true'])}`;
    case 'yaml':
      return `${'  '.repeat(int(3))}${ident()}: ${pick([String(int(1000)), pick(WORDS), `"${sentence()}"`, `sha256:${chars(HEX, 64)}`])}`;
    default:
      return `  {"id": "${uuid()}", "${ident()}": "${sentence()}", "checksum": "${chars(HEX, 40)}", "count": ${int(10000)}},`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------------------------

const LANGS = {
  js: (n) => `export async function ${n}(req, res) {\n  const token = req.headers.authorization?.split(' ')[1];\n  if (!token) return res.status(401).json({ error: 'missing token' });\n  const ${n}Items = await db.query('SELECT * FROM ${pick(WORDS)} WHERE id = $1', [req.params.id]);\n  return res.json({ data: ${n}Items.map((item) => ({ ...item, total: item.price * ${int(100)} })) });\n}\n`,
  ts: (n) => `export interface ${n.replace(/^./, (c) => c.toUpperCase())} {\n  id: string;\n  ${ident()}: number;\n  password?: string; // hashed with argon2\n}\n\nexport function ${n}(input: string): string[] {\n  return input.split(',').map((part) => part.trim()).filter(Boolean);\n}\n`,
  py: (n) => `def ${n}(session, ${pick(WORDS)}_id: int) -> dict:\n    """${sentence()}."""\n    token = session.headers.get("Authorization", "")\n    rows = session.execute("SELECT * FROM ${pick(WORDS)} WHERE id = %s", (${pick(WORDS)}_id,))\n    return {"data": [dict(r) for r in rows], "count": len(rows)}\n\n`,
  go: (n) => `func ${n}(ctx context.Context, id string) (*${pick(WORDS)}, error) {\n\ttoken := os.Getenv("API_TOKEN")\n\treq, err := http.NewRequestWithContext(ctx, "GET", baseURL+"/v1/${pick(WORDS)}/"+id, nil)\n\tif err != nil {\n\t\treturn nil, fmt.Errorf("${sentence()}: %w", err)\n\t}\n\treq.Header.Set("Authorization", "Bearer "+token)\n\treturn nil, nil\n}\n\n`,
  java: (n) => `  public ${pick(['List<String>', 'Optional<Record>', 'void', 'int'])} ${n}(String ${pick(WORDS)}) {\n    // ${sentence()}\n    String secret = System.getenv("APP_SECRET");\n    return repository.find${pick(WORDS)}(${pick(WORDS)}, secret.length());\n  }\n\n`,
  rb: (n) => `  def ${n}(params)\n    # ${sentence()}\n    token = ENV.fetch("API_TOKEN")\n    ${pick(WORDS)}.where(id: params[:id]).map { |r| r.slice(:id, :name) }\n  end\n\n`,
  php: (n) => `    public function ${n}(Request $request): JsonResponse\n    {\n        $password = $request->input('password');\n        return response()->json(['${pick(WORDS)}' => Hash::make($password)]);\n    }\n\n`,
  cs: (n) => `    public async Task<IActionResult> ${n.replace(/^./, (c) => c.toUpperCase())}(string id)\n    {\n        var token = Request.Headers["Authorization"];\n        return Ok(await _db.${pick(WORDS)}s.FindAsync(id));\n    }\n\n`,
  rs: (n) => `pub fn ${n}(input: &str) -> Result<Vec<String>, Error> {\n    let token = std::env::var("API_TOKEN")?;\n    Ok(input.split(',').map(|s| s.trim().to_string()).collect())\n}\n\n`,
  kt: (n) => `fun ${n}(id: String): ${pick(WORDS).replace(/^./, (c) => c.toUpperCase())}? {\n    val secret = System.getenv("APP_SECRET") ?: error("${sentence()}")\n    return repository.findById(id)\n}\n\n`,
  sh: (n) => `${n}() {\n  # ${sentence()}\n  curl -fsS -H "Authorization: Bearer $API_TOKEN" "https://example.org/api/${pick(WORDS)}"\n}\n\n`,
  md: () => `## ${sentence()}\n\n${sentence()}. ${sentence()}.\n\n\`\`\`bash\nexport VENDAZE_CLIENT_SECRET=<your client secret>\n\`\`\`\n\n`,
};

function sourceFile(ext, targetBytes, withPlants = true) {
  let text = '';
  while (text.length < targetBytes) {
    text += LANGS[ext](ident());
    if (!withPlants) continue;
    if (rand() < 0.004) text += `${pick(POSITIVE_LINES)()}\n`;
    else if (rand() < 0.01) {
      decoys++;
      text += `${pick(DECOY_LINES)()}\n`;
    }
  }
  return text;
}

function minifiedBundle(targetBytes) {
  const parts = [];
  let size = 0;
  while (size < targetBytes) {
    const part = `function ${chars('abcdefghij', 2)}(${chars('xyz', 1)}){var t=${chars('xyz', 1)}.token||"";return t.length>${int(99)}?t.slice(0,${int(40)}):"${pick(WORDS)}"}var ${chars('abcdefghij', 3)}={url:"https://cdn.example.org/${pick(WORDS)}",v:${int(1e6)}};`;
    parts.push(part);
    size += part.length;
    if (rand() < 0.0005) parts.push(`var vendazeCfg={clientSecret:"${plant(secretValue())}"};`);
  }
  return parts.join('');
}

function generateCorpus() {
  const files = [];
  const add = (path, text) => files.push({ path, text });
  const exts = Object.keys(LANGS);
  // Most source files of a product never mention Vendaze; one in eight is integration code with plants and decoys.
  for (let i = 0; i < 360; i++) {
    const ext = exts[i % exts.length];
    add(`src/${ext}/${ident()}_${i}.${ext}`, sourceFile(ext, 4_000 + int(40_000), i % 8 === 0));
  }
  for (let i = 0; i < 3; i++) add(`dist/bundle${i}.min.js`, minifiedBundle(1_500_000));
  for (let i = 0; i < 40; i++) add(`services/${ident()}/.env`, Array.from({ length: 20 + int(60) }, () => configLine('env')).join('\n'));
  add('config/settings.yaml', Array.from({ length: 30_000 }, () => configLine('yaml')).join('\n'));
  add('data/records.json', `[\n${Array.from({ length: 14_000 }, () => configLine('json')).join('\n')}\n]\n`);
  add('package-lock.json', `{"packages": {"vendaze": {"client_secret": "${secretValue()}", "integrity": "sha512-${chars(ALNUM, 86)}=="}}}`);
  return files;
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

/** Wall time of one CLI run over the corpus (best of `rounds`): process start, file reads and all. */
function timeCli(args, rounds = 2) {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: corpusDir, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    if (result.status !== 0 && result.status !== 1) throw new Error(`${args[0]} failed: ${result.stderr}`);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

async function measureClis() {
  const cli = join(cacheDir, 'vendaze-scan.js');
  await esbuild.build({ absWorkingDir: root, entryPoints: ['src/cli/scan.ts'], outfile: cli, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' });
  const rc = join(cacheDir, 'secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  // --no-gitignore: the corpus lives under .cache/, which this repository's .gitignore excludes.
  const ours = timeCli([cli, '--no-gitignore', '.']);
  const theirs = timeCli([join(dirname(require.resolve('secretlint/package.json')), 'bin', 'secretlint.js'), '**/*', '--secretlintrc', rc, '--format', 'json', '--maskSecrets']);
  return { ours, theirs };
}

async function loadDetector() {
  const outfile = join(cacheDir, 'detector.cjs');
  await esbuild.build({ absWorkingDir: root, entryPoints: ['src/detector/index.ts'], outfile, bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, logLevel: 'warning' });
  return require(outfile);
}

/** The corpus in three kinds of file, measured apart too: where each tool's time goes differs by kind. */
const fileClass = (path) => (path.startsWith('dist/') ? 'minified' : path.startsWith('src/') ? 'source' : 'config');
const CLASSES = ['source', 'minified', 'config'];

/**
 * Runs `scanOne` over every file `rounds` times. Best of N: the least-disturbed run is the closest to the code's
 * own cost on a shared machine. Returns the best total and, per kind of file, the best time spent on that kind.
 */
async function timeRounds(files, rounds, scanOne) {
  const best = { total: Infinity, source: Infinity, minified: Infinity, config: Infinity };
  for (let r = 0; r < rounds; r++) {
    const spent = { source: 0, minified: 0, config: 0 };
    for (const file of files) {
      const started = performance.now();
      await scanOne(file);
      spent[fileClass(file.path)] += performance.now() - started;
    }
    best.total = Math.min(best.total, spent.source + spent.minified + spent.config);
    for (const c of CLASSES) best[c] = Math.min(best[c], spent[c]);
  }
  return best;
}

async function measureDetector(detector, files, rounds) {
  const scan = (file) => detector.detectSecrets(file.text, { fileName: file.path });
  const times = await timeRounds(files, rounds, scan);
  return { times, findings: files.map((file) => ({ file, found: scan(file) })) };
}

async function measureSecretlint(files) {
  const { createEngine } = require('@secretlint/node');
  const engine = await createEngine({
    cwd: root,
    configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
    formatter: 'json',
    color: false,
    maskSecrets: true,
  });
  const scan = (file) => engine.executeOnContent({ content: file.text, filePath: join(corpusDir, file.path) });
  for (const file of files.slice(0, 10)) await scan(file); // warm-up
  let reported = 0;
  const rounds = 3;
  const times = await timeRounds(files, rounds, async (file) => {
    for (const result of JSON.parse((await scan(file)).output)) reported += result.messages.length;
  });
  return { times, reported: reported / rounds };
}

/** Simulates typing into a document of `size` bytes: each keystroke inserts one character and rescans. */
function measureRescan(detector, size, keystrokes) {
  // A Vendaze client file: context all through it (so every rescan runs the rules) and a handful of secrets.
  let text = '';
  let block = 0;
  while (text.length < size) text += `// vendaze client\n${sourceFile('ts', 20_000, false)}${block++ % 100 === 0 ? `clientSecret: "${secretValue()}",\n` : ''}`;
  text = text.slice(0, size);
  const lines = detector.LineIndex.of(text);
  let findings = detector.detectSecrets(text, { positionAt: (o) => lines.positionAt(o) });
  const times = [];
  const fullScanStarted = performance.now();
  detector.detectSecrets(text);
  const fullScanMs = performance.now() - fullScanStarted;
  const lineTimes = [];
  for (let k = 0; k < keystrokes; k++) {
    const at = int(text.length);
    const ch = pick(['a', 'Z', '7', '"', '=', ' ', '\n', 'x']);
    text = text.slice(0, at) + ch + text.slice(at);
    text.indexOf('\u0001'); // flatten the new string outside the timing: the editor owns that cost
    // Keeping a line index is the editor's job too (VS Code's document.positionAt): timed apart.
    const lineStarted = performance.now();
    lines.applyEdit(at, 0, ch);
    lineTimes.push(performance.now() - lineStarted);
    const started = performance.now();
    const positionAt = (o) => lines.positionAt(o);
    const scan = detector.scanRange(text, at, at + 1, { positionAt });
    findings = detector.mergeRangeScan(detector.shiftFindings(findings, at, 0, 1, positionAt), scan);
    times.push(performance.now() - started);
  }
  return { median: median(times.slice(10)), p95: percentile(times.slice(10), 0.95), lineIndexMedian: median(lineTimes), fullScanMs };
}

// ---------------------------------------------------------------------------------------------------------------

rmSync(corpusDir, { recursive: true, force: true });
const files = generateCorpus();
for (const file of files) {
  mkdirSync(dirname(join(corpusDir, file.path)), { recursive: true });
  writeFileSync(join(corpusDir, file.path), file.text);
}
const totalBytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
const mb = totalBytes / (1024 * 1024);
console.log(`[bench] corpus: ${files.length} files, ${mb.toFixed(1)} MB in ${corpusDir}; ${positives.size} planted secrets, ${decoys} decoys`);

const sourceFiles = files.filter((f) => fileClass(f.path) === 'source');
if (process.argv.includes('--hardening-only')) {
  console.log('');
  for (const [name, value, unit] of await measureHardening({ root, cacheDir, sourceFiles })) console.log(`${name}: ${value} ${unit}`);
  process.exit(0);
}

const detector = await loadDetector();
const ours = await measureDetector(detector, files, 5);
console.log(`[bench] detector: ${ours.times.total.toFixed(0)} ms for the corpus (best of 5 runs)`);

let truePositives = 0;
let falsePositives = 0;
const found = new Set();
for (const { file, found: list } of ours.findings) {
  for (const f of list) {
    const value = file.text.slice(f.start, f.end);
    if (positives.has(value)) {
      truePositives++;
      found.add(value);
    } else {
      falsePositives++;
      console.log(`[bench] false positive: ${file.path}:${f.line + 1}:${f.column + 1} ${f.ruleId}`);
    }
  }
}
for (const value of positives) if (!found.has(value)) console.log(`[bench] missed a planted secret (${value.length} chars, …${value.slice(-4)})`);

console.log('[bench] secretlint (recommended preset, in-process Node API): running…');
const theirs = await measureSecretlint(files);
console.log(`[bench] secretlint: ${theirs.times.total.toFixed(0)} ms for the corpus (best of 3 runs), ${theirs.reported} reports (it knows no Vendaze formats)`);

console.log('[bench] both CLIs over the corpus directory (process start-up and disk reads included)…');
const clis = await measureClis();
console.log(`[bench] vendaze-scan CLI: ${clis.ours.toFixed(0)} ms, secretlint CLI: ${clis.theirs.toFixed(0)} ms (best of 2 each)`);

console.log('[bench] vendaze-scan, git-secrets and secretlint on a real corpus (typescript + lodash from npm, median of 5)…');
const real = await measureRealCorpus(root, join(dirname(require.resolve('secretlint/package.json')), 'bin', 'secretlint.js'), join(cacheDir, 'secretlintrc.json'));

const rescan1 = measureRescan(detector, 1024 * 1024, 300);
const rescan10 = measureRescan(detector, 10 * 1024 * 1024, 200);

const hardening = await measureHardening({ root, cacheDir, sourceFiles });
// Start-up cost of the extension bundle (docs/startup.md): build, then fresh processes with a stub vscode.
const startup = measureStartup();

const ourMbps = mb / (ours.times.total / 1000);
const theirMbps = mb / (theirs.times.total / 1000);
const figures = [
  ['corpus-size', mb.toFixed(1), 'MB'],
  ['detector-throughput', ourMbps.toFixed(1), 'MB/s'],
  ['secretlint-throughput', theirMbps.toFixed(2), 'MB/s'],
  ['throughput-ratio-vs-secretlint', (ourMbps / theirMbps).toFixed(1), 'x'],
  ...CLASSES.flatMap((c) => {
    const classMb = files.filter((f) => fileClass(f.path) === c).reduce((sum, f) => sum + Buffer.byteLength(f.text), 0) / (1024 * 1024);
    const oursMbps = classMb / (ours.times[c] / 1000);
    const theirsMbps = classMb / (theirs.times[c] / 1000);
    return [
      [`corpus-size-${c}`, classMb.toFixed(1), 'MB'],
      [`detector-throughput-${c}`, oursMbps.toFixed(1), 'MB/s'],
      [`secretlint-throughput-${c}`, theirsMbps.toFixed(2), 'MB/s'],
      [`throughput-ratio-vs-secretlint-${c}`, (oursMbps / theirsMbps).toFixed(1), 'x'],
    ];
  }),
  ['cli-wall-time-vendaze-scan', clis.ours.toFixed(0), 'ms'],
  ['cli-wall-time-secretlint', clis.theirs.toFixed(0), 'ms'],
  ['cli-speed-ratio-vs-secretlint', (clis.theirs / clis.ours).toFixed(1), 'x'],
  ...real.figures,
  ['rescan-1mb-median', rescan1.median.toFixed(3), 'ms'],
  ['rescan-1mb-p95', rescan1.p95.toFixed(3), 'ms'],
  ['rescan-10mb-median', rescan10.median.toFixed(3), 'ms'],
  ['rescan-10mb-p95', rescan10.p95.toFixed(3), 'ms'],
  ['line-index-update-10mb-median', rescan10.lineIndexMedian.toFixed(3), 'ms'],
  ['full-scan-1mb', rescan1.fullScanMs.toFixed(2), 'ms'],
  ['full-scan-10mb', rescan10.fullScanMs.toFixed(2), 'ms'],
  ['planted-secrets', String(positives.size), 'cases'],
  ['precision', (truePositives / Math.max(1, truePositives + falsePositives)).toFixed(3), 'ratio'],
  ['recall', (found.size / Math.max(1, positives.size)).toFixed(3), 'ratio'],
  ...hardening,
  ['bundle-main-kb', startup.bundleMainKb.toFixed(1), 'KB'],
  ['activation-ms', startup.activationMs.toFixed(1), 'ms'],
  ['activation-cold-ms', startup.coldActivationMs.toFixed(1), 'ms'],
  ['activation-bundle-load-ms', startup.loadMs.toFixed(1), 'ms'],
  ['activation-lazy-bundles-loaded', String(startup.lazyLoaded), 'bundles'],
];
figures.push(...(await practiceFigures()));
// vendaze-scan --history on successive npm releases of a real package (scripts/bench-history.mjs).
figures.push(...(await measureHistory(root)));
console.log('');
for (const [name, value, unit] of figures) console.log(`${name}: ${value} ${unit}`);
