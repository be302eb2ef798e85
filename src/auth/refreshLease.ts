/**
 * The cross-window refresh lease (see refreshCoordinator.ts): a short-lived claim in SecretStorage saying which
 * window is spending a session's refresh token right now.
 */

export const LEASE_PREFIX = 'vendaze.refreshLease.';

export interface Lease {
  owner: string;
  until: number;
}

export function parseLease(raw: string | undefined): Lease | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<Lease>;
    return typeof value.owner === 'string' && typeof value.until === 'number' ? (value as Lease) : undefined;
  } catch {
    return undefined;
  }
}

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
