import { describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { detectSecrets, fingerprint, RuleIds, type DetectOptions, type RuleId } from '../../src/detector';
import { vendazeJwt, otherJwt, SECRET, SECRET_B, CLIENT_ID } from './support/detectorFixtures';

interface Case {
  name: string;
  file: string;
  text: string;
  /** The reported values, in order ([] for decoys). */
  expect: Array<[RuleId, string]>;
  options?: DetectOptions;
}

function check(c: Case): void {
  const findings = detectSecrets(c.text, { fileName: c.file, ...c.options });
  assert.deepEqual(
    findings.map((f) => [f.ruleId, c.text.slice(f.start, f.end)]),
    c.expect,
    `${c.name}: ${JSON.stringify(findings.map((f) => f.message))}`,
  );
}

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) test(c.name, () => check(c));
  });
}

const T2 = RuleIds.clientSecret;
const T3 = RuleIds.jwt;
const T4 = RuleIds.genericSecret;

table('tier 2: client_secret-like keys with Vendaze context, per format', [
  { name: 'JSON', file: 'config.json', text: `{\n  "vendaze": {\n    "client_id": "${CLIENT_ID}",\n    "client_secret": "${SECRET}"\n  }\n}\n`, expect: [[T2, SECRET]] },
  { name: 'JSON minified with the API URL as context', file: 'app.json', text: `{"baseUrl":"https://api.vendaze.com","clientSecret":"${SECRET}"}`, expect: [[T2, SECRET]] },
  { name: 'YAML unquoted', file: 'config.yml', text: `vendaze:\n  client_secret: ${SECRET}\n`, expect: [[T2, SECRET]] },
  { name: 'YAML single-quoted with a trailing comment', file: 'values.yaml', text: `vendaze:\n  clientSecret: '${SECRET}' # prod\n`, expect: [[T2, SECRET]] },
  { name: '.env', file: '.env', text: `VENDAZE_CLIENT_ID=${CLIENT_ID}\nVENDAZE_CLIENT_SECRET=${SECRET}\n`, expect: [[T2, SECRET]] },
  { name: '.env with export and double quotes', file: '.env.local', text: `export VENDAZE_CLIENT_SECRET="${SECRET}"\n`, expect: [[T2, SECRET]] },
  { name: 'INI', file: 'settings.ini', text: `[vendaze]\nclient_secret = ${SECRET} ; rotated in May\n`, expect: [[T2, SECRET]] },
  { name: 'TOML', file: 'config.toml', text: `[vendaze]\nclient_secret = "${SECRET}"\n`, expect: [[T2, SECRET]] },
  { name: 'Java properties with a dotted key', file: 'application.properties', text: `vendaze.oauth.client-secret=${SECRET}\n`, expect: [[T2, SECRET]] },
  { name: 'JavaScript object literal', file: 'client.js', text: `import { Vendaze } from 'vendaze-client';\nconst client = new Vendaze({ clientSecret: '${SECRET}' });\n`, expect: [[T2, SECRET]] },
  { name: 'TypeScript annotated const', file: 'client.ts', text: `// Vendaze OAuth app\nconst clientSecret: string = "${SECRET}";\n`, expect: [[T2, SECRET]] },
  { name: 'template literal', file: 'client.ts', text: 'const vendazeSecret = `' + SECRET + '`;\n', expect: [[T2, SECRET]] },
  { name: 'Python constant', file: 'settings.py', text: `VENDAZE_CLIENT_SECRET = "${SECRET}"\n`, expect: [[T2, SECRET]] },
  { name: 'Python keyword argument', file: 'app.py', text: `client = vendaze.Client(client_id="${CLIENT_ID}", client_secret="${SECRET}")\n`, expect: [[T2, SECRET]] },
  { name: 'Python dict with a raw string', file: 'app.py', text: `VENDAZE = {"client_secret": r"${SECRET}"}\n`, expect: [[T2, SECRET]] },
  { name: 'Go struct literal', file: 'main.go', text: `cfg := vendaze.Config{\n\tClientID:     "${CLIENT_ID}",\n\tClientSecret: "${SECRET}",\n}\n`, expect: [[T2, SECRET]] },
  { name: 'Go short declaration', file: 'main.go', text: `clientSecret := "${SECRET}" // vendaze app\n`, expect: [[T2, SECRET]] },
  { name: 'Java constant', file: 'Auth.java', text: `// Vendaze\nprivate static final String CLIENT_SECRET = "${SECRET}";\n`, expect: [[T2, SECRET]] },
  { name: 'Java builder call', file: 'Auth.java', text: `VendazeClient.builder().clientSecret("${SECRET}").build();\n`, expect: [[T2, SECRET]] },
  { name: 'Java map put', file: 'Auth.java', text: `// api.vendaze.com\nform.put("client_secret", "${SECRET}");\n`, expect: [[T2, SECRET]] },
  { name: 'PHP array', file: 'config.php', text: `<?php // Vendaze\nreturn ['client_secret' => '${SECRET}'];\n`, expect: [[T2, SECRET]] },
  { name: 'C# verbatim string', file: 'Program.cs', text: `var vendaze = new VendazeOptions { ClientSecret = @"${SECRET}" };\n`, expect: [[T2, SECRET]] },
  { name: 'XML element', file: 'web.xml', text: `<vendaze><clientSecret>${SECRET}</clientSecret></vendaze>\n`, expect: [[T2, SECRET]] },
  { name: 'curl -d form fields', file: 'token.sh', text: `curl https://api.vendaze.com/oauth/token \\\n  -d grant_type=refresh_token \\\n  -d client_secret=${SECRET}\n`, expect: [[T2, SECRET]] },
  { name: 'curl -d urlencoded body', file: 'token.sh', text: `curl -X POST https://api.vendaze.com/oauth/token -d 'grant_type=authorization_code&client_id=${CLIENT_ID}&client_secret=${SECRET}&code=abc'\n`, expect: [[T2, SECRET]] },
  { name: 'curl -d JSON body', file: 'revoke.sh', text: `curl https://api.vendaze.com/oauth/revoke -H 'Content-Type: application/json' -d '{"token":"t","client_id":"${CLIENT_ID}","client_secret":"${SECRET}"}'\n`, expect: [[T2, SECRET]] },
  { name: 'query string', file: 'notes.txt', text: `GET https://api.vendaze.com/oauth/token?client_id=${CLIENT_ID}&client_secret=${SECRET}&grant_type=x\n`, expect: [[T2, SECRET]] },
  { name: 'Markdown code block', file: 'README.md', text: `## Vendaze setup\n\n\`\`\`bash\nexport VENDAZE_CLIENT_SECRET=${SECRET}\n\`\`\`\n`, expect: [[T2, SECRET]] },
  { name: 'a real client_id UUID is context enough', file: '.env', text: `OAUTH_CLIENT_ID=${CLIENT_ID}\nOAUTH_CLIENT_SECRET=${SECRET}\n`, expect: [[T2, SECRET]] },
  { name: 'a file named after Vendaze is context', file: 'config/vendaze.json', text: `{"client_secret": "${SECRET}"}`, expect: [[T2, SECRET]] },
  { name: 'a value that ends the file (no trailing newline)', file: '.env', text: `VENDAZE_CLIENT_SECRET=${SECRET}`, expect: [[T2, SECRET]] },
  { name: 'a random value that happens to contain "xxx"', file: '.env', text: 'VENDAZE_CLIENT_SECRET=qq92VhmB4xxx2958JDtPu7sV\n', expect: [[T2, 'qq92VhmB4xxx2958JDtPu7sV']] }, // vendaze:allow (test data)
  { name: 'two secrets, reported in order', file: '.env', text: `VENDAZE_CLIENT_SECRET=${SECRET}\nVENDAZE_STAGING_CLIENT_SECRET=${SECRET_B}\n`, expect: [[T2, SECRET], [T2, SECRET_B]] },
]);

