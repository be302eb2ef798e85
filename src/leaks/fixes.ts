/**
 * What each quick fix writes, per language. Pure (no `vscode`), so the unit tier checks every language mapping;
 * the code action provider only turns these answers into WorkspaceEdits.
 */
import { fingerprint, RuleIds, type Finding } from '../detector';

/** The environment variable a leaked value should come from. Existing env-style keys are kept as they are. */
export function envVarName(finding: Pick<Finding, 'key' | 'kind'>): string {
  const key = finding.key?.replace(/^.*[.:]/, ''); // `vendaze.oauth.client-secret` -> `client-secret`
  if (key && /^[A-Z][A-Z0-9_]*$/.test(key) && key.includes('_')) return key.startsWith('VENDAZE_') ? key : `VENDAZE_${key}`;
  switch (finding.kind) {
    case 'client_secret':
      return 'VENDAZE_CLIENT_SECRET';
    case 'access_token':
      return 'VENDAZE_ACCESS_TOKEN';
    case 'refresh_token':
      return 'VENDAZE_REFRESH_TOKEN';
    case 'webhook_secret':
      return 'VENDAZE_WEBHOOK_SECRET';
    default: {
      const snake = (key ?? 'secret')
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/[^A-Za-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .toUpperCase();
      return snake.startsWith('VENDAZE') ? snake : `VENDAZE_${snake || 'SECRET'}`;
    }
  }
}

export interface EnvReference {
  text: string;
  /** true: replaces the whole literal (quotes included) with code; false: replaces only the value inside it. */
  replacesLiteral: boolean;
  /** A line the file needs for the reference to compile, when it is not there yet. */
  requires?: { line: string; present: RegExp };
}

const CODE_REFERENCES: Record<string, (name: string) => EnvReference> = {
  javascript: (n) => ({ text: `process.env.${n}`, replacesLiteral: true }),
  javascriptreact: (n) => ({ text: `process.env.${n}`, replacesLiteral: true }),
  typescript: (n) => ({ text: `process.env.${n}`, replacesLiteral: true }),
  typescriptreact: (n) => ({ text: `process.env.${n}`, replacesLiteral: true }),
  vue: (n) => ({ text: `process.env.${n}`, replacesLiteral: true }),
  svelte: (n) => ({ text: `process.env.${n}`, replacesLiteral: true }),
  python: (n) => ({ text: `os.environ["${n}"]`, replacesLiteral: true, requires: { line: 'import os', present: /^\s*(?:import\s+os\b|from\s+os\s+import\b)/m } }),
  go: (n) => ({ text: `os.Getenv("${n}")`, replacesLiteral: true }),
  java: (n) => ({ text: `System.getenv("${n}")`, replacesLiteral: true }),
  kotlin: (n) => ({ text: `System.getenv("${n}")`, replacesLiteral: true }),
  scala: (n) => ({ text: `sys.env("${n}")`, replacesLiteral: true }),
  csharp: (n) => ({ text: `Environment.GetEnvironmentVariable("${n}")`, replacesLiteral: true }),
  ruby: (n) => ({ text: `ENV.fetch("${n}")`, replacesLiteral: true }),
  php: (n) => ({ text: `getenv('${n}')`, replacesLiteral: true }),
  rust: (n) => ({ text: `std::env::var("${n}").expect("${n} is not set")`, replacesLiteral: true }),
  swift: (n) => ({ text: `ProcessInfo.processInfo.environment["${n}"]`, replacesLiteral: true }),
  dart: (n) => ({ text: `Platform.environment['${n}']`, replacesLiteral: true }),
  powershell: (n) => ({ text: `$env:${n}`, replacesLiteral: true }),
};

/** Languages whose files are templates or configs read by tools that expand `${NAME}` (compose, CI, shells). */
const INTERPOLATED = new Set(['yaml', 'dockercompose', 'github-actions-workflow', 'json', 'jsonc', 'toml', 'ini', 'properties', 'shellscript', 'dockerfile', 'makefile', 'markdown', 'plaintext', 'xml', 'http']);

/**
 * How to reference the variable in a file of this language, or undefined when no reference makes sense
 * (a .env file is where the variable is defined: there the fix is to keep the file out of git).
 */
export function envReference(languageId: string, name: string, fileName = ''): EnvReference | undefined {
  if (languageId === 'dotenv' || isEnvStyleFile(fileName)) return undefined;
  const code = CODE_REFERENCES[languageId];
  if (code) return code(name);
  if (INTERPOLATED.has(languageId)) return { text: `\${${name}}`, replacesLiteral: false };
  return undefined;
}

export interface CommentSyntax {
  start: string;
  end: string;
}

const LINE_COMMENTS: Record<string, string> = {};
for (const id of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'vue', 'svelte', 'go', 'java', 'kotlin', 'scala', 'csharp', 'c', 'cpp', 'objective-c', 'swift', 'rust', 'php', 'dart', 'jsonc', 'groovy', 'scss', 'less', 'fsharp']) LINE_COMMENTS[id] = '//';
for (const id of ['python', 'ruby', 'shellscript', 'yaml', 'dockercompose', 'github-actions-workflow', 'dotenv', 'toml', 'properties', 'perl', 'r', 'makefile', 'dockerfile', 'powershell', 'elixir', 'julia', 'coffeescript', 'ignore', 'plaintext', 'nginx', 'terraform', 'hcl']) LINE_COMMENTS[id] = '#';
for (const id of ['sql', 'lua', 'haskell', 'elm']) LINE_COMMENTS[id] = '--';
for (const id of ['ini', 'clojure', 'lisp', 'scheme']) LINE_COMMENTS[id] = ';';

