import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSecrets } from '../../src/detector';
import { ProjectIndex } from '../../src/practices/project';
import { reviewFile } from '../../src/practices/review';
import { reviewProject } from '../../src/practices/reviewProject';
import type { PracticeFinding, PracticeFix } from '../../src/practices/types';
import { SECRET } from './support/detectorFixtures';

function review(fileName: string, text: string, options: Parameters<typeof reviewFile>[1] extends infer O ? Partial<O> : never = {}): PracticeFinding[] {
  return reviewFile(text, { fileName, ...options }).findings;
}

function apply(text: string, fix: PracticeFix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function fixOf(findings: PracticeFinding[], name: string, title: RegExp): PracticeFix {
  const fix = findings.find((f) => f.name === name)?.fixes.find((x) => title.test(x.title));
  assert.ok(fix, `no fix ${title} for ${name} among ${JSON.stringify(findings.map((f) => [f.name, f.fixes.map((x) => x.title)]))}`);
  return fix;
}

describe('practice quick fixes do what they say', () => {
  test('cookie: adds httpOnly and secure to the options, or an options object', () => {
    const text = "// vendaze\nres.cookie('vendaze_access_token', tokens.access_token, { maxAge: 3600 });\nres.cookie('vendaze_refresh_token', tokens.refresh_token);\n";
    const findings = review('server.js', text);
    assert.equal(findings.filter((f) => f.name === 'token-in-browser-storage').length, 2);
    let fixed = apply(text, fixOf(findings, 'token-in-browser-storage', /httpOnly/));
    fixed = apply(fixed, fixOf(review('server.js', fixed), 'token-in-browser-storage', /httpOnly/));
    assert.match(fixed, /\{ httpOnly: true, secure: true, maxAge: 3600 \}/);
    assert.match(fixed, /tokens\.refresh_token, \{ httpOnly: true, secure: true \}\)/);
    assert.deepEqual(review('server.js', fixed), []);
  });

  test('Flask set_cookie gets httponly=True, secure=True', () => {
    const text = '# vendaze\nresp.set_cookie("vendaze_token", tokens["access_token"])\n';
    const fixed = apply(text, fixOf(review('app.py', text), 'token-in-browser-storage', /httponly/));
    assert.match(fixed, /set_cookie\("vendaze_token", tokens\["access_token"\], httponly=True, secure=True\)/);
    assert.deepEqual(review('app.py', fixed), []);
  });

  test('plain -> S256 with the challenge computed from the verifier (JS and Python)', () => {
    const js = "import { randomBytes } from 'node:crypto';\nconst verifier = randomBytes(32).toString('base64url');\nconst url = new URL('https://api.vendaze.com/oauth/authorize');\nurl.searchParams.set('state', state);\nurl.searchParams.set('code_challenge', verifier);\nurl.searchParams.set('code_challenge_method', 'plain');\n";
    const fixedJs = apply(js, fixOf(review('login.ts', js), 'pkce', /S256/));
    assert.match(fixedJs, /'code_challenge_method', 'S256'/);
    assert.match(fixedJs, /'code_challenge', createHash\('sha256'\)\.update\(verifier\)\.digest\('base64url'\)\)/);
    assert.match(fixedJs, /import \{ createHash, randomBytes \} from 'node:crypto'/);
    assert.deepEqual(review('login.ts', fixedJs).filter((f) => f.name === 'pkce'), []);
    const py = 'VENDAZE = "https://api.vendaze.com/oauth/authorize"\nparams = {"state": state, "code_challenge": verifier, "code_challenge_method": "plain"}\n';
    const fixedPy = apply(py, fixOf(review('auth.py', py), 'pkce', /S256/));
    assert.match(fixedPy, /^import base64\nimport hashlib\n/);
    assert.match(fixedPy, /"code_challenge": base64\.urlsafe_b64encode\(hashlib\.sha256\(verifier\.encode\(\)\)\.digest\(\)\)\.rstrip\(b"="\)\.decode\(\), "code_challenge_method": "S256"/);
  });

  test('state from Math.random / random.* is regenerated with crypto', () => {
    const js = "// vendaze login\nconst state = Math.random().toString(36).slice(2);\n";
    assert.equal(apply(js, fixOf(review('login.js', js), 'state', /crypto/)), '// vendaze login\nconst state = crypto.randomUUID();\n');
    const py = '"""Vendaze login."""\nimport random\nstate = "".join(random.choice("abc") for _ in range(16))\n';
    const fixed = apply(py, fixOf(review('login.py', py), 'state', /cryptographic/));
    assert.match(fixed, /^"""Vendaze login."""\nimport secrets\n/);
    assert.match(fixed, /\nstate = secrets\.token_urlsafe\(32\)\n/);
    assert.deepEqual(review('login.py', fixed), []);
  });

  test('a NEXT_PUBLIC_ secret moves to a server-only name everywhere in the file', () => {
    const text = 'NEXT_PUBLIC_VENDAZE_CLIENT_SECRET=x\n# NEXT_PUBLIC_VENDAZE_CLIENT_SECRET is read by lib/vendaze.ts\n';
    const fixed = apply(text, fixOf(review('.env.local', text), 'client-secret-in-client', /server-only/));
    assert.equal(fixed, 'VENDAZE_CLIENT_SECRET=x\n# VENDAZE_CLIENT_SECRET is read by lib/vendaze.ts\n');
  });

  test('http redirect URI -> https', () => {
    const text = "const vendaze = { redirect_uri: 'http://crm.example.com/cb' };\n";
    assert.equal(apply(text, fixOf(review('c.js', text), 'https-redirect', /https/)), "const vendaze = { redirect_uri: 'https://crm.example.com/cb' };\n");
  });

  test('least privilege: the scope list is narrowed to what the project calls', () => {
    const files = [
      { key: 'auth.ts', fileName: 'auth.ts', text: "const SCOPES = 'people:read people:write deals:write';\nconst u = `https://api.vendaze.com/oauth/authorize?scope=${SCOPES}`;\n" },
      { key: 'api.ts', fileName: 'api.ts', text: "// vendaze\nawait fetch(`${base}/v1/people`, { headers });\nawait fetch(`${base}/v1/deals`, { method: 'POST', body });\n" },
    ];
    const findings = reviewProject(files).get('auth.ts') ?? [];
    const lp = findings.find((f) => f.name === 'least-privilege');
    assert.ok(lp);
    assert.match(lp.message, /people:write/);
    assert.equal(apply(files[0]!.text, fixOf(findings, 'least-privilege', /Narrow/)).split('\n')[0], "const SCOPES = 'deals:write people:read';");
    const later = reviewProject(files, { apiGeneration: '2026-07' }).get('auth.ts')!.find((f) => f.name === 'least-privilege')!;
    assert.match(later.message, /register an app/);
    assert.equal(later.fixes.some((f) => /Narrow/.test(f.title)), false);
  });

  test('suppress: appends vendaze:allow <rule> in the file’s comment syntax', () => {
    const text = "// vendaze\nconst redirect_uri = 'http://crm.example.com/cb';\n";
    const fixed = apply(text, fixOf(review('c.js', text), 'https-redirect', /Suppress/));
    assert.match(fixed, /'http:\/\/crm\.example\.com\/cb'; \/\/ vendaze:allow vendaze\/practice\/https-redirect\n/);
    assert.deepEqual(review('c.js', fixed), []);
  });
});

