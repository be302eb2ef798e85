import { SCOPE_DESCRIPTIONS, isScope } from '../schemas/scopes';
import { escapeHtml } from './http';
import type { AppRecord, PendingAuthorization, WorkspaceRecord } from './state';
import { consentText, type ConsentLanguage } from './consentText';

/**
 * The consent screen: app name and logo, ONE workspace to pick, the requested scopes (each approved
 * individually, [P]), Authorize / Deny. A plain HTML form POSTed back to /oauth/consent, so it works in any
 * browser and in tests without one. `autoSubmit` adds a script that presses Authorize (autoApprove: 'browser').
 * `language` follows the browser's Accept-Language (src/sandbox/consentText.ts).
 */
export function renderConsentPage(input: {
  app: AppRecord;
  pending: PendingAuthorization;
  workspaces: WorkspaceRecord[];
  autoSubmit: boolean;
  error?: string;
  language?: ConsentLanguage;
}): string {
  const { app, pending, workspaces } = input;
  const t = consentText(input.language ?? 'en');
  const redirectHost = safeHost(pending.redirect_uri);
  const workspaceInputs = workspaces
    .map(
      (w, i) => `
        <label class="choice"><input type="radio" name="workspace" value="${escapeHtml(w.slug)}"${i === 0 ? ' checked' : ''} required>
          <span><strong>${escapeHtml(w.name)}</strong> <code>${escapeHtml(w.slug)}</code></span></label>`,
    )
    .join('');
  const scopeInputs = pending.scopes
    .map(
      (s) => `
        <label class="choice"><input type="checkbox" name="scope" value="${escapeHtml(s)}" checked>
          <span><code>${escapeHtml(s)}</code> ${escapeHtml(isScope(s) ? (t.scopes ?? SCOPE_DESCRIPTIONS)[s] : '')}</span></label>`,
    )
    .join('');
  const avatar = app.avatar_url ? `<img class="avatar" src="${escapeHtml(app.avatar_url)}" alt="" width="64" height="64">` : '';
  const script = input.autoSubmit
    ? `<script>window.addEventListener('load', function () { document.getElementById('authorize').click(); });</script>`
    : '';
  return page(
    t.title(app.app_name),
    `
    <main>
      <p class="badge">${t.badge}</p>
      ${avatar}
      <h1>${t.heading(`<span id="app-name">${escapeHtml(app.app_name)}</span>`)}</h1>
      ${app.description ? `<p class="description">${escapeHtml(app.description)}</p>` : ''}
      ${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ''}
      <form method="post" action="/oauth/consent" id="consent">
        <input type="hidden" name="request" value="${escapeHtml(pending.id)}">
        <fieldset><legend>${t.chooseWorkspace}</legend>${workspaceInputs}</fieldset>
        <fieldset><legend>${t.permissions}</legend>${scopeInputs}</fieldset>
        <p class="redirect">${t.sentBackTo(escapeHtml(redirectHost))}</p>
        <div class="actions">
          <button type="submit" name="action" value="deny" id="deny">${t.deny}</button>
          <button type="submit" name="action" value="approve" id="authorize" class="primary">${t.authorize}</button>
        </div>
      </form>
    </main>${script}`,
    t.htmlLang,
  );
}

export function renderMessagePage(title: string, message: string, htmlLang = 'en'): string {
  return page(title, `<main><h1>${escapeHtml(title)}</h1><p class="error" role="alert">${escapeHtml(message)}</p></main>`, htmlLang);
}

export function page(title: string, body: string, htmlLang = 'en'): string {
  return `<!doctype html>
<html lang="${htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1c1e21; margin: 0; }
  main { max-width: 560px; margin: 40px auto; background: #fff; border-radius: 8px; padding: 24px 32px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-size: 1.3rem; }
  fieldset { border: 1px solid #dde; border-radius: 6px; margin: 16px 0; }
  .choice { display: flex; gap: 8px; align-items: baseline; padding: 4px 0; }
  .badge { font-size: .8rem; color: #666; }
  .error { color: #b00020; }
  .actions { display: flex; gap: 12px; justify-content: flex-end; }
  button { padding: 8px 20px; border-radius: 4px; border: 1px solid #999; background: #fff; cursor: pointer; }
  button.primary { background: #2d5be3; color: #fff; border-color: #2d5be3; }
  table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #eee; padding: 6px; text-align: left; vertical-align: top; }
  pre { white-space: pre-wrap; }
</style>
</head>
<body>${body}
</body>
</html>
`;
}

function safeHost(uri: string): string {
  try {
    return new URL(uri).host;
  } catch {
    return uri;
  }
}
