import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { parseAddedLines } from '../../src/action/diff';
import { SECRET, SECRET_B } from './support/detectorFixtures';
import { git, write } from './support/cli';

const ROOT = join(__dirname, '..', '..', '..');
const ENTRY = join(ROOT, 'action', 'dist', 'index.js');
const leak = (secret: string) => `# vendaze app\nVENDAZE_CLIENT_SECRET=${secret}\n`;

/** Runs the action's bundle the way a runner does: INPUT_* and GITHUB_* in the environment. */
function runAction(workspace: string, event: 'push' | 'pull_request', payload: object, inputs: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vendaze-action-run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output');
  writeFileSync(eventPath, JSON.stringify(payload));
  writeFileSync(outputPath, '');
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_WORKSPACE: workspace, GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: eventPath, GITHUB_OUTPUT: outputPath };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const result = spawnSync(process.execPath, [ENTRY], { cwd: workspace, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(readFileSync(outputPath, 'utf8').trim().split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  rmSync(dir, { recursive: true, force: true });
  return { code: result.status ?? -1, stdout: result.stdout, outputs };
}

describe('the GitHub Action entry', () => {
  let root: string;
  before(() => {
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'release-bundles.mjs')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    root = mkdtempSync(join(tmpdir(), 'vendaze-action-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  let repos = 0;
  function origin(): { repo: string; base: string } {
    const repo = join(root, `origin-${repos++}`);
    mkdirSync(repo);
    git(repo, 'init', '-q');
    write(repo, 'test/fixture.env', leak(SECRET));
    write(repo, 'src/app.ts', 'export const x = 1;\n');
    // The base branch accepts its fixture in the baseline.
    spawnSync(process.execPath, [join(ROOT, 'dist', 'vendaze-scan.js'), '--update-baseline'], { cwd: repo });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'base');
    return { repo, base: git(repo, 'rev-parse', 'HEAD').trim() };
  }

  test('push: fails on a finding not in the baseline, writes SARIF to the path output', () => {
    const { repo } = origin();
    const clean = runAction(repo, 'push', {});
    assert.equal(clean.code, 0, clean.stdout);
    assert.equal(clean.outputs['mode'], 'push');
    assert.equal(clean.outputs['new-findings'], '0');
    write(repo, 'src/prod.env', leak(SECRET_B));
    const dirty = runAction(repo, 'push', {}, { 'sarif-file': 'out/results.sarif' });
    assert.equal(dirty.code, 1);
    assert.match(dirty.stdout, /^::error file=src\/prod\.env,line=2,col=23,title=vendaze\/client-secret::/m);
    assert.equal(dirty.outputs['sarif-file'], join(repo, 'out/results.sarif'));
    const log = JSON.parse(readFileSync(join(repo, 'out/results.sarif'), 'utf8')) as Sarif.Log;
    assert.deepEqual(log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri), ['src/prod.env']);
    assert.ok(!readFileSync(join(repo, 'out/results.sarif'), 'utf8').includes(SECRET_B));
  });

  test('pull request: only added lines count, and the baseline and config come from the base commit', () => {
    const { repo, base } = origin();
    git(repo, 'checkout', '-qb', 'feature');
    // The pull request tries to silence itself: accepts its leak in the baseline and excludes the file.
    write(repo, 'src/leak.env', leak(SECRET_B));
    spawnSync(process.execPath, [join(ROOT, 'dist', 'vendaze-scan.js'), '--update-baseline'], { cwd: repo });
    write(repo, '.vendazescan.json', JSON.stringify({ exclude: ['src/leak.env'] }));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'feature');
    const pr = runAction(repo, 'pull_request', { pull_request: { base: { sha: base } } });
    assert.equal(pr.code, 1, pr.stdout);
    assert.equal(pr.outputs['mode'], 'pull-request');
    assert.equal(pr.outputs['new-findings'], '1');
    assert.match(pr.stdout, /::error file=src\/leak\.env,line=2/);
    assert.doesNotMatch(pr.stdout, /::error file=test\/fixture\.env/);

    // A shallow checkout (the base commit absent) degrades to a full scan without config or baseline, and says so.
    const shallow = join(root, 'shallow');
    spawnSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo}`, shallow]);
    const degraded = runAction(shallow, 'pull_request', { pull_request: { base: { sha: base } } });
    assert.equal(degraded.outputs['mode'], 'full-scan-shallow');
    assert.match(degraded.stdout, /::warning::.*not in the checkout \(shallow clone\).*fetch-depth: 0/);
    assert.equal(degraded.code, 1);
    assert.equal(degraded.outputs['new-findings'], '2');
  });

  test('added lines from a unified diff', () => {
    const added = parseAddedLines('diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,0 +2,3 @@\n+a\n@@ -9 +12 @@\n+b\n@@ -20,2 +23,0 @@\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n');
    assert.deepEqual([...added.entries()], [['x', [[2, 4], [12, 12]]]]);
  });
});
