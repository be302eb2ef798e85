/**
 * The four tiers. Each rule starts from one prefilter hit and looks only at a bounded window around it, so the
 * result for a hit depends on nearby text alone (what makes incremental rescans agree with full scans).
 */
import { MAX_VALUE, parseAssignment, parseKey, normaliseKey, type Assignment } from './assignment';
import type { ContextIndex } from './context';
import { charProfile, shannonEntropy } from './entropy';
import { isDigest, isEnvReference, isIdentifierLike, isPlaceholder, isUuid } from './decoys';
import { isExpired, isRefreshToken, isVendazeToken, readJwt } from './jwt';
import type { Hit } from './keywords';
import { RuleIds, type KnownSecret, type KnownSecretRef, type RuleId, type SecretKind, type Severity, type Tier } from './types';
import { MAX_LEAD, MAX_SPAN, lineStartWithin } from './window';

export interface Candidate {
  ruleId: RuleId;
  tier: Tier;
  kind: SecretKind;
  severity: Severity;
  start: number;
  end: number;
  literalStart: number;
  literalEnd: number;
  /** Only inside the detector: fingerprint and hint are computed from it, then it is dropped. */
  value: string;
  key?: string;
  knownSecretRef?: KnownSecretRef;
  expired?: boolean;
}

/** Key suffixes that name something about a secret, not the secret (`client_secret_file`, `tokenUrl`, `secretName`). */
const NON_SECRET_SUFFIXES = [
  'file', 'filename', 'path', 'dir', 'name', 'url', 'uri', 'endpoint', 'type', 'env', 'envvar', 'var', 'variable', 'ref',
  'arn', 'id', 'ids', 'expiresat', 'expiry', 'expires', 'expiresin', 'ttl', 'length', 'len', 'hash', 'prefix', 'header',
  'field', 'param', 'label', 'hint', 'location', 'provider', 'source', 'store', 'manager', 'method', 'mode', 'enabled',
  'required', 'version', 'format', 'pattern', 'regex', 'description', 'placeholder', 'example', 'count', 'policy',
  'rotatedat', 'createdat', 'updatedat', 'issuedat', 'storage', 'keyid', 'limit', 'size', 'scope', 'scopes',
];

/** Keys whose values are random but are not credentials. */
const NON_CREDENTIAL_WORDS = [
  'hash', 'sha1', 'sha256', 'sha512', 'shasum', 'integrity', 'checksum', 'digest', 'etag', 'nonce', 'csrf', 'xsrf', 'pagetoken', 'nexttoken',
  'continuation', 'cursor', 'synctoken', 'idempotency', 'tokenizer', 'maxtokens', 'commit', 'revision',
];

/** Keys that name another provider (`GOOGLE_CLIENT_SECRET`, `STRIPE_WEBHOOK_SECRET`) hold someone else's secret. */
const OTHER_PROVIDERS = [
  'google', 'github', 'gitlab', 'bitbucket', 'azure', 'microsoft', 'okta', 'auth0', 'facebook', 'twitter', 'linkedin',
  'slack', 'discord', 'stripe', 'salesforce', 'hubspot', 'zoho', 'pipedrive', 'aws', 'cognito', 'keycloak', 'apple',
  'spotify', 'dropbox', 'notion', 'shopify', 'paypal', 'twilio', 'sendgrid', 'zoom', 'atlassian', 'firebase',
  'supabase', 'clerk', 'openai', 'anthropic', 'heroku', 'vercel', 'netlify', 'cloudflare', 'datadog', 'sentry',
];

// Classification runs for every keyword hit: one literal alternation each (a single native scan) instead of
// a loop of endsWith/includes calls.
const NON_SECRET_SUFFIX = new RegExp(`(?:${NON_SECRET_SUFFIXES.join('|')})$`);
const NON_CREDENTIAL = new RegExp(NON_CREDENTIAL_WORDS.join('|'));
const OTHER_PROVIDER = new RegExp(OTHER_PROVIDERS.join('|'));

/** Only the tail of a key can end with a suffix: the `$`-anchored regex is tried at every start position. */
const SUFFIX_TAIL = Math.max(...NON_SECRET_SUFFIXES.map((s) => s.length));

function namesSomethingElse(normalisedKey: string): boolean {
  const tail = normalisedKey.length > SUFFIX_TAIL ? normalisedKey.slice(-SUFFIX_TAIL) : normalisedKey;
  if (NON_SECRET_SUFFIX.test(tail) || NON_CREDENTIAL.test(normalisedKey)) return true;
  return !normalisedKey.includes('vendaze') && OTHER_PROVIDER.test(normalisedKey);
}

