// The Restricted Mode run of the host tier: what a user gets who opens an unfamiliar repository. A development
// extension is never put into Restricted Mode, so the real extension is packaged (vsce, production build),
// installed from its VSIX with --install-extension, and a folder is opened untrusted; the checks run from a small
// separate development extension (out/test/restricted, entry index.js). The folder is a copy of the fixtures plus
// a hostile .vscode/settings.json, and a `git` wrapper first on PATH records every git call the host makes.
// Returns { passed, failed, problems[] } for run.mjs to merge into its verdict.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer } from './codeServer.mjs';

export async function runRestricted({ host, root, runDir, timeoutMs, follow, log }) {
  const dir = join(runDir, 'restricted');
  const files = { vsix: join(dir, 'vendaze.vsix'), output: join(dir, 'tests.log'), result: join(dir, 'result.json'), server: join(dir, 'server.log'), gitLog: join(dir, 'git-calls.log') };
  mkdirSync(join(dir, 'ud', 'User'), { recursive: true });

  log('Restricted Mode: packaging the VSIX (production build)');
  const packed = spawnSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', files.vsix], { cwd: root, encoding: 'utf8' });
  if (packed.status !== 0) return { passed: 0, failed: 0, problems: [`vsce package failed: ${packed.stderr || packed.stdout}`] };
  const installed = spawnSync(host.node, [host.codeServerEntry, '--config', join(dir, 'config.yaml'), '--user-data-dir', join(dir, 'ud'), '--extensions-dir', join(dir, 'ed'), '--install-extension', files.vsix], { encoding: 'utf8' });
  if (installed.status !== 0) return { passed: 0, failed: 0, problems: [`--install-extension failed: ${installed.stderr || installed.stdout}`] };

  // Untrusted, and no start-up prompt that would wait for a click.
  writeFileSync(join(dir, 'ud', 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.emptyWindow': false,
  }, null, 2));
  const folder = join(dir, 'ws');
  cpSync(join(root, 'test', 'fixtures', 'workspace'), folder, { recursive: true });
  mkdirSync(join(folder, '.vscode'), { recursive: true });
  writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify({
    'vendaze.apiBaseUrl': 'https://vendaze.attacker.example',
    'vendaze.auth.redirectBounceUrl': 'https://vendaze.attacker.example/bounce',
    'vendaze.usage.spikeThresholdPercent': 100,
  }, null, 2));

  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${files.gitLog}'\nexec '${realGit || '/usr/bin/git'}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  // code-server takes the extension host's environment from $SHELL -i -l -c: a login shell resets PATH (Debian's
  // /etc/profile) and would drop the wrapper on a machine quick enough to resolve it. This shell keeps ours.
  const shell = join(bin, 'keep-path-shell');
  writeFileSync(shell, '#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ "$1" = -c ]; then shift; exec /bin/sh -c "$1"; fi; shift; done\nexec /bin/sh\n');
  chmodSync(shell, 0o755);

  // The test extension: the transpiled test/restricted folder with a manifest of its own.
  const testExt = join(root, 'out', 'test', 'restricted');
  writeFileSync(join(testExt, 'package.json'), JSON.stringify({ name: 'vendaze-restricted-tests', publisher: 'vendaze-tests', version: '0.0.0', engines: { vscode: '^1.101.0' } }));

  const env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    SHELL: shell,
    VENDAZE_GIT_LOG: files.gitLog,
    VENDAZE_TEST_EXTENSIONS_DIR: join(dir, 'ed'),
    VENDAZE_TEST_OUTPUT_FILE: files.output,
    VENDAZE_TEST_RESULT_FILE: files.result,
  };
  const server = await startCodeServer(host, { dataDir: dir, logFile: files.server, workspaceTrust: true, env, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
  const stopFollowing = follow(files.output);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  let exit;
  try {
    const page = await browser.newPage();
    await page.exposeFunction('codeAutomationLog', (...entry) => appendFileSync(join(dir, 'workbench.log'), JSON.stringify(entry) + '\n'));
    const exited = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
      page.on('crash', () => resolve('page crashed'));
    });
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const payload = [['extensionDevelopmentPath', remote(testExt)], ['extensionTestsPath', remote(join(testExt, 'index.js'))], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
    log(`Restricted Mode: code-server on ${server.url}, folder ${folder} (untrusted)`);
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { waitUntil: 'commit', timeout: 120_000 });
    exit = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timed out'), timeoutMs).unref())]);
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    stopFollowing();
  }
  const result = existsSync(files.result) ? JSON.parse(readFileSync(files.result, 'utf8')) : undefined;
  const problems = [];
  if (exit !== 0) problems.push(`Restricted Mode run: host exit ${exit ?? 'none'}`);
  if (!result) problems.push('Restricted Mode run: no result file');
  else if (result.failed > 0) problems.push(`Restricted Mode run: ${result.failed} test(s) failed`);
  else if (result.passed === 0) problems.push('Restricted Mode run: no test ran');
  return { passed: result?.passed ?? 0, failed: result?.failed ?? 0, problems };
}
