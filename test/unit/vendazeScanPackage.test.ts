import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SECRET } from './support/detectorFixtures';

const ROOT = join(__dirname, '..', '..', '..');
const PKG = join(ROOT, 'packages', 'vendaze-scan');

function run(cmd: string, args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  // No network: an npm that needed anything beyond the tarball would fail here, which is the point.
  const env = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', env, timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('the vendaze-scan npm package', () => {
  let tmp: string;
  before(() => (tmp = mkdtempSync(join(tmpdir(), 'vendaze-scan-pack-'))));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('keeps the version of the extension it is built from', () => {
    const ext = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const cli = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { version: string; dependencies?: object };
    assert.equal(cli.version, ext.version);
    assert.equal(cli.dependencies, undefined, 'the bundle carries everything: no runtime dependency');
  });

  test('npm pack builds it; the tarball installs into an empty folder offline and npx vendaze-scan runs', () => {
    const packDir = join(tmp, 'tarball');
    const packed = run('npm', ['pack', '--pack-destination', mkdir(packDir)], PKG);
    assert.equal(packed.code, 0, packed.stderr);
    const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack made no tarball');
    const { version } = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as { version: string };
    assert.equal(tarball, `vendaze-scan-${version}.tgz`);

    const project = mkdir(join(tmp, 'project'));
    const installed = run('npm', ['install', '--offline', '--no-package-lock', join(packDir, tarball)], project);
    assert.equal(installed.code, 0, installed.stderr);
    assert.deepEqual(readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['vendaze-scan']);

    const v = run('npx', ['--offline', 'vendaze-scan', '--version'], project);
    assert.equal(v.code, 0, v.stderr);
    assert.equal(v.stdout.trim(), version);

    writeFileSync(join(project, '.env'), `# vendaze\nVENDAZE_CLIENT_SECRET=${SECRET}\n`);
    const found = run('npx', ['--offline', 'vendaze-scan', '.env'], project);
    assert.equal(found.code, 1, found.stderr);
    assert.match(found.stdout, /^\.env:2:23: error vendaze\/client-secret/m);
  });
});

function mkdir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