function isClientSecretKey(key: string): boolean {
  const secretish = key.includes('clientsecret') || (key.includes('vendaze') && key.includes('secret') && !key.includes('webhook'));
  return secretish && !namesSomethingElse(key);
}

function isGenericSecretKey(key: string): boolean {
  return /token|secret|passw(?:or)?d|apikey|bearer/.test(key) && !namesSomethingElse(key);
}

/** A value under a client_secret key: anything that is not a placeholder, a reference or code. */
function plausibleClientSecret(a: Assignment): boolean {
  const v = a.value;
  if (v.length < 8 || /\s/.test(v) || v.includes('://')) return false;
  const profile = charProfile(v);
  if (isEnvReference(v) || isPlaceholder(v, profile)) return false;
  if (!a.quoted && (a.following === '(' || a.following === '[')) return false;
  // Names (`clientSecret`, 'client_id', VENDAZE_CLIENT_SECRET) rather than values, quoted or not.
  if (isIdentifierLike(v) && profile.digits < 2) return false;
  return shannonEntropy(v) >= 2.5;
}

/** A value under a generic key must also look random: letters and digits, high entropy, not a known shape. */
function plausibleGenericSecret(v: string, quoted: boolean, following: string): boolean {
  if (v.length < 16) return false;
  // Cheapest strong filter first: code and prose rarely mix letters and digits.
  const profile = charProfile(v);
  if (profile.digits === 0 || profile.lower + profile.upper === 0) return false;
  if (/\s/.test(v) || v.includes('://')) return false;
  if (v.startsWith('eyJ') || v.startsWith('/') || v.startsWith('./') || v.startsWith('~/')) return false;
  if (isEnvReference(v) || isPlaceholder(v, profile) || isUuid(v) || isDigest(v)) return false;
  if (!quoted && (following === '(' || following === '[')) return false;
  if (isIdentifierLike(v) && profile.digits < 2) return false;
  return shannonEntropy(v) >= (profile.hexOnly ? 3.0 : 3.5);
}

type KeyClass = 'clientSecret' | 'generic' | 'other';

/**
 * Code repeats the same few keys (`token`, `password`, `clientSecret`) thousands of times: their class is
 * remembered instead of normalising and matching the key again each time. Bounded, in memory only, never logged.
 */
const keyClasses = new Map<string, KeyClass>();
const KEY_CLASS_CACHE_SIZE = 2048;

function classifyKey(rawKey: string): KeyClass {
  let known = keyClasses.get(rawKey);
  if (known === undefined) {
    const key = normaliseKey(rawKey);
    known = isClientSecretKey(key) ? 'clientSecret' : isGenericSecretKey(key) ? 'generic' : 'other';
    if (keyClasses.size >= KEY_CLASS_CACHE_SIZE) keyClasses.clear();
    keyClasses.set(detached(rawKey), known);
  }
  return known;
}

/**
 * A copy of a short string that does not point into the text it was sliced from: V8 makes slices of 13+
 * characters views of their parent, so caching `rawKey` itself would keep a whole closed document alive.
 */
function detached(value: string): string {
  return Array.from(value).join('');
}

function fromAssignment(text: string, hit: Hit, context: ContextIndex): Candidate | undefined {
  // Classify the key before reading any value: most keywords in code name variables we do not care about.
  const span = parseKey(text, hit.start, hit.end);
  if (!span) return undefined;
  const keyClass = classifyKey(span.key);
  if (keyClass === 'other') return undefined;
  const clientSecret = keyClass === 'clientSecret';
  const a = parseAssignment(text, hit.start, hit.end, { key: span, runs: context.runs });
  if (!a || !context.has(a.valueStart, a.valueEnd)) return undefined;
  if (clientSecret) {
    if (!plausibleClientSecret(a)) return undefined;
    return assignmentCandidate(a, RuleIds.clientSecret, 2, 'client_secret', 'error');
  }
  if (!plausibleGenericSecret(a.value, a.quoted, a.following)) return undefined;
  return assignmentCandidate(a, RuleIds.genericSecret, 4, a.value.startsWith('whsec_') ? 'webhook_secret' : 'generic_secret', 'warning');
}

/** One object literal of one shape for every assignment finding (an object spread here cost more than the rules). */
function assignmentCandidate(a: Assignment, ruleId: RuleId, tier: Tier, kind: SecretKind, severity: Severity): Candidate {
  return { ruleId, tier, kind, severity, start: a.valueStart, end: a.valueEnd, literalStart: a.literalStart, literalEnd: a.literalEnd, value: a.value, key: a.key };
}

