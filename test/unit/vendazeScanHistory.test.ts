/**
 * `vendaze-scan --history` on scratch git repositories: the first commit (commit, author date, path, line) that
 * introduced each secret across all refs, whether it is still in the current tree, --since, the baseline, and the
 * three output formats; the patch parser on hostile added lines. Secrets are test values.
 */
import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddedLineParser, unquotePath, type AddedFile } from '../../src/history/addedLines';
import { CLIENT_ID, SECRET, SECRET_B } from './support/detectorFixtures';
import { scan, write } from './support/cli';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function repo(): { dir: string; git: (date: string | undefined, ...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'vendaze-history-'));
  dirs.push(dir);
  const git = (date: string | undefined, ...args: string[]) => {
    const env = { ...process.env, GIT_AUTHOR_DATE: date ?? '2020-01-01T00:00:00Z', GIT_COMMITTER_DATE: date ?? '2020-01-01T00:00:00Z' };
    const r = spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  git(undefined, 'init', '-q');
  return { dir, git };
}

const leak = (secret: string) => `# vendaze app\nVENDAZE_CLIENT_ID=${CLIENT_ID}\nVENDAZE_CLIENT_SECRET=${secret}\n`;

interface HistoryJson {
  summary: { findings: number; inCurrentTree: number; commits: number };
  findings: Array<{ commit: string; authorDate: string; path: string; line: number; ruleId: string; inCurrentTree: boolean; currentPaths: string[]; fingerprint: string }>;
}

