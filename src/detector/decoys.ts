/**
 * Values that sit where secrets sit but are not secrets: placeholders, environment references, documentation
 * examples, hashes. Every check here is a fixed-string test or an anchored regex without nested quantifiers,
 * so it stays linear on any input.
 */
import { charProfile, type CharProfile } from './entropy';

/** The UUIDs the Vendaze docs (and RFC 4122 examples) use: a client_id equal to one of them is not real context. */
const EXAMPLE_UUIDS = new Set([
  '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d',
  '1b2c3d4e-5f6a-7b8c-9d0e-1f2a3b4c5d6e',
  '550e8400-e29b-41d4-a716-446655440000',
  '123e4567-e89b-12d3-a456-426614174000',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
]);

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isUuid(value: string): boolean {
  return value.length === 36 && UUID.test(value);
}

/** A UUID that could be a real client_id: not a docs example, not a run of one digit. */
export function isRealLookingUuid(value: string): boolean {
  return isUuid(value) && !EXAMPLE_UUIDS.has(value.toLowerCase()) && charProfile(value.replace(/-/g, '')).distinct >= 6;
}

/** `process.env.X`, `${X}`, `$X`, `os.environ[...]`, `os.getenv(...)`, `ENV[...]`, vault/secret-manager references… */
const ENV_REFERENCE =
  /^(?:\$|%[A-Za-z_]|process\.env\b|import\.meta\.env\b|os\.environ\b|os\.getenv\b|os\.Getenv\b|os\.LookupEnv\b|getenv\b|ENV\[|ENV\.fetch\b|System\.getenv\b|System\.getProperty\b|Environment\.GetEnvironmentVariable\b|env\(|env::var\b|std::env\b|Deno\.env\b|Bun\.env\b|config\(|secrets\.|vault:|op:\/\/|arn:aws:|!Ref\b|!Sub\b|!GetAtt\b|@Microsoft\.KeyVault\(|\{\{|<%|#\{|\(\()/;

export function isEnvReference(value: string): boolean {
  return ENV_REFERENCE.test(value);
}

/** Fragments that mark a value as an illustration rather than a credential. */
const PLACEHOLDER_FRAGMENTS = [
  '${', '{{', '}}', '***', 'xxxx', '...', '\u2026', '___',
  'your', 'example', 'sample', 'placeholder', 'dummy', 'changeme', 'change_me', 'change-me', 'changeit',
  'replace', 'insert', 'redacted', 'secret', 'password', 'passwd', 'fake', 'mock', 'todo', 'fixme', 'here',
  'foobar', 'lorem', 'notreal', 'not_real', 'not-real',
];

const PLACEHOLDER_VALUES = new Set(['null', 'none', 'nil', 'undefined', 'true', 'false', 'string', 'empty', 'test', 'secret']);

const SEQUENCES = ['0123456789abcdefghijklmnopqrstuvwxyz', '1234567890', 'abcdefghijklmnopqrstuvwxyz0123456789', '9876543210', 'qwertyuiop'];

const WRAPPERS: ReadonlyArray<[string, string]> = [['<', '>'], ['{', '}'], ['[', ']'], ['%', '%'], ['(', ')']];

/** Every fragment in one literal alternation: one native scan of the value instead of 34 `includes` calls. */
const PLACEHOLDER_FRAGMENT = new RegExp(PLACEHOLDER_FRAGMENTS.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** `profile`: the value's charProfile, when the caller has it already (it is the costliest check here). */
export function isPlaceholder(value: string, profile: CharProfile = charProfile(value)): boolean {
  const lower = value.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  for (const [open, close] of WRAPPERS) {
    if (value.startsWith(open) && value.endsWith(close)) return true;
  }
  if (PLACEHOLDER_FRAGMENT.test(lower)) return true;
  if (SEQUENCES.some((sequence) => sequence.includes(lower))) return true;
  // "xxx" standing alone or at a word edge (sk_live_xxx, xxx-xxx) and not inside a random run.
  if (/(?:^|[^a-z0-9])xxx|xxx(?:$|[^a-z0-9])/.test(lower)) return true;
  // One or two characters repeated ("aaaaaaaa", "abababab") say "fill me in", not "random".
  return profile.distinct < 4;
}

/** Subresource-integrity and algorithm-prefixed digests (`sha512-…`, `sha256:…`, `md5-…`). */
const DIGEST_PREFIX = /^(?:sha1|sha224|sha256|sha384|sha512|md5|blake2b|blake3)[-:=]/i;

export function isDigest(value: string): boolean {
  return DIGEST_PREFIX.test(value);
}

/** An identifier or member chain (`clientSecret`, `config.vendaze.secret`): code that names a value, not a value. */
const IDENTIFIER_CHAIN = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

export function isIdentifierLike(value: string): boolean {
  return IDENTIFIER_CHAIN.test(value);
}

/** Lock files list package hashes and URLs by the thousand and never hold credentials. */
const LOCK_FILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb', 'cargo.lock',
  'poetry.lock', 'pipfile.lock', 'pdm.lock', 'uv.lock', 'composer.lock', 'gemfile.lock', 'go.sum', 'packages.lock.json',
  'gradle.lockfile', 'flake.lock', 'mix.lock', 'pubspec.lock', 'podfile.lock', 'package.resolved', 'deno.lock',
]);

export function isLockFile(fileName: string | undefined): boolean {
  if (!fileName) return false;
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).toLowerCase();
  return LOCK_FILES.has(base) || base.endsWith('.lock') || base.endsWith('.lockfile');
}

/** Binary content is skipped: a NUL in the first 8 KB is the signal git and grep use. */
export const BINARY_SNIFF_LENGTH = 8192;

export function looksBinary(head: string): boolean {
  return head.slice(0, BINARY_SNIFF_LENGTH).includes('\u0000');
}