table('tier 2 decoys: placeholders, references, code, other providers', [
  ...['<string>', 'YOUR_CLIENT_SECRET', '***', '********', 'xxx', 'xxxxxxxxxxxx', 'vz_live_xxx', 'xxx-xxx-xxx-123', 'changeme', '...', '<your-client-secret>', 'your-client-secret', '{{ client_secret }}', '[REDACTED]', 'abcdefghijkl', '1234567890', 'aaaaaaaaaaaaaaaa', 'put-it-here-123'].map(
    (value): Case => ({ name: `placeholder ${value}`, file: 'vendaze.env', text: `VENDAZE_CLIENT_SECRET="${value}"\n`, expect: [] }),
  ),
  ...[
    'process.env.VENDAZE_CLIENT_SECRET',
    '${VENDAZE_CLIENT_SECRET}',
    '$VENDAZE_CLIENT_SECRET',
    'os.environ["VENDAZE_CLIENT_SECRET"]',
    'os.getenv("VENDAZE_CLIENT_SECRET")',
    'ENV["VENDAZE_CLIENT_SECRET"]',
    'ENV.fetch("VENDAZE_CLIENT_SECRET")',
    'os.Getenv("VENDAZE_CLIENT_SECRET")',
    'System.getenv("VENDAZE_CLIENT_SECRET")',
    '${{ secrets.VENDAZE_CLIENT_SECRET }}',
    'import.meta.env.VITE_VENDAZE_CLIENT_SECRET',
  ].map((value): Case => ({ name: `env reference ${value}`, file: 'vendaze.ts', text: `const client = new Vendaze({ clientSecret: ${value} });\n`, expect: [] })),
  { name: 'the docs example client_id is not context', file: '.env', text: `CLIENT_ID=9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d\nCLIENT_SECRET=${SECRET}\n`, expect: [] },
  { name: 'the other docs example client_id is not context', file: '.env', text: `CLIENT_ID=1b2c3d4e-5f6a-7b8c-9d0e-1f2a3b4c5d6e\nCLIENT_SECRET=${SECRET}\n`, expect: [] },
  { name: 'the RFC example UUID is not context', file: '.env', text: `CLIENT_ID=550e8400-e29b-41d4-a716-446655440000\nCLIENT_SECRET=${SECRET}\n`, expect: [] },
  { name: 'another provider without Vendaze context', file: 'google.json', text: `{"web":{"client_id":"1234-abc.apps.googleusercontent.com","client_secret":"${SECRET}"}}`, expect: [] },
  { name: 'a key naming another provider, next to Vendaze keys', file: '.env', text: `VENDAZE_CLIENT_ID=${CLIENT_ID}\nGOOGLE_CLIENT_SECRET=${SECRET}\nAZURE_CLIENT_SECRET=${SECRET_B}\n`, expect: [] },
  { name: 'an identifier, not a value', file: 'vendaze.ts', text: 'const clientSecret = config.vendazeClientSecret;\nfetchToken({ client_secret: clientSecret });\n', expect: [] },
  { name: 'a function call, not a value', file: 'vendaze.py', text: 'client_secret = load_secret_from_vault(path)\n', expect: [] },
  { name: 'a key naming a file', file: 'vendaze.yaml', text: 'client_secret_file: /etc/vendaze/client.key\nclientSecretName: prod-vendaze-2024\n', expect: [] },
  { name: 'a comparison is not an assignment', file: 'vendaze.ts', text: `if (clientSecret === "${SECRET}") {}\n`, expect: [] },
  { name: 'the docs rotate-app example', file: 'rotate.md', text: `curl -X POST https://api.vendaze.com/v1/auth/rotate-app \\\n  -d '{"client_id": "9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d", "app_name": "My Integration v2"}'\n`, expect: [] },
  { name: 'prose about the client_secret', file: 'SECURITY.md', text: 'Vendaze: never put the client_secret in code. Rotate the client-secret. The client_secret: treat it like a password.\n', expect: [] },
  { name: 'lock files are skipped', file: 'web/package-lock.json', text: `{"vendaze":{"client_secret":"${SECRET}"}}`, expect: [] },
  { name: 'yarn.lock is skipped', file: 'yarn.lock', text: `VENDAZE_CLIENT_SECRET=${SECRET}\n`, expect: [] },
]);

