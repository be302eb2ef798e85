import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { excludeMatcher, loadScanConfig, ScanConfigError } from '../../src/scanPolicy/config';
import { Baseline, parseBaseline } from '../../src/scanPolicy/baseline';
import { BASELINE_NOTE, judge } from '../../src/scanPolicy/judge';
import { CLIENT_ID, SECRET, SECRET_B } from './support/detectorFixtures';
import { git, scan, write } from './support/cli';

const leak = (secret = SECRET) => `# vendaze app\nVENDAZE_CLIENT_SECRET=${secret}\n`;

describe('scanner config (shared by the CLI and the editor)', () => {
  test('.vendazescan.json wins over package.json#vendaze-scan; neither is the empty config; bad shapes are refused', () => {
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'x', 'vendaze-scan': { exclude: ['a/'] } }) };
    assert.deepEqual(loadScanConfig((n) => files[n]).config.exclude, ['a/']);
    assert.equal(loadScanConfig((n) => files[n]).source, 'package.json#vendaze-scan');
    files['.vendazescan.json'] = JSON.stringify({ rules: { 'vendaze/jwt': 'off' } });
    assert.deepEqual(loadScanConfig((n) => files[n]).config, { exclude: [], rules: { 'vendaze/jwt': 'off' } });
    assert.deepEqual(loadScanConfig(() => undefined).config, { exclude: [], rules: {} });
    files['.vendazescan.json'] = JSON.stringify({ rules: { 'vendaze/jwt': 'critical' } });
    assert.throws(() => loadScanConfig((n) => files[n]), ScanConfigError);
    files['.vendazescan.json'] = JSON.stringify({ excludes: ['typo'] });
    assert.throws(() => loadScanConfig((n) => files[n]), /excludes|Unrecognized/);
  });

  test('excludes: directories, any-depth names, ** and *', () => {
    const excluded = excludeMatcher({ exclude: ['test/fixtures/', '*.snap', 'docs/**/*.md', '/build'], rules: {} });
    for (const p of ['test/fixtures/a.env', 'test/fixtures/deep/b.env', 'x/y.snap', 'y.snap', 'docs/a.md', 'docs/a/b/c.md', 'build/x.js'])
      assert.equal(excluded(p), true, p);
    for (const p of ['test/fixturesx/a.env', 'src/test/fixtures.ts', 'docs/a.txt', 'src/build/x.js', 'snap'])
      assert.equal(excluded(p), false, p);
  });

  test('the baseline matches fingerprint AND path, and never accepts a live value', () => {
    const fp = 'a'.repeat(32);
    const baseline = new Baseline(parseBaseline(JSON.stringify({ version: 1, findings: [{ fingerprint: fp, ruleId: 'vendaze/client-secret', path: 'test/a.env', line: 2 }] })).findings);
    assert.equal(baseline.accepts({ fingerprint: fp }, 'test/a.env'), true);
    assert.equal(baseline.accepts({ fingerprint: fp }, 'src/prod.env'), false);
    assert.equal(baseline.accepts({ fingerprint: 'b'.repeat(32) }, 'test/a.env'), false);
    assert.equal(baseline.accepts({ fingerprint: fp, live: true }, 'test/a.env'), false);
  });
});

