// The bench's deterministic corpus (scripts/bench.mjs): source files in 12 languages, minified bundles and
// .env / JSON / YAML with planted secrets and decoys. Every planted positive is recorded in `positives`, the ground
// truth the bench's precision and recall are computed against. Seeded: the same corpus on every run.

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
export const int = (n) => Math.floor(rand() * n);
export const pick = (list) => list[int(list.length)];
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';
const chars = (alphabet, n) => Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
/** A random value that is sure to contain digits and letters (as real generated secrets do). */
export const secretValue = (n = 32) => `${chars('abcdefghijklmnopqrstuvwxyz', 2)}${chars('0123456789', 2)}${chars(ALNUM, n - 4)}`;
const uuid = () => `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-a${chars(HEX, 3)}-${chars(HEX, 12)}`;
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

const WORDS = ['user', 'account', 'order', 'invoice', 'deal', 'person', 'company', 'pipeline', 'stage', 'report', 'cache', 'queue', 'event', 'payload', 'session', 'request', 'response', 'config', 'client', 'handler', 'service', 'record', 'item', 'price', 'total', 'status', 'owner', 'source', 'target', 'batch'];
const ident = () => pick(WORDS) + pick(WORDS).replace(/^./, (c) => c.toUpperCase());
const sentence = () => Array.from({ length: 6 + int(10) }, () => pick(WORDS)).join(' ');

// ---------------------------------------------------------------------------------------------------------------
// Ground truth: every planted positive is a unique value; a finding on anything else is a false positive.
// ---------------------------------------------------------------------------------------------------------------

export const positives = new Set();
export let decoys = 0; // a live binding: the importer reads the final count
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

export function sourceFile(ext, targetBytes, withPlants = true) {
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

export function generateCorpus() {
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