table('tier 3: JWTs whose claims identify Vendaze', [
  { name: 'issuer names Vendaze', file: 'a.txt', text: `token=${vendazeJwt({ iss: 'https://api.vendaze.com' })}\n`, expect: [[T3, vendazeJwt({ iss: 'https://api.vendaze.com' })]] },
  { name: 'client_id + workspace_id + vendaze_scopes', file: 'fixture.json', text: `{"access_token": "${vendazeJwt({})}"}`, expect: [[T3, vendazeJwt({})]] },
  { name: 'Bearer header in a shell script', file: 'call.sh', text: `curl -H "Authorization: Bearer ${vendazeJwt({})}" https://api.vendaze.com/v1/people\n`, expect: [[T3, vendazeJwt({})]] },
  { name: 'without any Vendaze word around', file: 'a.log', text: `got ${vendazeJwt({})} from the server\n`, expect: [[T3, vendazeJwt({})]] },
]);

table('tier 3 decoys', [
  { name: "another provider's JWT", file: 'a.json', text: `{"vendaze": true, "id_token": "${otherJwt()}"}`, expect: [] },
  { name: 'the docs "eyJ..." placeholder', file: 'README.md', text: '{"access_token":"eyJ...","refresh_token":"eyJ...","token_type":"Bearer"} vendaze\n', expect: [] },
  { name: 'eyJ that does not decode', file: 'a.txt', text: 'eyJhbGciOiJub25lIn0x.eyJzdWIiOiJhYmMiLCJ.sig vendaze\n', expect: [] },
  { name: 'embedded in a longer base64 run', file: 'a.txt', text: `data:${'A'.repeat(8)}${vendazeJwt({})}\n`, expect: [] },
]);