describe('practice suppression and settings', () => {
  const line = "const state = Math.random().toString(36); const redirect_uri = 'http://crm.example.com/cb';";
  test('a bare vendaze:allow suppresses every practice on its line; a named one only that rule', () => {
    assert.equal(review('a.js', `// vendaze\n${line}\n`).length, 2);
    assert.deepEqual(review('a.js', `// vendaze\n${line} // vendaze:allow\n`), []);
    assert.deepEqual(review('a.js', `// vendaze\n${line} // vendaze:allow state`).map((f) => f.name), ['https-redirect']);
    assert.deepEqual(review('a.js', `// vendaze\n// vendaze:allow vendaze/practice/https-redirect, state\n${line}\n`), []);
  });
  test('rules can be turned off or given another severity, by short name or full id', () => {
    const text = `// vendaze\n${line}\n`;
    assert.deepEqual(review('a.js', text, { rules: { state: 'off' } }).map((f) => f.name), ['https-redirect']);
    assert.deepEqual(review('a.js', text, { rules: { 'vendaze/practice/https-redirect': 'error' } }).map((f) => f.severity), ['warning', 'error']);
  });
  test('files that do not talk to Vendaze, tests and prose are not reviewed', () => {
    assert.equal(reviewFile(line, { fileName: 'a.js' }).relevant, false);
    assert.deepEqual(review('test/a.test.js', `// vendaze\n${line}\n`), []);
    assert.equal(reviewFile(`vendaze ${line}`, { fileName: 'README.md' }).relevant, false);
  });
});

