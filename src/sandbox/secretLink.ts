import { page } from './consent';
import type { SandboxContext } from './context';
import { escapeHtml, type Exchange } from './http';

/**
 * [L] secret delivery: GET /_sandbox/secret/<id> is the one-time link of an email. It shows the client_secret
 * once, within 15 minutes of sending; after that it answers 410 like a spent Vendaze link ("rotate the app").
 */
export function secretLink(ctx: SandboxContext, ex: Exchange, id: string): void {
  const message = ctx.state.mailbox.find((m) => m.secret_link?.endsWith(`/_sandbox/secret/${id}`));
  if (!message) return ex.html(404, page('Link not found', '<main><h1>Link not found</h1><p>No email carries this link.</p></main>'));
  const gone = (why: string) =>
    ex.html(410, page('Link no longer valid', `<main><h1>This link is no longer valid</h1><p>${escapeHtml(why)} Rotate the app to get a new client_secret.</p></main>`));
  if (message.link_opened_at) return gone('It was already opened once.');
  if (message.link_expires_at && Date.parse(message.link_expires_at) <= ctx.nowMs()) return gone('It expired 15 minutes after it was sent.');
  message.link_opened_at = ctx.nowIso();
  ctx.touch();
  ex.html(
    200,
    page(
      'Your client_secret',
      `<main><h1>client_secret for ${escapeHtml(message.client_id)}</h1><p>Shown once: copy it now into the Vendaze extension's prompt (or your secrets manager).</p><pre id="client_secret">${escapeHtml(message.client_secret)}</pre></main>`,
    ),
  );
}
