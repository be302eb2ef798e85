// CommonJS, so both the ESM package script and the CommonJS unit tests load it.
// Checks that every link and image of a README resolves where the marketplace shows it: a relative target must be
// a file the repository has (vsce rewrites it to the repository at the release tag), and an absolute link into this
// repository must name such a file too. Used by the unit test (source README) and by `npm run package` (the README
// inside the VSIX, after vsce's rewriting).

const REPOSITORY = 'https://github.com/vendaze/vendaze-vscode';

/** The --baseContentUrl / --baseImagesUrl vsce gets: the repository at the release tag, never a moving branch. */
function releaseBaseUrls(version) {
  return { content: `${REPOSITORY}/blob/v${version}`, images: `${REPOSITORY}/raw/v${version}` };
}

// Linear: each alternative is a bracketed run of characters that cannot contain its own closing delimiter.
const MARKDOWN_LINK = /(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"\n]*")?\s*\)/g;
const HTML_SRC = /<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g;

/** Every link or image target in a Markdown text, code blocks excluded (a command in a fence is not a link). */
function markdownTargets(markdown) {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
  const targets = [];
  for (const m of prose.matchAll(MARKDOWN_LINK)) targets.push({ target: m[2], image: m[1] === '!' });
  for (const m of prose.matchAll(HTML_SRC)) targets.push({ target: m[1], image: m[0].startsWith('<img') });
  return targets;
}

/** Problems with a README's targets; `hasFile(path)` says whether the repository has that path. */
function readmeLinkProblems(markdown, hasFile) {
  const problems = [];
  const repoPrefix = new RegExp(`^${REPOSITORY.replace(/[.]/g, '\\.')}/(?:blob|raw|tree)/[^/]+/(.+)$`);
  for (const { target } of markdownTargets(markdown)) {
    if (target.startsWith('#') || target.startsWith('mailto:')) continue;
    const path = target.split('#')[0].split('?')[0];
    if (/^https?:\/\//.test(target)) {
      const inRepo = repoPrefix.exec(path);
      if (inRepo && !hasFile(decodeURIComponent(inRepo[1]))) problems.push(`${target}: no such file in the repository`);
      if (/^http:\/\//.test(target)) problems.push(`${target}: not https (the marketplace refuses plain http)`);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      problems.push(`${target}: a scheme the marketplace page cannot open`);
      continue;
    }
    const clean = decodeURIComponent(path.replace(/^\.\//, ''));
    if (!hasFile(clean)) problems.push(`${target}: no such file in the repository`);
  }
  return problems;
}

module.exports = { REPOSITORY, releaseBaseUrls, markdownTargets, readmeLinkProblems };
