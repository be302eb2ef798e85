import { allowedHostNames, originAllowed } from '../common/httpGuard';
import { CODE_CHALLENGE_PATTERN } from '../schemas/oauth';
import { ERROR_MESSAGES } from '../schemas/errors';
import { isScope, splitScopeParam } from '../schemas/scopes';
import { renderConsentPage, renderMessagePage } from './consent';
import { consentLanguage, consentText } from './consentText';
import type { SandboxContext } from './context';
import { readBody, type Exchange } from './http';
import { randomToken, sha256 } from './jwt';
import { appByClientId, type PendingAuthorization, type WorkspaceRecord } from './state';

/**
 * GET /oauth/authorize ([P]: scope, state and PKCE S256 all required), then the consent page
 * (GET/POST /oauth/consent) which sends the browser back to the redirect_uri with code+state or
 * error=access_denied+state.
 */
export function authorize(ctx: SandboxContext, ex: Exchange): void {
  const q = ex.url.searchParams;
  const param = (name: string) => q.get(name) ?? '';
  const missing = (name: string) => ex.error('invalid_request', ERROR_MESSAGES.missingParameter(name));

  if (!param('client_id')) return missing('client_id');
  const app = appByClientId(ctx.state, param('client_id'));
  if (!app) return ex.error('invalid_client', ERROR_MESSAGES.invalidClient);
  if (!param('redirect_uri')) return missing('redirect_uri');
  // Exact string match: no normalisation, no prefix match, no port leniency.
  if (!app.redirect_uris.includes(param('redirect_uri'))) return ex.error('invalid_request', ERROR_MESSAGES.redirectUriMismatch);
  if (!param('response_type')) return missing('response_type');
  if (param('response_type') !== 'code') return ex.error('unsupported_response_type', ERROR_MESSAGES.unsupportedResponseType);
  let scopes: string[];
  if (ctx.isLatest) {
    // [L]: scopes come from the registration, PKCE runs inside Vendaze, state is optional.
    const extras = ['scope', 'code_challenge', 'code_challenge_method'].filter((name) => q.has(name));
    if (extras.length && ctx.latest.extraParams === 'refuse') {
      return ex.error('invalid_request', `${extras.join(', ')} not accepted: scopes come from the registration and Vendaze runs PKCE itself.`);
    }
    scopes = [...app.scopes];
  } else {
    const checked = pkceEraScopes(ex, app.scopes, param);
    if (!checked) return;
    scopes = checked;
  }

  const pending: PendingAuthorization = {
    id: randomToken(24),
    app_id: app.id,
    client_id: app.client_id,
    redirect_uri: param('redirect_uri'),
    scopes,
    state: param('state'),
    code_challenge: ctx.isLatest ? '' : param('code_challenge'),
    expires_at: ctx.nowSeconds() + ctx.faults.consentTtlSeconds,
  };
  if (ctx.autoApprove === true) {
    const workspace = ctx.state.workspaces[0];
    if (!workspace) return ex.error('internal_error', 'The sandbox has no workspace.');
    return ex.redirect(approve(ctx, pending, workspace, scopes));
  }
  ctx.state.pending.push(pending);
  ctx.touch();
  ex.redirect(`${ctx.baseUrl}/oauth/consent?request=${encodeURIComponent(pending.id)}`);
}

export function consentPage(ctx: SandboxContext, ex: Exchange): void {
  // The pages a person reads follow the browser's language; the API's JSON errors stay English.
  const language = consentLanguage(ex.header('accept-language'));
  const t = consentText(language);
  const pending = findPending(ctx, ex.url.searchParams.get('request') ?? '');
  if (!pending.ok) return ex.html(400, renderMessagePage(t.requestNotFound, pending.message, t.htmlLang));
  const app = ctx.state.apps.find((a) => a.id === pending.value.app_id);
  if (!app) return ex.html(400, renderMessagePage(t.requestNotFound, t.appGone, t.htmlLang));
  ex.html(200, renderConsentPage({ app, pending: pending.value, workspaces: ctx.state.workspaces, autoSubmit: ctx.autoApprove === 'browser', language }));
}

