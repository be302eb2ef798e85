import { l10n } from '../common/l10n';
/**
 * "Paste the URL the browser ended on": when the redirect never reaches VS Code (a remote machine, a blocked
 * pop-up, a scheme the OS does not route), the code and state are still in the address bar. This turns what the
 * user pasted into the callback parameters, which then go through SignInAttempts.deliver like any callback (same
 * state check, same error handling). Pure, bounded, linear time; nothing here trusts the text.
 *
 * Accepted: the full redirect URL (query, or fragment for pages that move it there), a bare query string
 * (`code=…&state=…` with or without `?`), and code-server's URI-handler route whose parameters sit inside its
 * `vscode-query` parameter. Surrounding whitespace, quotes and angle brackets (mail clients) are ignored.
 */

export const MAX_PASTED_LENGTH = 16 * 1024;

/** The only parameters a callback carries; anything else in the paste is ignored. */
const CALLBACK_KEYS = ['code', 'state', 'error', 'error_description'] as const;

export type PastedCallback =
  | { ok: true; params: URLSearchParams }
  | { ok: false; reason: 'empty' | 'too_long' | 'not_a_callback' | 'ambiguous' | 'missing_state'; message: string };

export function parsePastedCallback(text: string): PastedCallback {
  if (text.length > MAX_PASTED_LENGTH) {
    return { ok: false, reason: 'too_long', message: l10n.t('That is longer than any sign-in address ({0} characters at most).', MAX_PASTED_LENGTH) };
  }
  const trimmed = text.trim().replace(/^[<"'`]+|[>"'`]+$/g, '').trim();
  if (!trimmed) return { ok: false, reason: 'empty', message: l10n.t('Nothing was pasted.') };

  const candidates = parameterSets(trimmed);
  const found = candidates.find((params) => CALLBACK_KEYS.some((key) => params.has(key)));
  if (!found) {
    return {
      ok: false,
      reason: 'not_a_callback',
      message: l10n.t('That address has no sign-in code or error. Paste the full address from the browser tab the consent page sent you to (it contains "code=" and "state=").'),
    };
  }
  const params = new URLSearchParams();
  for (const key of CALLBACK_KEYS) {
    const values = found.getAll(key);
    // Two different values for one key: something injected a second one; guessing which is meant is unsafe.
    if (new Set(values).size > 1) return { ok: false, reason: 'ambiguous', message: l10n.t('That address carries "{0}" twice with different values, so it was not used.', key) };
    if (values[0] !== undefined && values[0] !== '') params.set(key, values[0]);
  }
  if (!params.has('state')) {
    return { ok: false, reason: 'missing_state', message: l10n.t('That address has no "state", so it cannot be matched to this sign-in. Paste the complete address.') };
  }
  if (!params.has('code') && !params.has('error')) return { ok: false, reason: 'not_a_callback', message: l10n.t('That address has a "state" but no "code": paste the address after you pressed Authorize.') };
  return { ok: true, params };
}

/** Where callback parameters may sit in the paste, most likely first. */
function parameterSets(text: string): URLSearchParams[] {
  const sets: URLSearchParams[] = [];
  const url = /^[a-z][a-z0-9+.-]*:/i.test(text) ? tryUrl(text) : undefined;
  if (url) {
    sets.push(url.searchParams, new URLSearchParams(url.hash.slice(1)));
    // code-server's callback route: /callback?vscode-reqid=…&vscode-query=code%3D…%26state%3D…
    const nested = url.searchParams.get('vscode-query');
    if (nested) sets.push(new URLSearchParams(nested));
  } else {
    sets.push(new URLSearchParams(text.replace(/^[?#]/, '')));
  }
  return sets;
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
