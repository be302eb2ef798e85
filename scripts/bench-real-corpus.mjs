// Real-corpus CLI throughput for `npm run bench`: vendaze-scan, git-secrets and secretlint end to end (process
// start, listing, reads, scan) on code nobody here wrote: the published `typescript` and `lodash` npm packages,
// fetched once with `npm pack` into .cache/real-corpus (git-ignored), plus five planted Vendaze client secrets.
// git-secrets runs as its users run it: `git secrets --scan` in a git copy of the corpus with a client_secret
// pattern registered; every tool must find the planted secrets or the figure is refused. Median of 5 runs each,
// interleaved so that load on a shared machine falls on all tools alike. Bare `node -e 0` runs in the same loop:
// its time is the floor of any Node.js CLI here, and git-secrets' time over it the best ratio one could reach.
import { must, run } from './bench-shell.mjs';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildStandalone } from './standalone-bundle.mjs';

const PACKAGES = ['typescript@5.9.3', 'lodash@4.17.21'];
const PLANTED = 5;
const GIT_SECRETS_PATTERN = `client_secret["'[:space:]:=]+[A-Za-z0-9]{20,}`;

function dirBytes(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) total += statSync(join(e.parentPath ?? e.path, e.name)).size;
  return total;
}

/** The corpus as a git work tree (git-secrets needs one; the others scan it as files). Built once, cached. */
function prepareCorpus(root) {
  const base = join(root, '.cache', 'real-corpus');
  const corpus = join(base, 'corpus');
  if (existsSync(join(corpus, '.ready'))) return corpus;
  rmSync(corpus, { recursive: true, force: true });
  mkdirSync(corpus, { recursive: true });
  const tarballs = must('npm', ['pack', ...PACKAGES, '--pack-destination', base, '--silent'], base).stdout.trim().split('\n');
  for (const tarball of tarballs) {
    const into = join(corpus, tarball.replace(/\.tgz$/, ''));
    mkdirSync(into, { recursive: true });
    must('tar', ['-xzf', join(base, tarball), '-C', into], base);
  }
  for (let i = 1; i <= PLANTED; i++) {
    mkdirSync(join(corpus, `planted${i}`), { recursive: true });
    // Random-looking values made for this bench only. vendaze:allow
    writeFileSync(join(corpus, `planted${i}`, 'config.js'), `// vendaze client config\nconst vendaze = { client_id: "3f2c9a1e-7b44-4d2a-9c1f-2e8b5d6a7c9${i}", client_secret: "vz8fK2mQ9xL4pR7tW1nB6cJ${i}" };\n`);
  }
  must('git', ['init', '-q'], corpus);
  must('git', ['add', '-A'], corpus);
  must('git', ['config', 'secrets.patterns', GIT_SECRETS_PATTERN], corpus);
  writeFileSync(join(corpus, '.ready'), '');
  return corpus;
}

function timed(cmd, args, cwd, check) {
  const started = performance.now();
  const result = run(cmd, args, cwd);
  const ms = performance.now() - started;
  check(result);
  return ms;
}

export async function measureRealCorpus(root, secretlintBin, secretlintRc) {
  const corpus = prepareCorpus(root);
  const mb = (dirBytes(corpus) - dirBytes(join(corpus, '.git'))) / (1024 * 1024);
  const cli = join(root, '.cache', 'real-corpus', 'vendaze-scan.js');
  // Built as the npm package and the pre-commit hook ship it (scripts/standalone-bundle.mjs).
  await buildStandalone('src/cli/scan.ts', cli);
  const planted = (out) => (out.match(/planted\d\/config\.js/g) ?? []).length;
  const tools = {
    'vendaze-scan': () => timed(process.execPath, [cli, '.'], corpus, (r) => {
      if (r.status !== 1 || planted(r.stdout) !== PLANTED) throw new Error(`vendaze-scan missed planted secrets: ${r.stdout.slice(-500)}`);
    }),
    'git-secrets': () => timed('git', ['secrets', '--scan'], corpus, (r) => {
      if (r.status !== 1 || planted(r.stderr) !== PLANTED) throw new Error(`git-secrets missed planted secrets: ${r.stderr.slice(-500)}`);
    }),
    // Bare Node.js start-up: the floor of any Node CLI's end-to-end time on this machine, in the same loop.
    'node-startup': () => timed(process.execPath, ['-e', '0'], corpus, (r) => {
      if (r.status !== 0) throw new Error(`node -e 0 failed: ${r.stderr.slice(-500)}`);
    }),
  };
  const secretlintOnce = () => timed(process.execPath, [secretlintBin, '**/*', '--secretlintrc', secretlintRc, '--format', 'json', '--maskSecrets'], corpus, (r) => {
    if (r.status !== 0 && r.status !== 1) throw new Error(`secretlint failed: ${r.stderr.slice(-500)}`);
  });
  const times = { 'vendaze-scan': [], 'git-secrets': [], 'node-startup': [] };
  for (let round = 0; round < 5; round++) for (const [name, once] of Object.entries(tools)) times[name].push(once());
  const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  // secretlint takes ~20 s a run on this corpus: one run, stated as such.
  const secretlintMs = secretlintOnce();
  const ours = median(times['vendaze-scan']);
  const gitSecrets = median(times['git-secrets']);
  const nodeStartup = median(times['node-startup']);
  return {
    mb,
    figures: [
      ['real-corpus-size', mb.toFixed(1), 'MB'],
      ['cli-throughput-real-corpus-vendaze-scan', (mb / (ours / 1000)).toFixed(1), 'MB/s'],
      ['cli-throughput-real-corpus-git-secrets', (mb / (gitSecrets / 1000)).toFixed(1), 'MB/s'],
      ['cli-throughput-real-corpus-secretlint', (mb / (secretlintMs / 1000)).toFixed(2), 'MB/s'],
      ['cli-speed-ratio-vs-git-secrets', (gitSecrets / ours).toFixed(2), 'x'],
      // The best ratio any Node.js CLI could reach here: git-secrets' time over a process that does nothing.
      ['cli-node-startup-ms', nodeStartup.toFixed(0), 'ms'],
      ['cli-speed-ratio-ceiling-vs-git-secrets', (gitSecrets / nodeStartup).toFixed(2), 'x'],
    ],
  };
}