describe('tier 3: token kinds and expiry', () => {
  test('a refresh claim makes it a refresh token', () => {
    const token = vendazeJwt({ token_type: 'refresh' });
    const [finding] = detectSecrets(`x ${token}`);
    assert.equal(finding?.kind, 'refresh_token');
    assert.match(finding!.message, /refresh token/);
  });
  test('the key it sits under names a refresh token', () => {
    const [finding] = detectSecrets(`"refresh_token": "${vendazeJwt({})}"`);
    assert.equal(finding?.kind, 'refresh_token');
  });
  test('an expired token is reported at info severity and says so', () => {
    const [finding] = detectSecrets(`x ${vendazeJwt({ exp: 1_700_000_000 })}`, { now: 1_800_000_000_000 });
    assert.equal(finding?.severity, 'info');
    assert.match(finding!.message, /expired/);
  });
  test('a live token is an error', () => {
    const [finding] = detectSecrets(`x ${vendazeJwt({ exp: 1_900_000_000 })}`, { now: 1_800_000_000_000 });
    assert.equal(finding?.severity, 'error');
  });
});

table('tier 4: high-entropy values next to Vendaze context', [
  { name: 'YAML api token', file: 'config.yaml', text: 'vendaze:\n  api_token: "a81f9c2e4b7d6a0f3c5e8b1d"\n', expect: [[T4, 'a81f9c2e4b7d6a0f3c5e8b1d']] }, // vendaze:allow (test data)
  { name: 'Bearer header with an opaque token', file: 'call.sh', text: 'curl -H "Authorization: Bearer Qm9vT2xkZXIx9Zk3LpW7" https://api.vendaze.com/v1/deals\n', expect: [[T4, 'Qm9vT2xkZXIx9Zk3LpW7']] }, // vendaze:allow (test data)
  { name: 'webhook signing secret under its key', file: '.env', text: 'VENDAZE_WEBHOOK_SECRET=whsec_9fK2mQ7xL4pR1tW8nB3c\n', expect: [[T4, 'whsec_9fK2mQ7xL4pR1tW8nB3c']] }, // vendaze:allow (test data)
  { name: 'bare webhook signing secret in prose', file: 'notes.md', text: 'Vendaze webhook configured, signing with whsec_9fK2mQ7xL4pR1tW8nB3c today\n', expect: [[T4, 'whsec_9fK2mQ7xL4pR1tW8nB3c']] }, // vendaze:allow (test data)
]);

