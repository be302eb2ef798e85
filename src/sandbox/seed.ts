import type { Scope } from '../schemas/scopes';
import { createApp } from './apps';
import type { SandboxContext } from './context';
import { newPerson } from './resources';
import type { DemoApp } from './types';

/** The ready-to-use demo app the CLI prints, registered once (a persisted sandbox keeps it). */

export const DEMO_EMAIL = 'demo@example.com';
export const DEMO_APP_NAME = 'Vendaze Sandbox Demo';
/** The extension's default loopback callback, under both spellings a browser may use. */
export const DEMO_REDIRECT_URIS = ['http://127.0.0.1:53682/callback', 'http://localhost:53682/callback'];
export const DEMO_SCOPES: Scope[] = ['people:read', 'people:write', 'companies:read', 'companies:write', 'deals:read', 'deals:write'];

const DEMO_PEOPLE = [
  { full_name: 'Ana Lima', emails: [{ email: 'ana.lima@example.com', type: 'work' }], position: 'CTO' },
  { full_name: 'Bruno Costa', emails: [{ email: 'bruno@example.com', type: 'personal' }], position: 'Buyer' },
  { full_name: 'Carla Souza', phones: [{ phone: '+5511999990001', type: 'mobile' }] },
];

export function seedDemo(ctx: SandboxContext, extraRedirectUris: readonly string[] = []): DemoApp {
  const redirectUris = [...new Set([...DEMO_REDIRECT_URIS, ...extraRedirectUris])];
  let app = ctx.state.apps.find((a) => a.email === DEMO_EMAIL);
  if (!app) {
    const created = createApp(ctx, {
      app_name: DEMO_APP_NAME,
      email: DEMO_EMAIL,
      description: 'Demo app registered by the local sandbox. Its client_secret is in the sandbox mailbox.',
      redirect_uris: redirectUris,
      scopes: DEMO_SCOPES,
    });
    app = created.app;
    ctx.sendCredentials(app, created.secret, 'registered');
    for (const workspace of ctx.state.workspaces) {
      for (const person of DEMO_PEOPLE) ctx.state.people.push(newPerson(ctx, workspace.id, person, DEMO_APP_NAME));
    }
    ctx.touch();
  } else if (redirectUris.some((uri) => !app!.redirect_uris.includes(uri))) {
    // A persisted demo app from an earlier run, opened from another editor: it must accept this one's callback too.
    app.redirect_uris = [...new Set([...app.redirect_uris, ...redirectUris])];
    ctx.touch();
  }
  const secret = [...ctx.state.mailbox].reverse().find((m) => m.client_id === app.client_id)?.client_secret ?? '';
  return {
    client_id: app.client_id,
    client_secret: secret,
    email: app.email,
    app_name: app.app_name,
    redirect_uris: [...app.redirect_uris],
    scopes: [...app.scopes],
  };
}
