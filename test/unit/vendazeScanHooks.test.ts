import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET } from './support/detectorFixtures';
import { git, scan, write } from './support/cli';

const ROOT = join(__dirname, '..', '..', '..');
const leak = `# vendaze app\nVENDAZE_CLIENT_SECRET=${SECRET}\n`;
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = ENV): { code: number; out: string } {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 120_000 });
  return { code: result.status ?? -1, out: `${result.stdout}${result.stderr}` };
}

function scratchRepo(root: string, name: string): string {
  const cwd = join(root, name);
  mkdirSync(cwd, { recursive: true });
  git(cwd, 'init', '-q');
  write(cwd, 'README.md', 'scratch\n');
  git(cwd, 'add', 'README.md');
  git(cwd, 'commit', '-qm', 'init');
  return cwd;
}

describe('pre-commit hooks', () => {
  let root: string;
  before(() => (root = mkdtempSync(join(tmpdir(), 'vendaze-scan-hooks-'))));
  after(() => rmSync(root, { recursive: true, force: true }));

  test('the real pre-commit program runs .pre-commit-hooks.yaml from a clean clone: a planted secret is refused, a clean commit passes', () => {
    // A clean clone, turned into what a release tag holds (scripts/release-bundles.mjs + git add -f).
    const hookRepo = join(root, 'hook-repo');
    assert.equal(sh('git', ['clone', '-q', '--no-hardlinks', ROOT, hookRepo], root).code, 0);
    const build = sh(process.execPath, [join(ROOT, 'scripts', 'release-bundles.mjs')], ROOT);
    assert.equal(build.code, 0, build.out);
    for (const file of ['.pre-commit-hooks.yaml', 'packages/vendaze-scan/pre-commit-hook.js', 'packages/vendaze-scan/dist/vendaze-scan.js']) {
      mkdirSync(join(hookRepo, file, '..'), { recursive: true });
      copyFileSync(join(ROOT, file), join(hookRepo, file));
    }
    git(hookRepo, 'add', '-f', '.pre-commit-hooks.yaml', 'packages/vendaze-scan');
    git(hookRepo, 'commit', '-qm', 'release', '--allow-empty');
    const rev = git(hookRepo, 'rev-parse', 'HEAD').trim();
    const env = { ...ENV, PRE_COMMIT_HOME: join(root, 'pre-commit-home') };

    const cwd = scratchRepo(root, 'try-repo');
    write(cwd, 'app/.env', leak);
    git(cwd, 'add', 'app/.env');
    const refused = sh('pre-commit', ['try-repo', hookRepo, 'vendaze-scan', '--ref', rev], cwd, env);
    assert.notEqual(refused.code, 0, refused.out);
    assert.match(refused.out, /app\/\.env:2:23: error vendaze\/client-secret/);
    assert.ok(!refused.out.includes(SECRET));
    write(cwd, 'app/.env', 'VENDAZE_CLIENT_SECRET=\n');
    git(cwd, 'add', 'app/.env');
    const passed = sh('pre-commit', ['try-repo', hookRepo, 'vendaze-scan', '--ref', rev], cwd, env);
    assert.equal(passed.code, 0, passed.out);

    // Installed the way teams use it: a real `git commit` is refused, then a clean one goes through.
    const team = scratchRepo(root, 'team');
    write(team, '.pre-commit-config.yaml', `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: vendaze-scan\n`);
    git(team, 'add', '.pre-commit-config.yaml');
    assert.equal(sh('pre-commit', ['install'], team, env).code, 0);
    write(team, 'config.py', `# Vendaze\nclient_secret = "${SECRET}"\n`);
    git(team, 'add', 'config.py');
    const commit = sh('git', ['commit', '-m', 'leak'], team, env);
    assert.notEqual(commit.code, 0, commit.out);
    assert.match(commit.out, /config\.py:2:\d+: error vendaze\/client-secret/);
    write(team, 'config.py', '# Vendaze\nclient_secret = os.environ["VENDAZE_CLIENT_SECRET"]\n');
    git(team, 'add', 'config.py');
    const clean = sh('git', ['commit', '-m', 'clean'], team, env);
    assert.equal(clean.code, 0, clean.out);
  });

  test('install-hook: a plain git hook that refuses the leak; core.hooksPath is honoured; a foreign hook is never overwritten silently', () => {
    const cwd = scratchRepo(root, 'plain');
    const installed = scan(cwd, 'install-hook');
    assert.equal(installed.code, 0, installed.stderr);
    assert.match(installed.stdout, /pre-commit hook installed at .*\.git\/hooks\/pre-commit/);
    write(cwd, 'app/.env', leak);
    git(cwd, 'add', 'app/.env');
    const refused = sh('git', ['commit', '-m', 'leak'], cwd);
    assert.equal(refused.code, 1, refused.out);
    assert.match(refused.out, /app\/\.env:2:23: error vendaze\/client-secret/);
    assert.equal(scan(cwd, 'install-hook').stdout.includes('updated'), true, 'our own hook is updated in place');

    const hooked = scratchRepo(root, 'hooks-path');
    git(hooked, 'config', 'core.hooksPath', '.githooks');
    write(hooked, '.githooks/pre-commit', '#!/bin/sh\necho team hook\n');
    const kept = scan(hooked, 'install-hook');
    assert.equal(kept.code, 2);
    assert.match(kept.stderr, /\.githooks\/pre-commit already exists .* left unchanged/);
    assert.equal(readFileSync(join(hooked, '.githooks/pre-commit'), 'utf8'), '#!/bin/sh\necho team hook\n');
    assert.ok(!existsSync(join(hooked, '.git/hooks/pre-commit')), 'not written where git would not run it');
    const forced = scan(hooked, 'install-hook', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /previous hook kept as .*pre-commit\.vendaze-backup/);
    assert.equal(readFileSync(join(hooked, '.githooks/pre-commit.vendaze-backup'), 'utf8'), '#!/bin/sh\necho team hook\n');
    write(hooked, 'creds.env', leak);
    git(hooked, 'add', 'creds.env');
    assert.equal(sh('git', ['commit', '-m', 'leak'], hooked).code, 1);
    assert.equal(scan(join(root), 'install-hook').code, 2, 'outside a repository');
  });
});