table('tier 4 decoys', [
  { name: 'a URL under a token key', file: 'vendaze.yaml', text: 'token_url: https://api.vendaze.com/oauth/token\n', expect: [] },
  { name: 'a number under a token key', file: '.env', text: 'VENDAZE_TOKEN_TTL=3600\nVENDAZE_MAX_TOKENS=4096\n', expect: [] },
  { name: 'a low-entropy value', file: 'vendaze.yaml', text: 'api_token: "abababab12121212"\n', expect: [] },
  { name: 'an integrity hash', file: 'vendaze.json', text: '{"integrity": "sha512-9fK2mQ7xL4pR1tW8nB3cZq81LmN0pRs7VwX2yK==", "token": "sha256-9fK2mQ7xL4pR1tW8nB3c4d"}', expect: [] },
  { name: 'a commit hash', file: 'vendaze.json', text: '{"commit_sha256": "4b7d6a0f3c5e8b1da81f9c2e4b7d6a0f3c5e8b1da81f9c2e", "token_hash": "9c2e4b7d6a0f3c5e8b1da81f"}', expect: [] },
  { name: 'a UUID under a token key', file: 'vendaze.json', text: `{"request_token": "${CLIENT_ID}"}`, expect: [] },
  { name: "Stripe's webhook secret next to Vendaze settings", file: '.env', text: 'VENDAZE_CLIENT_ID=x\nSTRIPE_WEBHOOK_SECRET=whsec_9fK2mQ7xL4pR1tW8nB3c\n', expect: [] }, // vendaze:allow (test data)
  { name: 'a high-entropy token with no Vendaze context', file: 'stripe.env', text: 'API_TOKEN=a81f9c2e4b7d6a0f3c5e8b1d\n', expect: [] }, // vendaze:allow (test data)
  { name: 'pagination cursors', file: 'vendaze.json', text: '{"next_page_token": "Zq81LmN0pRs7VwX2yK4"}', expect: [] },
]);

describe('tier 1: secrets the extension holds', () => {
  const known = [{ value: SECRET, kind: 'client_secret' as const, clientId: CLIENT_ID, label: 'Billing sync' }];

  test('matches anywhere, without key or context, and points back to the app', () => {
    const text = `log line: request failed (${SECRET}) at 12:00\n`;
    const [finding, ...rest] = detectSecrets(text, { knownSecrets: known });
    assert.equal(rest.length, 0);
    assert.equal(finding?.ruleId, RuleIds.knownSecret);
    assert.equal(finding?.tier, 1);
    assert.equal(text.slice(finding!.start, finding!.end), SECRET);
    assert.deepEqual(finding?.knownSecretRef, { kind: 'client_secret', clientId: CLIENT_ID, label: 'Billing sync' });
    assert.match(finding!.message, /Billing sync/);
    assert.ok(!finding!.message.includes(SECRET));
  });

  test('wins over the tier-2 finding on the same value', () => {
    const findings = detectSecrets(`VENDAZE_CLIENT_SECRET=${SECRET}\n`, { knownSecrets: known });
    assert.deepEqual(findings.map((f) => f.ruleId), [RuleIds.knownSecret]);
  });

  test('wins over the tier-3 finding on a known token', () => {
    const token = vendazeJwt({});
    const findings = detectSecrets(`t=${token}`, { knownSecrets: [{ value: token, kind: 'access_token', clientId: CLIENT_ID }] });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.kind]), [[RuleIds.knownSecret, 'access_token']]);
  });

  test('finds every occurrence and ignores values too short to be safe to match', () => {
    const findings = detectSecrets(`${SECRET} and ${SECRET} and short`, { knownSecrets: [...known, { value: 'short', kind: 'client_secret' }] });
    assert.equal(findings.length, 2);
  });
});

describe('suppression comments', () => {
  const line = `VENDAZE_CLIENT_SECRET=${SECRET}`;
  for (const [name, text] of [
    ['vendaze:allow on the line', `${line} # vendaze:allow\n`],
    ['gitleaks:allow on the line', `${line} # gitleaks:allow\n`],
    ['pragma: allowlist secret on the line', `${line}  # pragma: allowlist secret\n`],
    ['vendaze:allow on the comment line before', `# vendaze:allow (test fixture)\n${line}\n`],
    ['// comment before in JS', `// vendaze:allow\nconst vendaze = { clientSecret: "${SECRET}" };\n`],
  ]) {
    test(name, () => assert.deepEqual(detectSecrets(text!), []));
  }
  test('a marker at the end of a code line does not cover the next line', () => {
    const text = `VENDAZE_CLIENT_ID=${CLIENT_ID} # vendaze:allow\n${line}\n`;
    assert.equal(detectSecrets(text).length, 1);
  });
  test('a marker two lines up does not count', () => {
    assert.equal(detectSecrets(`# vendaze:allow\n\n${line}\n`).length, 1);
  });
  test('markers are honoured wherever they fall in a long file (the marker index grows in steps)', () => {
    // Lines of varying length, so markers (all four kinds) straddle every index step edge somewhere.
    const markers = ['# vendaze:allow', '# gitleaks:allow', '# pragma: allowlist secret', '# pragma:allowlist secret'];
    const lines = Array.from({ length: 1200 }, (_, i) => `${'x'.repeat(i % 7)}${line}${i % 3 === 0 ? ` ${markers[i % 4]}` : ''}`);
    const text = `${lines.join('\n')}\n`;
    const reported = new Set(detectSecrets(text).map((f) => f.line));
    assert.deepEqual(lines.map((_, i) => reported.has(i)), lines.map((_, i) => i % 3 !== 0));
  });
});

