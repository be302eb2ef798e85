/**
 * The ten practices of Vendaze's security guide, as rules: id, default severity, the guide's one-line reason and
 * the anchor of the practice in docs/practices.md. Pure data, shared by the engine, the editor and the CLI. Titles
 * and reasons are read in the display language where a translator is installed (the extension and its practice
 * worker); the CLI has none and reads English.
 */
import { l10n } from '../common/l10n';

export type ApiGeneration = 'pkce' | '2026-07';
export const DEFAULT_API_GENERATION: ApiGeneration = 'pkce';

/** The rules' name for an API generation of src/api/generation.ts: the 2026-05 API is the PKCE era. */
export function practiceGeneration(apiGeneration: string): ApiGeneration {
  return apiGeneration === '2026-07' ? '2026-07' : DEFAULT_API_GENERATION;
}

export type PracticeSeverity = 'error' | 'warning' | 'information';

export const PRACTICE_NAMES = [
  'client-secret-in-client',
  'token-in-browser-storage',
  'refresh-rotation',
  'revoke-on-disconnect',
  'https-redirect',
  'state',
  'pkce',
  'least-privilege',
  'secrets-in-logs',
  'monitoring',
] as const;

export type PracticeName = (typeof PRACTICE_NAMES)[number];

export const RULE_PREFIX = 'vendaze/practice/';
export const ruleId = (name: PracticeName): string => `${RULE_PREFIX}${name}`;

export const DOCS_URL = 'https://github.com/vendaze/vendaze-vscode/blob/main/docs/practices.md';

export interface PracticeInfo {
  number: number;
  readonly title: string;
  severity: PracticeSeverity;
  /** The guide's reason, one line. */
  readonly reason: string;
}

export const PRACTICES: Readonly<Record<PracticeName, PracticeInfo>> = {
  'client-secret-in-client': {
    number: 1,
    get title() {
      return l10n.t('Keep the client_secret out of browser and mobile code');
    },
    severity: 'error',
    get reason() {
      return l10n.t('Never expose the client_secret in a frontend, mobile app, or any client running on the user’s device.');
    },
  },
  'token-in-browser-storage': {
    number: 2,
    get title() {
      return l10n.t('Keep tokens out of browser storage');
    },
    severity: 'error',
    get reason() {
      return l10n.t('Store refresh tokens encrypted in a database, never in cookies or localStorage; session cookies that reference tokens need httpOnly and Secure.');
    },
  },
  'refresh-rotation': {
    number: 3,
    get title() {
      return l10n.t('Store the rotated refresh token');
    },
    severity: 'warning',
    get reason() {
      return l10n.t('The Vendaze API invalidates the previous refresh token on each renewal: store the new one.');
    },
  },
  'revoke-on-disconnect': {
    number: 4,
    get title() {
      return l10n.t('Revoke tokens on disconnect');
    },
    severity: 'information',
    get reason() {
      return l10n.t('Revoke tokens immediately when the user disconnects the integration via POST /oauth/revoke.');
    },
  },
  'https-redirect': {
    number: 5,
    get title() {
      return l10n.t('Use HTTPS on all redirects');
    },
    severity: 'warning',
    get reason() {
      return l10n.t('The redirect_uri must always use https://; the only exception is localhost during development.');
    },
  },
  state: {
    number: 6,
    get title() {
      return l10n.t('Validate the state parameter');
    },
    severity: 'warning',
    get reason() {
      return l10n.t('The state parameter protects against CSRF: generate it unpredictably and compare it on the callback.');
    },
  },
  pkce: {
    number: 7,
    get title() {
      return l10n.t('Use PKCE with S256');
    },
    severity: 'error',
    get reason() {
      return l10n.t('Vendaze requires PKCE with code_challenge_method=S256; plain PKCE is not accepted.');
    },
  },
  'least-privilege': {
    number: 8,
    get title() {
      return l10n.t('Request only the scopes you need');
    },
    severity: 'information',
    get reason() {
      return l10n.t('Unnecessary scopes expand the attack surface and reduce user trust when authorizing.');
    },
  },
  'secrets-in-logs': {
    number: 9,
    get title() {
      return l10n.t('Keep secrets and tokens out of logs');
    },
    severity: 'warning',
    get reason() {
      return l10n.t('Treat the client_secret like a password and never let it or a token reach logs.');
    },
  },
  monitoring: {
    number: 10,
    get title() {
      return l10n.t('Monitor API usage');
    },
    severity: 'information',
    get reason() {
      return l10n.t('Use X-RateLimit-Remaining and X-Request-ID to monitor usage; unexpected spikes may mean compromised tokens.');
    },
  },
};

export const docsLink = (name: PracticeName): string => `${DOCS_URL}#${name}`;

export function isPracticeName(value: string): value is PracticeName {
  return (PRACTICE_NAMES as readonly string[]).includes(value);
}

/** "vendaze/practice/pkce" or "pkce" -> "pkce". */
export function practiceNameOf(value: string): PracticeName | undefined {
  const name = value.startsWith(RULE_PREFIX) ? value.slice(RULE_PREFIX.length) : value;
  return isPracticeName(name) ? name : undefined;
}
