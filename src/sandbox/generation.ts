import type { ApiGeneration } from '../api/generation';

/**
 * Which API generation the sandbox speaks, and how it behaves where the [L] (2026-07) docs are silent or
 * inconsistent. Each undocumented point is an option, so the client is tested against every plausible server
 * (docs/api-generations.md lists them).
 */

export interface LatestBehaviour {
  /** rotate-app with a scope list different from the registered one: 422 on `scopes`, or accepted with the scopes unchanged. */
  rotateScopes: 'refuse' | 'ignore';
  /** [P]-era extras on [L] (scope / code_challenge on authorize, redirect_uri / code_verifier on token): 400, or ignored. */
  extraParams: 'refuse' | 'ignore';
  /** Revoking an access token that already expired: the grant goes too, or stays (only live tokens count). */
  revokeExpired: 'removes-grant' | 'keeps-grant';
}

export const DEFAULT_LATEST_BEHAVIOUR: LatestBehaviour = { rotateScopes: 'refuse', extraParams: 'refuse', revokeExpired: 'removes-grant' };

export const LATEST_OPTION_VALUES: { [K in keyof LatestBehaviour]: ReadonlyArray<LatestBehaviour[K]> } = {
  rotateScopes: ['refuse', 'ignore'],
  extraParams: ['refuse', 'ignore'],
  revokeExpired: ['removes-grant', 'keeps-grant'],
};

export const SANDBOX_DEFAULT_API: ApiGeneration = '2026-05';

/** The 10-minute code life of [L] (5 minutes in [P], the faults default). */
export const LATEST_CODE_TTL_SECONDS = 600;
/** [L] secret delivery: a one-time link, 15 minutes. */
export const SECRET_LINK_TTL_SECONDS = 15 * 60;

export const SCOPES_FIXED_MESSAGE = 'Scopes are fixed at registration and cannot change: register a new app to change them.';
