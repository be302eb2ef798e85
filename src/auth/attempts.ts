import { createState } from './pkce';
import { quoteUntrusted } from '../common/untrustedText';
import { english, l10n, type Words } from '../common/l10n';
import { signInError, SignInError } from './errors';

/**
 * Pending sign-in attempts keyed by their single-use `state`. Callbacks from any channel (the loopback listener,
 * the URI handler) go through `deliver`, which checks the state before anything else: unknown, reused or
 * expired states are refused with a message the browser page and the log can show, and never reach an attempt.
 *
 * A refused callback does not end the pending attempt: a stale tab or a forged link must not be able to abort
 * the user's real sign-in. Pure (no vscode), with an injectable clock.
 */

export interface AttemptSecrets {
  /** PKCE verifier: stays in memory, goes only to /oauth/token. */
  verifier: string;
  redirectUri: string;
  clientId: string;
}

/** What a good callback yields: the code plus the attempt's own secrets, ready for the token exchange. */
export interface AuthorizationCode extends AttemptSecrets {
  code: string;
  state: string;
}

export type CallbackOutcome =
  | { ok: true; kind: 'code' | 'denied' }
  | {
      ok: false;
      kind: 'missing_params' | 'unknown_state' | 'reused_state' | 'expired_state';
      /** In the display language: the notification (URI handler, pasted address) and the loopback listener's page. */
      message: string;
      /** In English: the log. */
      english: string;
    };

interface Pending extends AttemptSecrets {
  state: string;
  deadline: number;
  resolve(code: AuthorizationCode): void;
  reject(error: Error): void;
}

export interface AttemptHandle {
  state: string;
  deadline: number;
  /** Settles with the code, or rejects with SignInError (access_denied, callback_error, timeout, cancelled). */
  result: Promise<AuthorizationCode>;
  /** Ends the attempt (idempotent); a later callback for it is answered as expired. */
  cancel(reason?: 'cancelled' | 'timeout'): void;
}

/** How many finished states are remembered to tell "reused"/"expired" apart from "unknown". */
const REMEMBERED = 256;

/**
 * The longest callback query parsed. A real one (code, state, or error and its description) is a few hundred
 * characters; the URI handler's query comes from whoever opened the link, and Node's URLSearchParams is
 * superlinear on some inputs (a 512 KB run of `+` took 80 ms, doubling it 8x that). Longer queries are refused
 * unparsed. (The loopback listener's request line is already capped by Node's 16 KB header limit.)
 */
export const MAX_CALLBACK_QUERY = 8192;

/** The parameters of a callback query, or none at all when it is longer than any real callback. */
export function callbackParams(query: string): URLSearchParams {
  return new URLSearchParams(query.length <= MAX_CALLBACK_QUERY ? query : '');
}

export class SignInAttempts {
  private readonly pending = new Map<string, Pending>();
  /** Finished states and how they ended, oldest first (Map keeps insertion order). */
  private readonly finished = new Map<string, 'used' | 'expired'>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly newState: () => string = createState,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  /** Registers an attempt bound to a fresh state; the caller races `result` against its own UI. */
  start(secrets: AttemptSecrets, timeoutMs: number, signal?: AbortSignal): AttemptHandle {
    const state = this.newState();
    const deadline = this.now() + timeoutMs;
    let resolve!: (code: AuthorizationCode) => void;
    let reject!: (error: Error) => void;
    const result = new Promise<AuthorizationCode>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const timer = setTimeout(() => cancel('timeout'), timeoutMs);
    const onAbort = () => cancel('cancelled');
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const entry: Pending = {
      ...secrets,
      state,
      deadline,
      resolve: (code) => {
        cleanup();
        resolve(code);
      },
      reject: (error) => {
        cleanup();
        reject(error);
      },
    };
    const cancel = (reason: 'cancelled' | 'timeout' = 'cancelled') => {
      if (!this.pending.has(state)) return;
      this.finish(state, 'expired');
      entry.reject(
        reason === 'timeout'
          ? signInError('timeout', (l10n) =>
              l10n.t('Sign-in timed out after {0} s without an answer from the browser. Run Vendaze: Sign In again (the timeout is vendaze.auth.signInTimeoutSeconds).', Math.round(timeoutMs / 1000)),
            )
          : cancelledError(),
      );
    };
    this.pending.set(state, entry);
    if (signal?.aborted) cancel('cancelled');
    else signal?.addEventListener('abort', onAbort, { once: true });
    return { state, deadline, result, cancel };
  }

