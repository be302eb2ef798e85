/**
 * Hostile text for the "never freeze" tests and the bench (scripts/bench.mjs bundles this file): the shapes
 * that made the detector and the redactor slow, plus a seeded fuzzer that strings their pieces together.
 * Pure and deterministic: the same seed gives the same text everywhere.
 */

/** Text of `length` characters: `unit` repeated (cut at the end). */
export function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** A real-looking client_id (not a docs example): gives Vendaze context. */
const CLIENT_ID = '3f2c9a1e-7b44-4d2a-9c1f-2e8b5d6a7c90';

/**
 * Detector inputs that hold no finding at all, each crafted against one part of the scan. Each repeats one unit
 * (a single line unless the unit has newlines).
 */
export const DETECTOR_NO_FINDINGS: Readonly<Record<string, string>> = {
  'uuid-dense': 'client_id=aaaaaaaa-bbbb-cccc-dddd-',
  'uuid-dense-real': `client_id=${CLIENT_ID}x client_id=`,
  'client-id-context': `client_id=${CLIENT_ID} client_secret=x token=y `,
  'keyword-dense': 'vendaze secret token password api_key bearer whsec_ ',
  'keyword-assignments': 'vendaze client_secret= token: password=" ',
  'keys-without-values': 'VENDAZE_CLIENT_SECRET=',
  'long-single-line': 'vendaze_token=abc ',
  'many-short-lines': 'vendaze\ntoken=x\n',
  'vendaze-lines': 'vendaze\n',
  'jwt-heads': '-eyJ',
  'jwt-heads-spaced': ' eyJhbGciOi.eyJ ',
  dashes: '-',
  'suppression-markers': 'vendaze:allow client_secret=x # gitleaks:allow\n',
  'quotes-unclosed': 'vendaze client_secret="',
};

/** Detector input made of findings only: the per-file cap must bound it. */
export const DETECTOR_ALL_FINDINGS = 'vendaze client_secret="aB3dE5fG7hJ9kL1m" ';

/** Pieces the fuzzer strings together: keys, separators, quotes, escapes, encodings, JWT heads, context. */
const HOSTILE_PIECES = [
  'client_secret', 'VENDAZE_CLIENT_SECRET', 'token', 'code', 'api_key', 'password', 'Bearer', 'bearer', 'Basic', 'eyJ', 'eyJa',
  'vendaze', 'client_id', CLIENT_ID, 'aaaaaaaa-bbbb-', '=', ':', '"', "'", '`', '\\', '\\"', '%22', '%3D', '%20', '&', '?', '.',
  '-', '_', ' ', '\n', '\t', '{', '}', '[', ']', '(', 'a', 'Z9', 'vendaze:allow', '"""', "'''", 'whsec_', '://',
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` random units of 1-6 hostile pieces each, from `seed`. */
export function fuzzedUnits(seed: number, count: number): string[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + Math.floor(random() * 6) }, () => HOSTILE_PIECES[Math.floor(random() * HOSTILE_PIECES.length)]!).join(''),
  );
}

/** Redactor inputs: the quadratic JWT fallback's nemesis first, then every other shape the redactor reads. */
export const REDACTOR_HOSTILE: readonly string[] = [
  '-eyJ', 'eyJa.', 'eyJaaaa.eyJ', 'client_secret=', 'client_secret:"', 'client_secret ', '"client_secret":"\\', 'Bearer ',
  'bearer%20', 'Basic ', '?code=', '"code":"', '\\', 'client_secret:\\\\\\"\\\\', 'client_secret%3D%22%', 'token', ' ',
  "client_secret='''", 'secret=secret=', '"', 'authorization_code', 'Authorization: Basic ',
];
