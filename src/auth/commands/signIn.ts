import * as vscode from 'vscode';
import { clientIdOf, resolveApp } from '../../apps/commandArgs';
import { AppRecord } from '../../apps/registry';
import { audit } from '../../audit/recorder';
import { Commands } from '../../commands/ids';
import { TRUST_REASONS, untrustedMessage } from '../../trust/trustedCommands';
import { readAuthConfig } from '../authConfig';
import { retireMarkedSessions } from '../orphanGrant';
import { english } from '../../common/l10n';
import { isSignInError, SignInError, signInError, SignInErrorResult } from '../errors';
import { planRedirect } from '../redirect';
import { redirectCandidates } from '../redirectCandidates';
import { generationResolver } from '../../clientFactory';
import { AuthServices } from '../services';
import { accountIdOf, accountLabel } from '../sessionArgs';
import { runSignIn } from '../signInFlow';
import { offerWaysBack, SIGN_IN_PENDING_CONTEXT } from './signInFallback';

/**
 * `Vendaze: Sign In` (palette, the tree's app node, the Accounts menu through the provider):
 * vendaze.signIn(clientId? | appNode?, { scopes?, workspace?, timeoutSeconds? }). Returns plain data, never a
 * token: `{ ok: true, sessionId, account, ... }` or a SignInErrorResult whose `kind` says what went wrong.
 */

export interface SignInOptions {
  scopes?: string[];
  workspace?: string;
  timeoutSeconds?: number;
  /** 'copyLink': put the consent-page link on the clipboard instead of opening a browser (the route after a timeout). */
  browser?: 'open' | 'copyLink';
}

export type SignInResult =
  | {
      ok: true;
      sessionId: string;
      account: { id: string; label: string };
      workspace: string;
      scopes: string[];
      expiresAt: string;
      redirectUri: string;
      replaced: boolean;
      warning?: string;
    }
  | SignInErrorResult;

export function signInCommand(svc: AuthServices) {
  return async (arg?: unknown, options: SignInOptions = {}): Promise<SignInResult | undefined> => {
    const app = await resolveApp(svc.apps, clientIdOf(arg), vscode.l10n.t('Sign in with which Vendaze app?'));
    const clientId = clientIdOf(arg);
    // resolveApp has already told the user about an unknown client_id: one notification per mistake, so this only
    // answers the caller.
    if (!app) return clientId ? signInError('unknown_app', (l10n) => l10n.t('No Vendaze app with client_id {0} in VS Code. Add it first.', clientId)).toResult() : undefined;
    return signInWithUi(svc, app, options);
  };
}

/** One sign-in with its notifications and progress; shared by the command and the authentication provider. */
export async function signInWithUi(svc: AuthServices, app: AppRecord, options: SignInOptions): Promise<SignInResult> {
  // The Accounts menu reaches this without the command's guard: Restricted Mode stops it here too.
  if (!vscode.workspace.isTrusted) return fail(signInError('untrusted', (l10n) => untrustedMessage(TRUST_REASONS[Commands.signIn]!, l10n)), svc);
  try {
    const { session, replaced, warning, redirectUri } = await signIn(svc, app, options);
    svc.active.id = session.id;
    void audit.record({ action: 'sign-in', outcome: 'ok', app: app.clientId, workspace: session.workspaceSlug, detail: `Signed in${replaced ? ' again (tokens replaced)' : ''}; scopes ${session.scopes.join(' ')}` });
    const label = accountLabel(session, app.appName);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Vendaze workspace {0} with {1}.', session.workspaceSlug, app.appName) + (warning ? ` ${warning}` : ''));
    return {
      ok: true,
      sessionId: session.id,
      account: { id: accountIdOf(session), label },
      workspace: session.workspaceSlug,
      scopes: session.scopes,
      expiresAt: session.expiresAt,
      redirectUri,
      replaced: replaced !== undefined,
      ...(warning ? { warning } : {}),
    };
  } catch (error) {
    if (!isSignInError(error)) throw error;
    void audit.record({ action: 'sign-in', outcome: error.kind === 'cancelled' ? 'cancelled' : 'failed', app: app.clientId, requestId: error.extra.requestId, detail: `${error.kind}: ${error.english}` });
    if (error.kind === 'timeout') return offerAfterTimeout(svc, error, app, options);
    return fail(error, svc);
  }
}