describe('positions, binary files, huge lines', () => {
  test('line and column are zero-based offsets of the value', () => {
    const text = `# vendaze\n\nVENDAZE_CLIENT_SECRET=${SECRET}\n`;
    const [finding] = detectSecrets(text);
    assert.deepEqual([finding?.line, finding?.column], [2, 22]);
    assert.equal(finding?.literalStart, finding?.start);
  });

  test('the literal span includes the quotes, for quick fixes', () => {
    const text = `clientSecret: "${SECRET}", // vendaze`;
    const [finding] = detectSecrets(text);
    assert.equal(text.slice(finding!.literalStart, finding!.literalEnd), `"${SECRET}"`);
    assert.equal(finding?.key, 'clientSecret');
  });

  test('a NUL byte in the first 8 KB marks the file binary: skipped', () => {
    assert.deepEqual(detectSecrets(`\u0000\u0001PNG VENDAZE_CLIENT_SECRET=${SECRET}\n`), []);
  });

  test('a NUL byte after the first 8 KB does not', () => {
    assert.equal(detectSecrets(`${' '.repeat(9000)}\u0000 VENDAZE_CLIENT_SECRET=${SECRET}\n`).length, 1);
  });

  test('a secret in the middle of a 2 MB minified line is found with the right column', () => {
    const filler = 'var a=1,b=function(c){return c*2};'.repeat(30_000);
    const text = `${filler}var vendazeCfg={clientSecret:"${SECRET}"};${filler}`;
    const [finding, ...rest] = detectSecrets(text, { fileName: 'bundle.min.js' });
    assert.equal(rest.length, 0);
    assert.equal(finding?.line, 0);
    assert.equal(finding?.column, text.indexOf(SECRET));
  });

  test('unicode around a secret keeps UTF-16 offsets', () => {
    const text = `# Vendaze 🔐 überprüft\nVENDAZE_CLIENT_SECRET=${SECRET} # café\n`;
    const [finding] = detectSecrets(text);
    assert.equal(text.slice(finding!.start, finding!.end), SECRET);
  });
});

describe('messages and fingerprints', () => {
  test('messages carry a kind and at most a 4-character hint', () => {
    const [finding] = detectSecrets(`VENDAZE_CLIENT_SECRET=${SECRET}\n`);
    assert.ok(!finding!.message.includes(SECRET.slice(0, 5)));
    assert.ok(finding!.message.includes(`\u2026${SECRET.slice(-4)}`));
    assert.match(finding!.message, /client_secret/);
  });

  test('short values get no hint at all', () => {
    const [finding] = detectSecrets('VENDAZE_CLIENT_SECRET=k3Q9z7Wx\n'); // vendaze:allow (test data)
    assert.match(finding!.message, /value hidden/);
    assert.ok(!finding!.message.includes('z7Wx'));
  });

  test('the fingerprint is stable across files and positions, differs per value, and is not the value', () => {
    const a = detectSecrets(`VENDAZE_CLIENT_SECRET=${SECRET}\n`, { fileName: 'a/.env' })[0]!;
    const b = detectSecrets(`# vendaze\n\n  client_secret: ${SECRET}\n`, { fileName: 'b.yaml' })[0]!;
    const c = detectSecrets(`VENDAZE_CLIENT_SECRET=${SECRET_B}\n`)[0]!;
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, c.fingerprint);
    assert.match(a.fingerprint, /^[0-9a-f]{32}$/);
    assert.ok(!JSON.stringify(a).includes(SECRET));
  });

  test('the fingerprint is a salted SHA-256 of rule and value, whichever Node API computes it', () => {
    const [finding] = detectSecrets(`VENDAZE_CLIENT_SECRET=${SECRET}\n`);
    const expected = createHash('sha256').update(`vendaze-secret-fingerprint/v1\u0000${finding!.ruleId}\u0000${SECRET}`).digest('hex').slice(0, 32);
    assert.equal(finding!.fingerprint, expected);
    assert.equal(fingerprint(finding!.ruleId, SECRET), expected);
  });
});