const TOKEN_CHAR = /[A-Za-z0-9._~+/=-]/;

/** Reads a run of token characters, or undefined when it is shorter than `min` or runs past `max`. */
function tokenRun(text: string, start: number, min: number, max: number): number | undefined {
  let end = start;
  const limit = Math.min(text.length, start + max + 1);
  while (end < limit && TOKEN_CHAR.test(text[end]!)) end++;
  if (end - start < min || end - start > max) return undefined;
  return end;
}

/** `Authorization: Bearer <token>` next to Vendaze context (JWTs are tier 3's). */
function fromBearer(text: string, hit: Hit, context: ContextIndex): Candidate | undefined {
  let p = hit.end;
  while (p < hit.end + 4 && text[p] === ' ') p++;
  if (p === hit.end) return undefined;
  const end = tokenRun(text, p, 16, MAX_VALUE);
  if (end === undefined) return undefined;
  const value = text.slice(p, end);
  if (!plausibleGenericSecret(value, true, '') || !context.has(p, end)) return undefined;
  return { ruleId: RuleIds.genericSecret, tier: 4, kind: 'access_token', severity: 'warning', start: p, end, literalStart: p, literalEnd: end, value };
}

/** A bare `whsec_…` webhook signing secret next to Vendaze context. */
function fromWebhookSecret(text: string, hit: Hit, context: ContextIndex): Candidate | undefined {
  if (hit.start > 0 && /[A-Za-z0-9_]/.test(text[hit.start - 1]!)) return undefined;
  if (text.slice(hit.start, hit.end) !== 'whsec_') return undefined;
  const end = tokenRun(text, hit.end, 16, 256);
  if (end === undefined) return undefined;
  const value = text.slice(hit.start, end);
  if (isPlaceholder(value.slice(6)) || !context.has(hit.start, end)) return undefined;
  // Stripe's signing secrets share the prefix: trust the key or words before it on the line.
  const lead = normaliseKey(text.slice(lineStartWithin(text, hit.start, hit.start - MAX_LEAD), hit.start));
  if (!lead.includes('vendaze') && OTHER_PROVIDER.test(lead)) return undefined;
  return { ruleId: RuleIds.genericSecret, tier: 4, kind: 'webhook_secret', severity: 'warning', start: hit.start, end, literalStart: hit.start, literalEnd: end, value };
}

export function fromJwt(text: string, at: number, now: number): Candidate | undefined {
  const jwt = readJwt(text, at);
  if (!jwt || !isVendazeToken(jwt.claims)) return undefined;
  const refresh = isRefreshToken(jwt.claims, text.slice(Math.max(0, jwt.start - 40), jwt.start));
  const expired = isExpired(jwt.claims, now);
  return {
    ruleId: RuleIds.jwt,
    tier: 3,
    kind: refresh ? 'refresh_token' : 'access_token',
    severity: expired ? 'info' : 'error',
    start: jwt.start,
    end: jwt.end,
    literalStart: jwt.start,
    literalEnd: jwt.end,
    value: text.slice(jwt.start, jwt.end),
    expired,
  };
}

/** Tiers 2 and 4 for one hit (tier 3 has its own entry: it needs no context). */
export function fromHit(text: string, hit: Hit, context: ContextIndex): Candidate | undefined {
  switch (hit.kind) {
    case 'secret':
    case 'generic':
      return fromAssignment(text, hit, context);
    case 'bearer':
      return fromBearer(text, hit, context);
    case 'webhook':
      return fromWebhookSecret(text, hit, context);
    default:
      return undefined;
  }
}

/** Known secrets shorter than this would match ordinary text; longer than MAX_SPAN would break windowing. */
const MIN_KNOWN_LENGTH = 8;

/** Tier 1: every exact occurrence of a secret the extension holds. */
export function knownSecretCandidates(text: string, known: readonly KnownSecret[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const secret of known) {
    const value = secret.value;
    if (typeof value !== 'string' || value.length < MIN_KNOWN_LENGTH || value.length > MAX_SPAN || seen.has(value)) continue;
    seen.add(value);
    const ref: KnownSecretRef = { kind: secret.kind };
    if (secret.clientId !== undefined) ref.clientId = secret.clientId;
    if (secret.label !== undefined) ref.label = secret.label;
    for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + value.length)) {
      const end = at + value.length;
      out.push({ ruleId: RuleIds.knownSecret, tier: 1, kind: secret.kind, severity: 'error', start: at, end, literalStart: at, literalEnd: end, value, knownSecretRef: ref });
    }
  }
  return out;
}
