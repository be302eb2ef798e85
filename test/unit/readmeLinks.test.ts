/**
 * The marketplace page is the packaged README: every link and image in it must resolve there. Relative targets are
 * rewritten by vsce to the repository at the release tag (scripts/package.mjs), so each must be a file the
 * repository tracks; absolute links into the repository must name such a file too.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// This file runs as out/test/unit/readmeLinks.test.js.
const root = join(__dirname, '..', '..', '..');

interface ReadmeLinks {
  markdownTargets(markdown: string): Array<{ target: string; image: boolean }>;
  readmeLinkProblems(markdown: string, hasFile: (path: string) => boolean): string[];
  releaseBaseUrls(version: string): { content: string; images: string };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script shared with scripts/package.mjs
const load = async () => require(join(root, 'scripts', 'readme-links.cjs')) as ReadmeLinks;

/** Files the repository has: tracked by git where git can tell, else present on disk. */
function repositoryHas(): (path: string) => boolean {
  try {
    const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n'));
    if (tracked.size > 1) return (path) => tracked.has(path) || [...tracked].some((f) => f.startsWith(`${path.replace(/\/$/, '')}/`));
  } catch {
    // not a git checkout: fall through
  }
  return (path) => existsSync(join(root, path));
}

describe('README links on the marketplace page', () => {
  test('every link and image of README.md resolves in the repository', async () => {
    const { readmeLinkProblems, markdownTargets } = await load();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    assert.ok(markdownTargets(readme).filter((t) => t.image).length >= 4, 'the README shows screenshots');
    assert.deepEqual(readmeLinkProblems(readme, repositoryHas()), []);
  });

  test('CONTRIBUTING.md, which the README links, resolves too', async () => {
    const { readmeLinkProblems } = await load();
    assert.deepEqual(readmeLinkProblems(readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8'), repositoryHas()), []);
  });

  test('the checker finds what the marketplace would break on', async () => {
    const { readmeLinkProblems } = await load();
    const has = (p: string) => p === 'docs/a.md' || p === 'media/x.png';
    const md = [
      '[ok](docs/a.md#part) ![ok](./media/x.png) [anchor](#settings) [mail](mailto:a@b.c)',
      '[gone](docs/missing.md) ![gone](media/y.png) [cmd](command:vendaze.signIn)',
      '[repo ok](https://github.com/vendaze/vendaze-vscode/blob/v1.0.0/docs/a.md)',
      '[repo gone](https://github.com/vendaze/vendaze-vscode/raw/v1.0.0/media/z.png) [plain](http://example.com)',
      '```sh\n[not a link](nowhere.md)\n```',
    ].join('\n');
    assert.deepEqual(readmeLinkProblems(md, has), [
      'docs/missing.md: no such file in the repository',
      'media/y.png: no such file in the repository',
      'command:vendaze.signIn: a scheme the marketplace page cannot open',
      'https://github.com/vendaze/vendaze-vscode/raw/v1.0.0/media/z.png: no such file in the repository',
      'http://example.com: not https (the marketplace refuses plain http)',
    ]);
  });

  test('packaging pins relative links to the release tag, not a moving branch', async () => {
    const { releaseBaseUrls } = await load();
    const script = readFileSync(join(root, 'scripts', 'package.mjs'), 'utf8');
    assert.match(script, /--baseContentUrl/);
    assert.match(script, /--baseImagesUrl/);
    assert.deepEqual(releaseBaseUrls('1.2.3'), {
      content: 'https://github.com/vendaze/vendaze-vscode/blob/v1.2.3',
      images: 'https://github.com/vendaze/vendaze-vscode/raw/v1.2.3',
    });
  });
});
