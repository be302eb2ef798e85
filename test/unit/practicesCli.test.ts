import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { PracticeWorkerState } from '../../src/practices/workerState';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'vendaze-scan.js');
const CALLBACK = "// vendaze\napp.get('/cb', (req, res) => {\n  const code = req.query.code;\n  res.cookie('vendaze_access_token', code);\n});\n";

function scan(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, '--no-gitignore', ...args], { cwd, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('vendaze-scan --practices', () => {
  let root: string;
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`);
    root = mkdtempSync(join(tmpdir(), 'vendaze-practices-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'callback.js'), CALLBACK);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('off by default: the secret scan alone, exit 0', () => {
    const out = scan(root, '.');
    assert.equal(out.code, 0, out.stderr);
    assert.doesNotMatch(out.stdout, /vendaze\/practice/);
  });

  test('--practices reports each finding with its rule id and fails on errors and warnings', () => {
    const out = scan(root, '--practices', '.');
    assert.equal(out.code, 1, out.stderr);
    assert.match(out.stdout, /src\/callback\.js:3:\d+: warning vendaze\/practice\/state /);
    assert.match(out.stdout, /src\/callback\.js:4:\d+: error vendaze\/practice\/token-in-browser-storage /);
  });

  test('rules can be turned off or downgraded; information alone does not fail', () => {
    const out = scan(root, '--practice', 'state=off', '--practice', 'vendaze/practice/token-in-browser-storage=information', '.');
    assert.equal(out.code, 0, out.stdout);
    assert.doesNotMatch(out.stdout, /practice\/state/);
    assert.match(out.stdout, /information vendaze\/practice\/token-in-browser-storage/);
  });

  test('SARIF: a vendaze-practices run with the ten rule ids and the results', () => {
    const out = scan(root, '--practices', '--api-generation', '2026-07', '-f', 'sarif', '.');
    const log = JSON.parse(out.stdout) as Sarif.Log;
    const run = log.runs.find((r) => r.tool.driver.name === 'vendaze-practices');
    assert.ok(run);
    assert.equal(run.tool.driver.rules?.length, 10);
    assert.deepEqual(run.results?.map((r) => r.ruleId).sort(), ['vendaze/practice/state', 'vendaze/practice/token-in-browser-storage']);
    assert.equal(run.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri, 'src/callback.js');
  });

  test('bad practice flags are usage errors (exit 2)', () => {
    assert.equal(scan(root, '--api-generation', 'v3').code, 2);
    assert.equal(scan(root, '--practice', 'nope=off').code, 2);
  });
});

describe('practice worker state', () => {
  test('answers with the files whose findings changed, project findings included, and forgets files', () => {
    const state = new PracticeWorkerState();
    state.handle({ id: 1, type: 'configure', apiGeneration: 'pkce', rules: {} });
    const exchange = "// vendaze\nconst body = { grant_type: 'authorization_code', code };\n";
    const first = state.handle({ id: 2, type: 'review', key: 'a', fileName: 'a.js', text: exchange, version: 3 });
    assert.deepEqual(first.files?.a?.findings.map((f) => f.name), ['revoke-on-disconnect']);
    assert.equal(first.files?.a?.version, 3);
    const second = state.handle({ id: 3, type: 'review', key: 'b', fileName: 'b.js', text: "fetch('https://api.vendaze.com/oauth/revoke', { method: 'POST' });\n", version: 1 });
    assert.deepEqual(Object.keys(second.files ?? {}).sort(), ['a', 'b']);
    assert.deepEqual(second.files?.a?.findings, []);
    const report = state.handle({ id: 4, type: 'report', paths: { a: { path: 'a.js', uri: 'file:///w/a.js' } }, generatedAt: 'now' });
    assert.match(report.markdown ?? '', /Checklist score: 10\/10/);
    const forgotten = state.handle({ id: 5, type: 'forget', key: 'b' });
    assert.deepEqual(forgotten.files?.a?.findings.map((f) => f.name), ['revoke-on-disconnect']);
    const report2 = state.handle({ id: 6, type: 'report', paths: { a: { path: 'a.js', uri: 'file:///w/a.js' } }, generatedAt: 'now' });
    assert.match(report2.markdown ?? '', /Checklist score: 9\/10/);
    assert.match(report2.markdown ?? '', /\[a\.js:2\]\(file:\/\/\/w\/a\.js#L2\)/);
  });
});
