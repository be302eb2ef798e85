import { secretAgeDays, type AppRecord } from '../apps/registry';
import { l10n } from '../common/l10n';

/** Words and numbers the apps tree shows. Pure (no vscode), so the wording is unit-tested. */

/** "expires in 42 min", "expires in 1 h 05 min", "expired 3 min ago". Minutes are rounded towards the edge. */
export function expiryText(expiresAt: string, now = Date.now()): string {
  const ms = Date.parse(expiresAt) - now;
  if (Number.isNaN(ms)) return l10n.t('expiry unknown');
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const span = minutes < 1 ? l10n.t('less than a minute') : minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
  if (ms <= 0) return minutes < 1 ? l10n.t('expired just now') : l10n.t('expired {0} ago', span);
  return l10n.t('expires in {0}', span);
}

export function secretAgeText(app: AppRecord, hasSecret: boolean, now = new Date()): string {
  if (!hasSecret) return l10n.t('no secret stored');
  const days = secretAgeDays(app, now);
  if (days === undefined) return l10n.t('secret age unknown');
  if (days <= 0) return l10n.t('secret stored today');
  return days === 1 ? l10n.t('secret 1 day old') : l10n.t('secret {0} days old', days);
}

/** True when the secret is older than the limit (0 or less = reminders off). */
export function isSecretTooOld(app: AppRecord, maxAgeDays: number, now = new Date()): boolean {
  const days = secretAgeDays(app, now);
  return maxAgeDays > 0 && days !== undefined && days > maxAgeDays;
}

/** 9a8b7c6d-5e4f-... -> "9a8b7c6d…" (enough to tell apps apart at a glance). */
export function shortClientId(clientId: string): string {
  return clientId.length > 8 ? `${clientId.slice(0, 8)}…` : clientId;
}

/** http redirect URIs are only ever loopback (validation guarantees it): show them as "local". */
export function isLoopbackUri(uri: string): boolean {
  return /^http:\/\/(localhost|127\.0\.0\.1)([:/?]|$)/.test(uri);
}

export function scopeAccess(scope: string): 'read' | 'write' | 'manage' | 'other' {
  const access = scope.split(':')[1];
  return access === 'read' || access === 'write' || access === 'manage' ? access : 'other';
}