async function signIn(svc: AuthServices, app: AppRecord, options: SignInOptions) {
  const scopes = options.scopes?.length ? [...new Set(options.scopes)] : app.scopes;
  const unregistered = scopes.filter((s) => !app.scopes.includes(s));
  if (unregistered.length) {
    throw signInError('invalid_scopes', (l10n) =>
      l10n.t(
        '{0} is not registered for {1} (registered: {2}). Rotate the app with those scopes first, or sign in with fewer.',
        app.appName,
        unregistered.join(', '),
        app.scopes.join(' '),
      ),
    );
  }
  const clientSecret = await svc.apps.getSecret(app.clientId);
  if (!clientSecret) {
    throw signInError('missing_secret', (l10n) =>
      l10n.t("{0} has no client_secret stored in VS Code. Enter it (from the app's latest Vendaze email) in the Apps view, then sign in.", app.appName),
    );
  }
  const config = readAuthConfig();
  const candidates = await redirectCandidates(config, svc.extensionId);
  // Display language for the person; the same plan worded in English for the log and the audit record.
  const planned = planRedirect(config.redirectStrategy, candidates, app.redirectUris);
  const inEnglish = () => planRedirect(config.redirectStrategy, candidates, app.redirectUris, english);
  if (!planned.ok) {
    const worded = inEnglish();
    throw new SignInError(
      planned.reason === 'not_registered' ? 'redirect_not_registered' : 'redirect_unusable',
      planned.message,
      { redirectUri: planned.redirectUri, alternatives: planned.alternatives },
      { english: worded.ok ? planned.message : worded.message },
    );
  }
  if (planned.warning) {
    const worded = inEnglish();
    svc.log.warn((worded.ok && worded.warning) || planned.warning);
  }
  const client = svc.clientFor(app.apiBaseUrl || undefined);
  const timeoutMs = options.timeoutSeconds ? options.timeoutSeconds * 1000 : config.signInTimeoutMs;
  // Starting again (the user closed the tab, or picked another app) replaces the sign-in in progress, which
  // also frees the loopback port it holds.
  if (svc.current.controller) {
    svc.log.info('A new sign-in replaces the one in progress.');
    svc.current.controller.abort();
    await svc.current.done?.catch(() => undefined);
  }
  const controller = new AbortController();
  const run = Promise.resolve(vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Vendaze: signing in with {0}', app.appName), cancellable: true },
    async (progress, token) => {
      const subscription = token.onCancellationRequested(() => controller.abort());
      progress.report({ message: vscode.l10n.t('approve the request in your browser… (not coming back? Vendaze: Paste Sign-in URL)') });
      try {
        return await runSignIn(
          {
            attempts: svc.attempts,
            sessions: svc.sessions,
            client,
            openBrowser: async (url) => {
              if (options.browser !== 'copyLink') return vscode.env.openExternal(vscode.Uri.parse(url, true));
              await vscode.env.clipboard.writeText(url);
              return false;
            },
            onWaiting: (url, opened) => {
              if (svc.current.controller === controller) svc.current.link = url;
              offerWaysBack(opened ? 'opened' : options.browser === 'copyLink' ? 'copied' : 'not_opened');
            },
            onSecret: (secret) => svc.redactor.add(secret),
            log: svc.log,
            retireMarked: (clientId, workspace) => retireMarkedSessions(svc.revokeDeps, clientId, workspace),
            generation: async (signal) => {
              const resolver = generationResolver();
              return resolver ? resolver.ensure(client.baseUrl, signal) : { generation: client.generation, source: 'default' };
            },
          },
          { clientId: app.clientId, clientSecret, scopes, plan: planned.plan, timeoutMs, signal: controller.signal, workspace: options.workspace },
        );
      } finally {
        subscription.dispose();
      }
    },
  ));
  svc.current = { controller, done: run };
  void vscode.commands.executeCommand('setContext', SIGN_IN_PENDING_CONTEXT, true);
  try {
    return { ...(await run), redirectUri: planned.plan.redirectUri };
  } finally {
    if (svc.current.controller === controller) {
      svc.current = {};
      void vscode.commands.executeCommand('setContext', SIGN_IN_PENDING_CONTEXT, false);
    }
  }
}

// The label lives with the other session helpers (the Accounts menu needs it at start-up, this module loads lazily).
export { accountLabel };

/** After a timeout the ways back start a fresh sign-in (the timed-out one's state is dead): reopen, or copy the link. */
function offerAfterTimeout(svc: AuthServices, error: SignInError, app: AppRecord, options: SignInOptions): SignInErrorResult {
  svc.log.warn(`Sign-in failed (${error.kind}): ${error.english}`);
  const again = vscode.l10n.t('Sign In Again');
  const copy = vscode.l10n.t('Copy Sign-in Link Instead');
  void vscode.window
    .showErrorMessage(vscode.l10n.t('{0} If the browser cannot come back to VS Code, copy the sign-in link instead and paste the address it ends on.', error.message), again, copy)
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand(Commands.signIn, app.clientId, { ...options, browser: choice === copy ? 'copyLink' : 'open' });
    });
  return error.toResult();
}

/** Tells the user (without waiting: notifications never resolve in the test host) and returns the result. */
function fail(error: SignInError, svc?: AuthServices): SignInErrorResult {
  svc?.log.warn(`Sign-in failed (${error.kind}): ${error.english}${error.logDetail ? ` [${error.logDetail}]` : ''}`);
  if (error.kind === 'cancelled') return error.toResult();
  if (error.kind === 'redirect_not_registered' && error.extra.redirectUri) {
    const uri = error.extra.redirectUri;
    void vscode.window.showErrorMessage(error.message, vscode.l10n.t('Copy Redirect URI')).then((choice) => {
      if (choice) void vscode.env.clipboard.writeText(uri);
    });
  } else {
    void vscode.window.showErrorMessage(error.message);
  }
  return error.toResult();
}
