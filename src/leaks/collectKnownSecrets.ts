import type { AppRegistry } from '../apps/registry';
import type { SessionStore } from '../auth/sessionStore';
import type { KnownSecret } from '../detector';

/**
 * Every secret the extension holds, for tier-1 (exact match) detection: each app's client_secret and each
 * session's access and refresh token, labelled with the app they belong to so a finding can offer rotate/revoke.
 * The values stay in memory; nothing here logs or persists them.
 */
export async function collectKnownSecrets(apps: AppRegistry, sessions: SessionStore): Promise<KnownSecret[]> {
  const known: KnownSecret[] = [];
  const names = new Map(apps.list().map((app) => [app.clientId, app.appName]));
  for (const app of apps.list()) {
    const secret = await apps.getSecret(app.clientId);
    if (secret) known.push({ value: secret, kind: 'client_secret', clientId: app.clientId, label: app.appName });
  }
  for (const session of await sessions.list()) {
    const label = `${names.get(session.clientId) ?? session.clientId} · ${session.workspaceSlug}`;
    known.push({ value: session.accessToken, kind: 'access_token', clientId: session.clientId, label });
    known.push({ value: session.refreshToken, kind: 'refresh_token', clientId: session.clientId, label });
  }
  return known;
}