  /** Routes one callback's query parameters. Consumes the state on any well-formed answer for it. */
  deliver(params: URLSearchParams): CallbackOutcome {
    const state = params.get('state') ?? '';
    const code = params.get('code') ?? '';
    const error = params.get('error') ?? '';
    if (!state || (!code && !error)) return refused('missing_params');
    const entry = this.pending.get(state);
    if (!entry) {
      const ended = this.finished.get(state);
      return refused(ended === 'used' ? 'reused_state' : ended === 'expired' ? 'expired_state' : 'unknown_state');
    }
    if (this.now() > entry.deadline) {
      this.finish(state, 'expired');
      entry.reject(signInError('timeout', (l10n) => l10n.t('The browser answered after the sign-in attempt had expired. Run Vendaze: Sign In again.')));
      return refused('late');
    }
    this.finish(state, 'used');
    if (error) {
      entry.reject(callbackError(error, params.get('error_description') ?? undefined));
      return { ok: true, kind: 'denied' };
    }
    entry.resolve({ code, state, verifier: entry.verifier, redirectUri: entry.redirectUri, clientId: entry.clientId });
    return { ok: true, kind: 'code' };
  }

  private finish(state: string, how: 'used' | 'expired'): void {
    this.pending.delete(state);
    this.finished.set(state, how);
    while (this.finished.size > REMEMBERED) this.finished.delete(this.finished.keys().next().value as string);
  }
}

type Refusal = Extract<CallbackOutcome, { ok: false }>;

/** A refused callback, worded in the display language and in English. */
function refused(why: Refusal['kind'] | 'late'): Refusal {
  const words = (l10n: Words): string => {
    switch (why) {
      case 'missing_params':
        return l10n.t('This sign-in callback is missing its "state" or "code": open it only from the Vendaze consent page.');
      case 'reused_state':
        return l10n.t('This sign-in link was already used. Each sign-in link works once: run Vendaze: Sign In again.');
      case 'expired_state':
        return l10n.t('This sign-in attempt has expired or was cancelled. Run Vendaze: Sign In again.');
      case 'unknown_state':
        return l10n.t('This sign-in callback does not belong to a sign-in started in this VS Code window (unknown state), so it was ignored.');
      case 'late':
        return l10n.t('This sign-in attempt has expired. Run Vendaze: Sign In again.');
    }
  };
  return { ok: false, kind: why === 'late' ? 'expired_state' : why, message: words(l10n), english: words(english) };
}

export function cancelledError(): SignInError {
  return signInError('cancelled', (l10n) => l10n.t('Sign-in was cancelled.'));
}

/**
 * `error` and `error_description` arrive in a URL anyone can craft (a phishing link can carry "Call support at
 * +1 …"), so the user sees only our own sentence for the code, and the raw text goes to the log, cut and quoted.
 */
export const CALLBACK_ERROR_MESSAGES: Readonly<Record<string, (l10n: Words) => string>> = {
  invalid_request: (l10n) =>
    l10n.t("Vendaze refused the sign-in request as malformed. Run Vendaze: Sign In again; if it repeats, check the app's redirect URIs and scopes."),
  unauthorized_client: (l10n) => l10n.t('This app may not use this kind of sign-in. Check the app in Vendaze, or rotate it, then sign in again.'),
  invalid_client: (l10n) => l10n.t('Vendaze does not know this app (client_id). Check that the app still exists, then sign in again.'),
  unsupported_response_type: (l10n) => l10n.t('Vendaze refused the sign-in request (unsupported response type). Update the extension and sign in again.'),
  invalid_scope: (l10n) => l10n.t('Vendaze refused the requested scopes. Sign in with scopes the app is registered for.'),
  server_error: (l10n) => l10n.t('Vendaze had an internal error during sign-in. Sign in again in a moment.'),
  temporarily_unavailable: (l10n) => l10n.t('Vendaze is temporarily unavailable. Sign in again in a moment.'),
};

export function callbackError(error: string, description: string | undefined): SignInError {
  const logDetail = `error=${quoteUntrusted(error, 64)}${description === undefined ? '' : ` error_description=${quoteUntrusted(description)}`}`;
  if (error === 'access_denied') {
    return signInError(
      'access_denied',
      (l10n) => l10n.t('Authorization was denied on the Vendaze consent page, so no tokens were issued. Sign in again and click Authorize to continue.'),
      {},
      { logDetail },
    );
  }
  return signInError('callback_error', callbackErrorWords(error), {}, { logDetail });
}

/** Our own sentence for an OAuth `error` code other than access_denied (the notification, the loopback page). */
export function callbackErrorWords(error: string): (l10n: Words) => string {
  const known = Object.hasOwn(CALLBACK_ERROR_MESSAGES, error) ? CALLBACK_ERROR_MESSAGES[error] : undefined;
  return known ?? ((l10n: Words) => l10n.t('The browser came back with an error instead of a sign-in code. Run Vendaze: Sign In again; the log has the details.'));
}