const BLOCK_COMMENTS: Record<string, CommentSyntax> = {
  html: { start: '<!--', end: ' -->' },
  xml: { start: '<!--', end: ' -->' },
  markdown: { start: '<!--', end: ' -->' },
  css: { start: '/*', end: ' */' },
};

/** Comment syntax of the language, or undefined when it has none (strict JSON). Unknown languages get `#`. */
export function commentSyntax(languageId: string): CommentSyntax | undefined {
  if (languageId === 'json') return undefined;
  const line = LINE_COMMENTS[languageId];
  if (line) return { start: line, end: '' };
  return BLOCK_COMMENTS[languageId] ?? { start: '#', end: '' };
}

/** The suppression comment for a line, e.g. `# vendaze:allow` or `<!-- vendaze:allow -->`. */
export function suppressionComment(syntax: CommentSyntax, marker: string): string {
  return `${syntax.start} ${marker}${syntax.end}`;
}

/** Files that hold environment variables or credentials and belong in .gitignore, not in the repository. */
export function isEnvStyleFile(fileName: string): boolean {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toLowerCase();
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return !base.endsWith('.example') && !base.endsWith('.sample') && !base.endsWith('.template');
  return ['.npmrc', '.netrc', '.pypirc', 'credentials', 'secrets.json', 'secrets.yaml', 'secrets.yml'].includes(base) || /\.(?:pem|key|p12|pfx)$/.test(base);
}

/** Whether a .gitignore already lists this path (exactly, or with a leading slash). */
export function gitignoreHas(gitignore: string, relativePath: string): boolean {
  const wanted = relativePath.replace(/^\/+/, '');
  return gitignore.split(/\r?\n/).some((line) => line.trim().replace(/^\/+/, '') === wanted);
}

/** Text to append to a .gitignore (which may not end with a newline) to ignore `relativePath`. */
export function gitignoreAddition(gitignore: string, relativePath: string): string {
  const prefix = gitignore.length > 0 && !gitignore.endsWith('\n') ? '\n' : '';
  return `${prefix}${relativePath}\n`;
}

/** The editor's diagnostic levels; which one a finding gets is rateFinding's (src/scanPolicy/severity.ts). */
export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint';

export type Remedy = 'rotate' | 'revoke';

/** Which remediation a finding offers: only values the extension holds, and only for the app they belong to. */
export function remediesFor(finding: Pick<Finding, 'knownSecretRef'>): Remedy[] {
  const ref = finding.knownSecretRef;
  if (!ref?.clientId) return [];
  return ref.kind === 'client_secret' ? ['rotate'] : ['revoke'];
}

/**
 * Fingerprints of a value under every rule: once the value is rotated or revoked, every finding of it, whichever
 * tier reports it, can say it is dead. The value itself is not kept.
 */
export function valueFingerprints(value: string): string[] {
  return Object.values(RuleIds).map((ruleId) => fingerprint(ruleId, value));
}
