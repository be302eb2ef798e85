/**
 * Redaction of secrets in any text that may reach a person or a file (log lines, error messages).
 *
 * Two layers, because neither is enough alone:
 *  - exact values the extension holds (client secrets, tokens, PKCE verifiers) are registered at runtime and
 *    replaced wherever they appear, whatever the surrounding syntax, and in the forms other layers write them in
 *    (JSON-escaped, URL-encoded, form-encoded, JSON inside JSON);
 *  - shapes that are secrets by construction (JWTs, Bearer/Basic credentials, `client_secret=…` in any syntax,
 *    OAuth codes in token requests and callbacks) are masked even when the value was never registered
 *    (src/common/redactShapes.ts).
 * Both run in linear time on any input (test/unit/redactLinear.test.ts): server text passes through here.
 */
import { REDACTED, redactShapes } from './redactShapes';

export { REDACTED };

/** Values shorter than this are not registered: masking them would shred ordinary words. */
const MIN_SECRET_LENGTH = 8;

/** The ways a value is written by the layers it travels through, the value itself first. */
export function encodedForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const unicodeEscaped = (hex: (code: number) => string) => json.replace(/[\u007f-\uffff]/g, (c) => `\\u${hex(c.charCodeAt(0))}`);
  const forms = [
    value,
    json,
    unicodeEscaped((code) => code.toString(16).padStart(4, '0')), // Python's json.dumps, ensure_ascii
    unicodeEscaped((code) => code.toString(16).padStart(4, '0').toUpperCase()),
    JSON.stringify(json).slice(1, -1), // JSON inside a JSON string
  ];
  try {
    const url = encodeURIComponent(value);
    const form = new URLSearchParams({ v: value }).toString().slice(2); // application/x-www-form-urlencoded
    const lower = (encoded: string) => encoded.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
    forms.push(url, lower(url), form, lower(form), encodeURI(value));
  } catch {
    // A lone surrogate has no URL encoding: nothing can have encoded it either.
  }
  return [...new Set(forms)];
}

export class SecretRedactor {
  /** Registered value -> the forms it is masked in. */
  private readonly values = new Map<string, string[]>();
  /** Every form of every value, longest first (so a secret that contains another is masked whole). */
  private sorted: string[] | undefined;

  /** Remembers a secret so that every later `redact` masks it. Short or empty values are ignored. */
  add(value: string | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH || this.values.has(value)) return;
    this.values.set(value, encodedForms(value));
    this.sorted = undefined;
  }

  forget(value: string | undefined): void {
    if (value && this.values.delete(value)) this.sorted = undefined;
  }

  get size(): number {
    return this.values.size;
  }

  redact(text: string): string {
    this.sorted ??= [...new Set([...this.values.values()].flat())].sort((a, b) => b.length - a.length);
    let out = text;
    for (const form of this.sorted) {
      if (out.includes(form)) out = out.split(form).join(REDACTED);
    }
    return redactShapes(out);
  }
}
