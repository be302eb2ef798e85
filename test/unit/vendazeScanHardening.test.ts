import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET } from './support/detectorFixtures';
import { CLI, git, scan, write } from './support/cli';

const leak = `# vendaze app\nVENDAZE_CLIENT_SECRET=${SECRET}\n`;

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

describe('vendaze-scan on real file systems', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'vendaze-scan-hard-'));
    chmodSync(root, 0o755); // readable by the unprivileged user the unreadable-file test runs as
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function dir(name: string): string {
    const path = join(root, name);
    mkdirSync(path, { recursive: true, mode: 0o755 });
    return path;
  }

  test('a tracked symlink pointing out of the repository is not followed, nor one named on the command line', () => {
    const outside = dir('host-files');
    write(outside, 'credentials.env', leak);
    const cwd = dir('symlinks');
    git(cwd, 'init', '-q');
    symlinkSync(join(outside, 'credentials.env'), join(cwd, 'creds.env'));
    symlinkSync(outside, join(cwd, 'host'));
    write(cwd, 'README.md', 'nothing here\n');
    git(cwd, 'add', '-A');
    git(cwd, 'commit', '-qm', 'links');
    const all = scan(cwd);
    assert.equal(all.code, 0, all.stdout);
    assert.match(all.stdout, /no Vendaze secrets found in 1 file\./);
    const plain = scan(cwd, '--no-gitignore');
    assert.equal(plain.code, 0, plain.stdout);
    const named = scan(cwd, 'creds.env');
    assert.equal(named.code, 0);
    assert.match(named.stderr, /creds\.env: symbolic link, not followed/);
    // The staged symlink's blob is its target path, not the target's content: nothing to find either.
    git(cwd, 'rm', '-q', '--cached', 'creds.env');
    git(cwd, 'add', 'creds.env');
    assert.equal(scan(cwd, '--staged').code, 0);
  });

  test('UTF-16 files (LE and BE with a BOM, LE without one) are decoded and scanned; binary is still skipped', () => {
    const cwd = dir('utf16');
    write(cwd, 'le-bom.env', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(leak, 'utf16le')]));
    write(cwd, 'be-bom.env', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(leak)]));
    write(cwd, 'le-nobom.env', Buffer.from(leak, 'utf16le'));
    write(cwd, 'utf8-bom.env', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(leak)]));
    write(cwd, 'image.bin', Buffer.concat([Buffer.from([0x89, 0x50, 0, 0, 7, 0, 0, 9, 0, 1, 2, 0]), Buffer.from(leak)]));
    const { code, stdout } = scan(cwd);
    assert.equal(code, 1);
    const located = stdout.trim().split('\n').slice(0, -1).map((l) => l.split(' ')[0]).sort();
    // Same line and column everywhere: the BOM is not counted as a character.
    assert.deepEqual(located, ['be-bom.env:2:23:', 'le-bom.env:2:23:', 'le-nobom.env:2:23:', 'utf8-bom.env:2:23:']);
    assert.match(stdout, /1 skipped/);
  });

  test('one unreadable file is reported on stderr and the rest is scanned; exit 2 only when nothing could be', () => {
    const cwd = dir('unreadable');
    write(cwd, 'locked.env', leak);
    write(cwd, 'open.env', leak);
    chmodSync(join(cwd, 'locked.env'), 0o000);
    // Root reads anything: run the CLI as an unprivileged user so the permission really bites.
    const as = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const some = spawnAs(cwd, as);
    assert.equal(some.code, 1, some.stderr);
    assert.match(some.stdout, /^open\.env:2:23:/m);
    assert.match(some.stderr, /locked\.env: cannot read \(EACCES\), not scanned/);
    assert.match(some.stdout, /1 unreadable/);
    const only = spawnAs(cwd, as, 'locked.env');
    assert.equal(only.code, 2);
    assert.match(only.stderr, /locked\.env: cannot read/);
  });

  test('control characters and bidi overrides in a file name are shown escaped, never sent to the terminal', () => {
    const cwd = dir('escapes');
    const name = 'x\u001b[2K\r\u202evendaze-scan: no Vendaze secrets found.env';
    write(cwd, name, leak);
    for (const format of ['human', 'json', 'sarif']) {
      const { code, stdout } = scan(cwd, '--no-gitignore', '--format', format);
      assert.equal(code, 1);
      // eslint-disable-next-line no-control-regex -- the test looks for raw control characters
      assert.doesNotMatch(stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/, format);
      if (format === 'human') assert.match(stdout, /^x\\x1b\[2K\\x0d\\u202evendaze-scan: no Vendaze secrets found\.env:2:23: error/m);
    }
  });
});

function spawnAs(cwd: string, as: { uid?: number; gid?: number }, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', ...as });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('vendaze-scan worker threads', () => {
  test('forced workers report exactly what the in-process scan reports', () => {
    const root = mkdtempSync(join(tmpdir(), 'vendaze-scan-workers-'));
    try {
      for (let i = 0; i < 60; i++) write(root, `d${i % 7}/f${i}.env`, i % 9 === 0 ? leak : `# nothing ${i}\n`);
      write(root, 'bin.dat', Buffer.from([0, 1, 2, 0]));
      const inProcess = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-gitignore', '.'], { cwd: root, encoding: 'utf8', env: { ...process.env, VENDAZE_SCAN_WORKERS: '0' } });
      const workers = spawnSync(process.execPath, [CLI, '--format', 'json', '--no-gitignore', '.'], { cwd: root, encoding: 'utf8', env: { ...process.env, VENDAZE_SCAN_WORKERS: '3' } });
      assert.equal(workers.status, 1, workers.stderr);
      assert.equal(workers.stdout, inProcess.stdout);
      assert.equal((JSON.parse(workers.stdout) as { findings: unknown[] }).findings.length, 7);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