describe('API generation', () => {
  const text = "// vendaze\nconst url = `https://api.vendaze.com/oauth/authorize?client_id=${id}&state=${state}`;\nconst body = { token: tokens.refresh_token };\nfetch('https://api.vendaze.com/oauth/revoke', { method: 'POST', body: JSON.stringify(body) });\n";
  test('PKCE-era: no code_challenge is an error; 2026-07: quiet, but revoking a refresh token is reported', () => {
    assert.deepEqual(review('a.js', text).map((f) => f.name), ['pkce']);
    assert.deepEqual(review('a.js', text, { apiGeneration: '2026-07' }).map((f) => f.name), ['revoke-on-disconnect']);
    assert.deepEqual(review('a.js', "// vendaze\nconst p = { code_challenge_method: 'plain' };\n", { apiGeneration: '2026-07' }).map((f) => f.name), ['pkce']);
  });
});

describe('project index', () => {
  test('updates one file at a time: a revoke added anywhere clears the project finding', () => {
    const index = new ProjectIndex();
    const exchange = reviewFile("// vendaze\nconst body = { grant_type: 'authorization_code', code };\n", { fileName: 'a.js' });
    index.update('a.js', exchange.facts, exchange.src);
    assert.deepEqual([...index.findings('pkce', undefined).keys()], ['a.js']);
    const revoke = reviewFile("await fetch('https://api.vendaze.com/oauth/revoke', { method: 'POST' });\n", { fileName: 'b.js' });
    index.update('b.js', revoke.facts, revoke.src);
    assert.equal(index.findings('pkce', undefined).size, 0);
    index.delete('b.js');
    assert.equal(index.findings('pkce', undefined).size, 1);
  });
});

describe('hostile input stays bounded', () => {
  test('pathological files finish with a capped number of findings', () => {
    const big = (unit: string) => `// vendaze\n${unit.repeat(Math.ceil(200_000 / unit.length))}`;
    for (const text of [big('('), big('a'), big("state='x' "), big('localStorage.setItem("token", t);\n'), big('res.cookie("token", '), big('`${'), big('"'), big('redirect_uri http://a.b '), big('/oauth/authorize ')]) {
      const findings = review('h.js', text);
      assert.ok(findings.length <= 200, `${findings.length} findings`);
    }
  });
});

describe('vendaze:allow shared with the secret scanner', () => {
  test('a marker naming a practice rule does not hide a secret; a bare marker still hides both', () => {
    const line = `VENDAZE_CLIENT_SECRET=${SECRET}`;
    assert.equal(detectSecrets(`${line} # vendaze:allow vendaze/practice/https-redirect\n`, { fileName: '.env' }).length, 1);
    assert.equal(detectSecrets(`${line} # vendaze:allow\n`, { fileName: '.env' }).length, 0);
  });
});
