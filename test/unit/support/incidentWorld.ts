/**
 * The incident runner's world for the unit tests: an in-memory globalState that can crash like a dying window,
 * and fakes of the sandbox's side (sessions, rotations, stored secrets) whose hooks let a test fail a step midway.
 */
import assert from 'node:assert/strict';
import type { AuditInput } from '../../../src/audit/entry';
import { SecretRedactor } from '../../../src/common/redact';
import { IncidentDeps, IncidentRunner, SessionRevoke } from '../../../src/incident/runner';
import { IncidentStore, INCIDENTS_KEY } from '../../../src/incident/store';
import { MemoryKeyValueStore } from '../../../src/storage/memory';

export const OLD_SECRET = 'vz_sec_OLD_0123456789abcdef0123456789';
export const NEW_SECRET = 'vz_sec_NEW_fedcba9876543210fedcba9876';
export const TOKENS = ['eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ.access-token-one', 'refresh-token-one-0123456789', 'eyJhbGciOiJIUzI1NiJ9.eyJhIjoyfQ.access-token-two'];

export class Crash extends Error {}

/** globalState that can "die" like a crashing window: from crash() on, every write fails; revive() = reload. */
class CrashableState extends MemoryKeyValueStore {
  dead = false;
  override async update(key: string, value: unknown): Promise<void> {
    if (this.dead) throw new Crash('window crashed');
    return super.update(key, value);
  }
  crash(): never {
    this.dead = true;
    throw new Crash('window crashed');
  }
  revive(): void {
    this.dead = false;
  }
}

/** The sandbox's side of things, as the steps see it: sessions held, rotations done, secrets stored. */
export function world(options: { workspaces?: string[] } = {}) {
  const kv = new CrashableState();
  const server = { rotations: 0, rotateCalls: 0, revoked: [] as string[], clientId: 'app-1', scopes: ['people:read'] };
  const local = {
    sessions: (options.workspaces ?? ['acme-corp', 'globex']).map((workspace, i) => ({ workspace, token: TOKENS[i]! })),
    secrets: new Map<string, { value: string; at: string }>([['app-1', { value: OLD_SECRET, at: '2026-01-01T00:00:00.000Z' }]]),
    apps: new Map([['app-1', { clientId: 'app-1', appName: 'Acme Sync', scopes: ['people:read'], email: 'dev@acme.test' }]]),
    signedIn: [] as string[],
  };
  const audits: AuditInput[] = [];
  const redactor = new SecretRedactor();
  for (const s of [OLD_SECRET, NEW_SECRET, ...TOKENS]) redactor.add(s);
  let clock = Date.parse('2026-03-01T10:00:00.000Z');
  const hooks: {
    rotate?: () => void;
    afterRotate?: () => void;
    afterStoreSecret?: () => void;
    afterFirstRevoke?: () => void;
    secret?: string | undefined;
    signInFails?: boolean;
  } = { secret: NEW_SECRET };
  const calls = { obtainSecret: 0, applyRotation: 0, email: [] as string[], notice: [] as string[] };

  const deps: IncidentDeps = {
    store: new IncidentStore(kv),
    now: () => new Date((clock += 1000)),
    newId: () => 'incident-1',
    redact: (t) => redactor.redact(t),
    audit: (a) => audits.push(a),
    app: (id) => local.apps.get(id),
    async revokeAll(clientId, onSession) {
      const results: SessionRevoke[] = [];
      while (local.sessions.length) {
        const session = local.sessions.shift()!;
        server.revoked.push(session.token);
        const result = { workspace: session.workspace, revoked: true, pending: false, message: `revoked ${session.token}` };
        results.push(result);
        await onSession(result);
        if (results.length === 1) hooks.afterFirstRevoke?.();
      }
      assert.ok(clientId);
      return { sessions: results, stillPending: 0 };
    },
    async rotate(app, scopes) {
      server.rotateCalls++;
      hooks.rotate?.();
      server.rotations++;
      server.clientId = `${app.clientId}-r${server.rotations}`;
      server.scopes = scopes;
      hooks.afterRotate?.();
      return { clientId: server.clientId, requestId: `rid-rotate-${server.rotations}` };
    },
    async applyRotation(previous, next) {
      calls.applyRotation++;
      const app = local.apps.get(previous) ?? local.apps.get(next)!;
      local.apps.delete(previous);
      local.apps.set(next, { ...app, clientId: next });
      local.secrets.delete(previous);
    },
    secretStoredSince: (clientId, since) => {
      const stored = local.secrets.get(clientId);
      return stored !== undefined && stored.at >= since;
    },
    async obtainSecret() {
      calls.obtainSecret++;
      return hooks.secret;
    },
    async storeSecret(clientId, secret) {
      local.secrets.set(clientId, { value: secret, at: new Date(clock).toISOString() });
      hooks.afterStoreSecret?.();
    },
    async sendEmail(draft) {
      calls.email.push(draft.body);
      return 'copied';
    },
    async openNotice(text) {
      calls.notice.push(text);
    },
    async signIn(clientId, workspace) {
      if (hooks.signInFails) return { ok: false, message: 'the browser sign-in timed out' };
      assert.equal(clientId, server.clientId, 'signs in with the rotated app');
      local.signedIn.push(workspace ?? 'acme-corp');
      return { ok: true, workspace: workspace ?? 'acme-corp', message: 'ok' };
    },
    observations: () => ['X-RateLimit-Remaining for GET /v1/* fell from 99 to 20 while this VS Code made 2 of those requests'],
    recentRequestIds: () => ['rid-probe-1', 'rid-probe-2'],
  };
  /** A new window after a crash: same globalState, fresh runner. */
  const reload = () => {
    kv.revive();
    return new IncidentRunner({ ...deps, store: new IncidentStore(kv) });
  };
  return { kv, server, local, audits, hooks, calls, deps, runner: new IncidentRunner(deps), reload, persisted: () => JSON.stringify(kv.get(INCIDENTS_KEY)) };
}

export function assertNoSecrets(text: string) {
  for (const secret of [OLD_SECRET, NEW_SECRET, ...TOKENS]) assert.ok(!text.includes(secret), `secret ${secret.slice(0, 12)}… found`);
}
