import { escapeHtml, parseBody, type Exchange } from './http';
import { page } from './consent';
import type { SandboxContext } from './context';

/** Sandbox-only endpoints under /_sandbox/: not part of Vendaze, for users and tests. */

export function health(ctx: SandboxContext, ex: Exchange): void {
  ex.json(200, {
    status: 'ok',
    base_url: ctx.baseUrl,
    apps: ctx.state.apps.length,
    workspaces: ctx.state.workspaces.map((w) => w.slug),
    persisted: Boolean(ctx.options.stateFile),
    auto_approve: ctx.autoApprove,
  });
}

/** JSON by default; HTML for a browser (Accept: text/html) or ?format=html. Filters: ?to=email, ?client_id=. */
export function mailbox(ctx: SandboxContext, ex: Exchange): void {
  const to = ex.url.searchParams.get('to')?.toLowerCase();
  const clientId = ex.url.searchParams.get('client_id');
  const messages = ctx.state.mailbox
    .filter((m) => !to || m.to.toLowerCase() === to)
    .filter((m) => !clientId || m.client_id === clientId)
    .slice()
    .reverse()
    // [L]: the email carries a one-time link; the secret behind it is shown once, on the link's own page.
    .map((m) => (m.secret_link ? { ...m, client_secret: undefined } : m));
  const format = ex.url.searchParams.get('format');
  const wantsHtml = format === 'html' || (format !== 'json' && (ex.header('accept') ?? '').includes('text/html'));
  if (!wantsHtml) return ex.json(200, { data: messages });
  const rows = messages
    .map(
      (m) => `<tr><td>${escapeHtml(m.sent_at)}</td><td>${escapeHtml(m.to)}</td><td><strong>${escapeHtml(m.subject)}</strong><pre>${escapeHtml(m.text)}</pre></td></tr>`,
    )
    .join('');
  ex.html(
    200,
    page(
      'Vendaze sandbox mailbox',
      `<main><h1>Sandbox mailbox</h1><p>Emails the sandbox "sent" (newest first). Secrets appear only here, as Vendaze sends them only by email.</p>
      <table><thead><tr><th>Sent</th><th>To</th><th>Message</th></tr></thead><tbody>${rows || '<tr><td colspan="3">No email yet.</td></tr>'}</tbody></table></main>`,
    ),
  );
}

export function getFaults(ctx: SandboxContext, ex: Exchange): void {
  ex.json(200, { data: ctx.faults, auto_approve: ctx.autoApprove });
}

/** POST a partial faults object; `auto_approve` (false | true | "browser") may ride along. */
export async function postFaults(ctx: SandboxContext, ex: Exchange): Promise<void> {
  const body = await parseBody(ex, false);
  if (!body.ok) return ex.error('bad_request', body.message);
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) {
    return ex.error('bad_request', 'Send a JSON object of faults, e.g. {"fail500Next": 2}.');
  }
  const { auto_approve: autoApprove, ...patch } = body.value as Record<string, unknown>;
  if (autoApprove !== undefined && autoApprove !== true && autoApprove !== false && autoApprove !== 'browser') {
    return ex.error('validation_error', 'Validation failed.', { fields: { auto_approve: 'auto_approve must be true, false or "browser".' } });
  }
  try {
    ctx.setFaults(patch);
  } catch (error) {
    return ex.error('validation_error', 'Validation failed.', { fields: { faults: (error as Error).message } });
  }
  if (autoApprove !== undefined) ctx.autoApprove = autoApprove as boolean | 'browser';
  ex.json(200, { data: ctx.faults, auto_approve: ctx.autoApprove });
}