describe('vendaze-scan baseline, config and formats', () => {
  let root: string;
  before(() => (root = mkdtempSync(join(tmpdir(), 'vendaze-scan-policy-'))));
  after(() => rmSync(root, { recursive: true, force: true }));

  function repo(name: string): string {
    const cwd = join(root, name);
    mkdirSync(cwd, { recursive: true });
    git(cwd, 'init', '-q');
    return cwd;
  }

  test('--update-baseline accepts today\'s findings without their values; only new ones fail afterwards', () => {
    const cwd = repo('baseline');
    write(cwd, 'test/fixture.env', leak());
    const updated = scan(cwd, '--update-baseline');
    assert.equal(updated.code, 0, updated.stderr);
    const text = readFileSync(join(cwd, '.vendaze-baseline.json'), 'utf8');
    assert.ok(!text.includes(SECRET) && !text.includes(SECRET.slice(-4)), 'no value, not even its hint');
    const file = parseBaseline(text);
    assert.deepEqual(file.findings.map((f) => [f.ruleId, f.path, f.line]), [['vendaze/client-secret', 'test/fixture.env', 2]]);

    const accepted = scan(cwd, '--baseline', '.vendaze-baseline.json');
    assert.equal(accepted.code, 0, accepted.stdout);
    assert.match(accepted.stdout, /1 finding accepted in the baseline/);
    // The same accepted value copied into production code is a new finding: the path is part of the match.
    write(cwd, 'src/prod.env', leak());
    write(cwd, 'src/other.env', leak(SECRET_B));
    const fresh = scan(cwd, '--baseline', '.vendaze-baseline.json', '--format', 'json');
    assert.equal(fresh.code, 1);
    const report = JSON.parse(fresh.stdout) as { summary: { findings: number; baselined: number }; findings: Array<{ path: string; hint: string; fingerprint: string }> };
    assert.deepEqual(report.findings.map((f) => f.path).sort(), ['src/other.env', 'src/prod.env']);
    assert.equal(report.summary.baselined, 1);
    // From a subdirectory, paths still match (they are stored relative to the baseline file).
    assert.match(scan(join(cwd, 'test'), '--baseline', '../.vendaze-baseline.json').stdout, /no Vendaze secrets found .*1 finding accepted/);
  });

  test('config: excludes skip files before reading them, severities change or drop a rule (package.json key too)', () => {
    const cwd = repo('config');
    write(cwd, 'fixtures/a.env', leak());
    write(cwd, 'src/app.py', `# vendaze\nclient = Client(client_id="${CLIENT_ID}",\n    api_token="${SECRET_B}Qx9")\n`);
    write(cwd, '.vendazescan.json', JSON.stringify({ exclude: ['fixtures/'], rules: { 'vendaze/generic-secret': 'info' } }));
    const configured = scan(cwd, '--format', 'json');
    const report = JSON.parse(configured.stdout) as { summary: { excluded: number }; findings: Array<{ path: string; ruleId: string; severity: string }> };
    assert.deepEqual(report.findings.map((f) => [f.path, f.ruleId, f.severity]), [['src/app.py', 'vendaze/generic-secret', 'info']]);
    assert.equal(report.summary.excluded, 1);
    write(cwd, '.vendazescan.json', '{"rules": {"vendaze/generic-secret": "off"}, "exclude": ["fixtures/"]}');
    assert.equal(scan(cwd).code, 0);
    rmSync(join(cwd, '.vendazescan.json'));
    write(cwd, 'package.json', JSON.stringify({ name: 'app', 'vendaze-scan': { exclude: ['src/'] } }));
    const viaPackage = scan(cwd);
    assert.match(viaPackage.stdout, /^fixtures\/a\.env:2:23:/m);
    assert.doesNotMatch(viaPackage.stdout, /src\/app\.py/);
    write(cwd, '.vendazescan.json', '{"exclude": "not-a-list"}');
    const bad = scan(cwd);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.vendazescan\.json: exclude/);
  });

  test('SARIF: rule help and helpUri, partialFingerprints, verification state as a property', () => {
    const cwd = repo('sarif');
    write(cwd, '.env', leak());
    const log = JSON.parse(scan(cwd, '--format', 'sarif').stdout) as Sarif.Log;
    const run = log.runs[0]!;
    for (const rule of run.tool.driver.rules!) {
      assert.ok(rule.help?.text && rule.help.markdown, rule.id);
      assert.match(rule.helpUri!, /^https:\/\/github\.com\/vendaze\/vendaze-vscode\/blob\/main\/docs\/vendaze-scan\.md#vendaze/);
    }
    const result = run.results![0]!;
    assert.match(result.partialFingerprints!['vendazeSecret/v1']!, /^[0-9a-f]{32}$/);
    assert.equal(result.properties!['verification'], 'not-checked');
  });
});

describe('judge: the policy the editor applies to its diagnostics', () => {
  test('excluded findings are dropped; the configured severity and the baseline entry are handed to rateFinding', () => {
    const fp = 'c'.repeat(32);
    const baseline = new Baseline([{ fingerprint: fp, ruleId: 'vendaze/client-secret', path: 'test/a.env', line: 2 }]);
    const decide = judge({ config: { exclude: ['vendor/'], rules: { 'vendaze/jwt': 'off', 'vendaze/generic-secret': 'info' } }, baseline });
    const finding = { ruleId: 'vendaze/client-secret', fingerprint: fp };
    assert.deepEqual(decide('vendor/x.env', finding), { drop: true });
    assert.deepEqual(decide('a.env', { ...finding, ruleId: 'vendaze/jwt' }), { drop: false, configured: 'off', inBaseline: false });
    assert.deepEqual(decide('test/a.env', finding), { drop: false, inBaseline: true });
    assert.deepEqual(decide('src/a.env', finding), { drop: false, inBaseline: false });
    assert.deepEqual(decide('x.py', { ...finding, ruleId: 'vendaze/generic-secret' }), { drop: false, configured: 'info', inBaseline: false });
    assert.equal(BASELINE_NOTE, 'accepted in baseline');
  });
});
