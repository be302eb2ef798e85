import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { CLIENT_ID, SECRET, SECRET_B } from './support/detectorFixtures';

/** The shipped bundle, built by `node scripts/build.mjs` (which `--tests` also runs). */
const CLI = join(__dirname, '..', '..', '..', 'dist', 'vendaze-scan.js');

function scan(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}

function write(root: string, path: string, content: string | Buffer): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), content);
}

const leak = `# vendaze app\nVENDAZE_CLIENT_SECRET=${SECRET}\n`;

describe('vendaze-scan CLI', () => {
  let root: string;
  before(() => {
    assert.ok(existsSync(CLI), `${CLI} is missing: run node scripts/build.mjs first`);
    root = mkdtempSync(join(tmpdir(), 'vendaze-scan-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function dir(name: string): string {
    const path = join(root, name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  test('human output: file:line:col, rule, redacted message, exit 1; skips node_modules, binary, lock and huge files', () => {
    const cwd = dir('plain');
    write(cwd, 'app/.env', leak);
    write(cwd, 'node_modules/pkg/.env', leak);
    write(cwd, 'assets/logo.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), Buffer.from(leak)]));
    write(cwd, 'package-lock.json', `{"vendaze": {"client_secret": "${SECRET}"}}`);
    write(cwd, 'big.txt', `${leak}${'x'.repeat(200_000)}`);
    write(cwd, 'src/ok.ts', 'export const clientSecret = process.env.VENDAZE_CLIENT_SECRET;\n');
    const { code, stdout } = scan(cwd, '--max-file-mb', '0.1');
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, -1).map((l) => l.split(' ').slice(0, 3).join(' ')), ['app/.env:2:23: error vendaze/client-secret']);
    assert.match(lines.at(-1)!, /1 finding in 1 of 2 files \(3 skipped/);
    assert.ok(!stdout.includes(SECRET));
  });

  test('a clean tree exits 0', () => {
    const cwd = dir('clean');
    write(cwd, 'README.md', 'Set VENDAZE_CLIENT_SECRET=<your secret> in your environment.\n');
    const { code, stdout } = scan(cwd);
    assert.equal(code, 0);
    assert.match(stdout, /no Vendaze secrets found in 1 file\./);
  });

  test('usage errors exit 2 with the usage text', () => {
    const cwd = dir('usage');
    for (const args of [['--format', 'xml'], ['--nope'], ['--max-file-mb', '-1'], ['does-not-exist']]) {
      const { code, stderr } = scan(cwd, ...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /vendaze-scan: /);
    }
    assert.match(scan(cwd, '--help').stdout, /Usage: vendaze-scan/);
  });

  test('SARIF 2.1.0 with stable partial fingerprints and no secret', () => {
    const cwd = dir('sarif');
    write(cwd, 'config/.env', leak);
    write(cwd, 'src/app.py', `# Vendaze\nclient = Client(client_id="${CLIENT_ID}",\n    client_secret="${SECRET_B}")\n`);
    const first = scan(cwd, '--format', 'sarif');
    assert.equal(first.code, 1);
    assert.ok(!first.stdout.includes(SECRET) && !first.stdout.includes(SECRET_B));
    const log = JSON.parse(first.stdout) as Sarif.Log;
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    assert.equal(run.tool.driver.name, 'vendaze-scan');
    const results = run.results!;
    assert.deepEqual(
      results.map((r) => [r.ruleId, r.level, r.locations![0]!.physicalLocation!.artifactLocation!.uri, r.locations![0]!.physicalLocation!.region!.startLine]),
      [
        ['vendaze/client-secret', 'error', 'config/.env', 2],
        ['vendaze/client-secret', 'error', 'src/app.py', 3],
      ],
    );
    for (const r of results) assert.equal(run.tool.driver.rules![r.ruleIndex!]!.id, r.ruleId);

    // Moving the leak down the file and renaming it keeps its fingerprint.
    rmSync(join(cwd, 'config'), { recursive: true });
    write(cwd, 'deploy/prod.env', `# moved\n\n\n${leak}`);
    const again = JSON.parse(scan(cwd, '--format=sarif').stdout) as Sarif.Log;
    const fingerprints = (l: Sarif.Log) => l.runs[0]!.results!.map((r) => r.partialFingerprints!['vendazeSecret/v1']).sort();
    assert.deepEqual(fingerprints(again), fingerprints(log));
  });

  test('inside a git repository, .gitignore is honoured (but a file named explicitly is scanned)', () => {
    const cwd = dir('repo');
    git(cwd, 'init', '-q');
    write(cwd, '.gitignore', 'local.env\n');
    write(cwd, 'local.env', leak);
    write(cwd, 'untracked.env', leak);
    const all = scan(cwd);
    assert.equal(all.code, 1);
    assert.match(all.stdout, /^untracked\.env:2:23:/m);
    assert.doesNotMatch(all.stdout, /local\.env/);
    assert.match(scan(cwd, 'local.env').stdout, /^local\.env:2:23:/m);
    assert.match(scan(cwd, '--no-gitignore').stdout, /^local\.env:2:23:/m);
  });

  test('--staged scans what the commit will contain, not the working tree', () => {
    const cwd = dir('staged');
    git(cwd, 'init', '-q');
    write(cwd, 'app/.env', leak);
    git(cwd, 'add', 'app/.env');
    write(cwd, 'app/.env', 'VENDAZE_CLIENT_SECRET=\n'); // fixed in the working tree, but not staged yet
    const staged = scan(cwd, '--staged');
    assert.equal(staged.code, 1);
    assert.match(staged.stdout, /^app\/\.env:2:23: error vendaze\/client-secret/m);
    assert.equal(scan(cwd).code, 0);

    git(cwd, 'add', 'app/.env');
    assert.equal(scan(cwd, '--staged').code, 0);
    // From a subdirectory, paths stay relative to where the hook runs.
    write(cwd, 'app/more.env', leak);
    git(cwd, 'add', 'app/more.env');
    assert.match(scan(join(cwd, 'app'), '--staged').stdout, /^more\.env:2:23:/m);
  });

  test('--staged outside a repository is an error, not a clean pass', () => {
    const { code, stderr } = scan(dir('norepo'), '--staged');
    assert.equal(code, 2);
    assert.match(stderr, /git repository/);
  });
});