export async function consentAnswer(ctx: SandboxContext, ex: Exchange): Promise<void> {
  // A cross-site form POST (another web page pressing Authorize for the user) carries that page's Origin.
  const language = consentLanguage(ex.header('accept-language'));
  const t = consentText(language);
  if (!originAllowed(ex.header('origin'), ex.header('host'), allowedHostNames(ctx.options.allowedHosts))) {
    ex.req.resume();
    return ex.html(403, renderMessagePage(t.forbidden, t.crossSite, t.htmlLang));
  }
  const body = await readBody(ex.req);
  if (!body.ok) return ex.html(400, renderMessagePage(t.badRequest, body.message, t.htmlLang));
  const form = new URLSearchParams(body.text);
  const pending = findPending(ctx, form.get('request') ?? '');
  if (!pending.ok) return ex.html(400, renderMessagePage(t.requestNotFound, pending.message, t.htmlLang));
  const request = pending.value;
  const app = ctx.state.apps.find((a) => a.id === request.app_id);
  if (!app) return ex.html(400, renderMessagePage(t.requestNotFound, t.appGone, t.htmlLang));
  const action = form.get('action');
  if (action === 'deny') {
    consume(ctx, request);
    return ex.redirect(withParams(request.redirect_uri, request.state ? { error: 'access_denied', state: request.state } : { error: 'access_denied' }));
  }
  const rerender = (error: string) =>
    ex.html(400, renderConsentPage({ app, pending: request, workspaces: ctx.state.workspaces, autoSubmit: false, error, language }));
  if (action !== 'approve') return rerender(t.pressAuthorizeOrDeny);
  const workspace = ctx.state.workspaces.find((w) => w.slug === form.get('workspace'));
  if (!workspace) return rerender(t.chooseWorkspaceError);
  // [L] consent is all-or-nothing: every registered scope, whatever boxes the page showed.
  const granted = ctx.isLatest ? request.scopes : form.getAll('scope').filter((s) => request.scopes.includes(s));
  if (granted.length === 0) return rerender(t.keepOnePermission);
  consume(ctx, request);
  ex.redirect(approve(ctx, request, workspace, [...new Set(granted)]));
}

/** Issues the authorization code and returns the redirect back to the client. */
function approve(ctx: SandboxContext, pending: PendingAuthorization, workspace: WorkspaceRecord, scopes: string[]): string {
  const code = randomToken(32);
  ctx.state.codes.push({
    code_hash: sha256(code),
    app_id: pending.app_id,
    redirect_uri: pending.redirect_uri,
    code_challenge: pending.code_challenge,
    scopes,
    workspace_id: workspace.id,
    expires_at: ctx.nowSeconds() + ctx.faults.codeTtlSeconds,
    used: false,
  });
  ctx.touch();
  return withParams(pending.redirect_uri, pending.state ? { code, state: pending.state } : { code });
}

function findPending(ctx: SandboxContext, id: string): { ok: true; value: PendingAuthorization } | { ok: false; message: string } {
  const pending = ctx.state.pending.find((p) => p.id === id);
  if (!pending) return { ok: false, message: 'This authorization request does not exist or was already answered. Start the sign-in again.' };
  if (pending.expires_at <= ctx.nowSeconds()) return { ok: false, message: 'This authorization request expired. Start the sign-in again.' };
  return { ok: true, value: pending };
}

function consume(ctx: SandboxContext, pending: PendingAuthorization): void {
  ctx.state.pending = ctx.state.pending.filter((p) => p.id !== pending.id);
  ctx.touch();
}

/** Appends params to a registered redirect URI, keeping any query it already has. */
function withParams(uri: string, params: Record<string, string>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}


/** [P]: scope, state and an S256 challenge are all required; answers the error itself and returns undefined. */
function pkceEraScopes(ex: Exchange, registered: readonly string[], param: (name: string) => string): string[] | undefined {
  const missing = (name: string) => ex.error('invalid_request', ERROR_MESSAGES.missingParameter(name));
  if (!param('scope').trim()) return void missing('scope');
  const scopes = [...new Set(splitScopeParam(param('scope')))];
  const unknown = scopes.filter((s) => !isScope(s));
  if (unknown.length) return void ex.error('invalid_request', `Unknown scope(s): ${unknown.join(', ')}.`);
  const unregistered = scopes.filter((s) => !registered.includes(s));
  if (unregistered.length) {
    return void ex.error('invalid_request', `scope includes scope(s) not registered for this app: ${unregistered.join(', ')}. Registered: ${registered.join(' ')}.`);
  }
  if (!param('state')) return void missing('state');
  if (!param('code_challenge')) return void missing('code_challenge');
  if (!param('code_challenge_method')) return void missing('code_challenge_method');
  if (param('code_challenge_method') !== 'S256') {
    return void ex.error('invalid_request', 'code_challenge_method must be "S256"; "plain" and other methods are not accepted.');
  }
  if (!new RegExp(CODE_CHALLENGE_PATTERN).test(param('code_challenge'))) {
    return void ex.error('invalid_request', 'code_challenge must be BASE64URL(SHA256(code_verifier)): 43 characters, no padding.');
  }
  return scopes;
}
