/**
 * Redaction of secrets in any text that may reach a person or a file (log lines, error messages).
 *
 * Two layers, because neither is enough alone:
 *  - exact values the extension holds (client secrets, tokens, PKCE verifiers) are registered at runtime and
 *    replaced wherever they appear, whatever the surrounding syntax;
 *  - shapes that are secrets by construction (JWTs, Bearer credentials, `client_secret=…`, `"refresh_token": "…"`,
 *    OAuth `code=` / `code_verifier=` parameters) are masked even when the value was never registered.
 */

export const REDACTED = '[REDACTED]';

/** Values shorter than this are not registered: masking them would shred ordinary words. */
const MIN_SECRET_LENGTH = 8;

/** Keys whose value is always secret, in JSON (`"key": "v"`), form/query (`key=v`) or YAML/env (`key: v`) form. */
const SECRET_KEYS = [
  'client_secret',
  'clientSecret',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'code_verifier',
  'codeVerifier',
  'id_token',
  'password',
  'token',
];

const KEY_ALTERNATION = SECRET_KEYS.join('|');

const PATTERNS: ReadonlyArray<[RegExp, (match: string, ...groups: string[]) => string]> = [
  // JSON: "client_secret": "value"
  [new RegExp(`("(?:${KEY_ALTERNATION})"\\s*:\\s*")[^"]*(")`, 'g'), (_m, head, tail) => `${head}${REDACTED}${tail}`],
  // form, query string, env or YAML: client_secret=value / client_secret: value
  [new RegExp(`(\\b(?:${KEY_ALTERNATION})\\s*[=:]\\s*)(?!"|${escapeRegExp(REDACTED)})[^\\s&,;"']+`, 'g'), (_m, head) => `${head}${REDACTED}`],
  // OAuth authorization codes travel in redirect query strings: ?code=… / &code=…
  [/([?&]code=)[^&#\s"']+/g, (_m, head) => `${head}${REDACTED}`],
  // Authorization headers
  [/(\bBearer\s+)[A-Za-z0-9\-._~+/]+=*/g, (_m, head) => `${head}${REDACTED}`],
  // Any JWT (three base64url segments, the first one a JSON object)
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, () => REDACTED],
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class SecretRedactor {
  private readonly values = new Set<string>();

  /** Remembers a secret so that every later `redact` masks it. Short or empty values are ignored. */
  add(value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.values.add(value);
  }

  forget(value: string | undefined): void {
    if (value) this.values.delete(value);
  }

  get size(): number {
    return this.values.size;
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is masked whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(value)) out = out.split(value).join(REDACTED);
    }
    for (const [pattern, replace] of PATTERNS) out = out.replace(pattern, replace);
    return out;
  }
}