describe('vendaze-scan --history', () => {
  test('first introduction across all refs, still-in-tree, --since, formats; no value printed', () => {
    const { dir, git } = repo();
    write(dir, 'README.md', 'hello\n');
    git('2020-01-01T10:00:00Z', 'add', '.');
    git('2020-01-01T10:00:00Z', 'commit', '-q', '-m', 'start');
    write(dir, 'app/.env', leak(SECRET));
    git('2020-02-01T10:00:00Z', 'add', '.');
    git('2020-02-01T10:00:00Z', 'commit', '-q', '-m', 'add env');
    const first = git(undefined, 'rev-parse', 'HEAD');
    // The secret leaves the tree, then comes back in another file later: still one secret, first seen in app/.env.
    write(dir, 'app/.env', '# vendaze app\nVENDAZE_CLIENT_SECRET=${VENDAZE_CLIENT_SECRET}\n');
    git('2020-03-01T10:00:00Z', 'commit', '-q', '-am', 'use env var');
    write(dir, 'deploy/prod.env', `# padding\n\n${leak(SECRET)}`);
    git('2020-04-01T10:00:00Z', 'add', '.');
    git('2020-04-01T10:00:00Z', 'commit', '-q', '-m', 'prod');
    // A second secret only on another branch, removed from nothing: not in the checked-out tree.
    git(undefined, 'checkout', '-q', '-b', 'feature', first);
    write(dir, 'src/config.ts', `// vendaze\nexport const vendazeClientId = "${CLIENT_ID}";\nexport const clientSecret = "${SECRET_B}";\n`);
    git('2020-05-01T10:00:00Z', 'add', '.');
    git('2020-05-01T10:00:00Z', 'commit', '-q', '-m', 'feature');
    const feature = git(undefined, 'rev-parse', 'HEAD');
    git(undefined, 'checkout', '-q', 'main');

    const json = scan(dir, '--history', '--format', 'json');
    assert.equal(json.code, 1, json.stderr);
    const out = JSON.parse(json.stdout) as HistoryJson;
    assert.equal(out.summary.commits, 5);
    const bySecret = (path: string) => out.findings.find((f) => f.path === path);
    const a = bySecret('app/.env');
    assert.ok(a, json.stdout);
    assert.equal(a.commit, first);
    assert.match(a.authorDate, /^2020-02-01T10:00:00/);
    assert.equal(a.line, 3);
    assert.equal(a.inCurrentTree, true);
    assert.deepEqual(a.currentPaths, ['deploy/prod.env']);
    const b = bySecret('src/config.ts');
    assert.ok(b, json.stdout);
    assert.equal(b.commit, feature);
    assert.equal(b.line, 3);
    assert.equal(b.inCurrentTree, false);
    assert.equal(out.findings.length, 2, 'one entry per secret, not per commit');
    for (const text of [json.stdout, json.stderr]) assert.ok(!text.includes(SECRET) && !text.includes(SECRET_B));

    const human = scan(dir, '--history');
    assert.match(human.stdout, new RegExp(`^${first.slice(0, 12)} 2020-02-01T10:00:00\\S* app/\\.env:3:\\d+: error vendaze/client-secret .*\\[still in the current tree \\(deploy/prod\\.env\\)\\]$`, 'm'));
    assert.match(human.stdout, /src\/config\.ts:3:\d+: .*\[removed from the current tree \(still in history\)\]/);
    assert.match(human.stdout, /2 secrets in the history of 5 commits \(1 still in the current tree/);

    const sarif = JSON.parse(scan(dir, '--history', '--format', 'sarif').stdout) as { runs: Array<{ results: Array<{ properties: { commit: string; inCurrentTree: boolean }; partialFingerprints: Record<string, string> }> }> };
    assert.deepEqual(sarif.runs[0]!.results.map((r) => [r.properties.commit, r.properties.inCurrentTree]), [[first, true], [feature, false]]);

    // --since: commits the revision reaches are left out; the secret's first sighting is then the later file.
    const since = JSON.parse(scan(dir, '--history', '--since', first, '--format', 'json').stdout) as HistoryJson;
    assert.deepEqual(since.findings.map((f) => [f.path, f.line]).sort(), [['deploy/prod.env', 5], ['src/config.ts', 3]]);
    assert.equal(since.summary.commits, 3);
  });

  test('the baseline accepts a history finding by fingerprint and path; usage errors exit 2', () => {
    const { dir, git } = repo();
    write(dir, 'a.env', leak(SECRET));
    git(undefined, 'add', '.');
    git(undefined, 'commit', '-q', '-m', 'a');
    const out = JSON.parse(scan(dir, '--history', '--format', 'json').stdout) as HistoryJson;
    const f = out.findings[0]!;
    write(dir, '.vendaze-baseline.json', JSON.stringify({ version: 1, findings: [{ fingerprint: f.fingerprint, ruleId: f.ruleId, path: 'a.env', line: f.line }] }));
    const accepted = scan(dir, '--history', '--baseline', '.vendaze-baseline.json');
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    assert.match(accepted.stdout, /0 secrets .* 1 accepted in the baseline/);
    assert.equal(scan(dir, '--history', '--since', '--all').code, 2);
    assert.match(scan(dir, '--history', '--since', 'no-such-rev').stderr, /not a commit/);
    assert.equal(scan(dir, '--since', 'HEAD').code, 2);
    const outside = mkdtempSync(join(tmpdir(), 'vendaze-history-nogit-'));
    dirs.push(outside);
    assert.match(scan(outside, '--history').stderr, /needs a git repository/);
  });
});

describe('the patch parser', () => {
  test('hunks are read by their counts: an added "++ b/x" line does not end the file; quoted paths are decoded', () => {
    const files: AddedFile[] = [];
    const parser = new AddedLineParser((f) => files.push(f), 1 << 20);
    const patch = [
      '\u0000abc123 2021-01-01T00:00:00+00:00',
      'diff --git "a/we\\303\\251rd\\tname" "b/we\\303\\251rd\\tname"',
      '--- /dev/null',
      '+++ "b/we\\303\\251rd\\tname"',
      '@@ -0,0 +10,3 @@',
      '+++ b/evil',
      '+line two',
      '+line three',
      '\\ No newline at end of file',
      'diff --git a/gone b/gone',
      '--- a/gone',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-old',
      '',
    ].join('\n');
    // Fed in small pieces: lines split across chunks.
    const bytes = Buffer.from(patch);
    for (let i = 0; i < bytes.length; i += 7) parser.push(bytes.subarray(i, i + 7));
    parser.end();
    assert.equal(files.length, 1);
    assert.equal(files[0]!.path, 'weérd\tname');
    assert.equal(files[0]!.bytes.toString(), '++ b/evil\nline two\nline three\n');
    assert.deepEqual(files[0]!.lines, [10, 11, 12]);
    assert.equal(unquotePath('plain/path'), 'plain/path');
  });
});
