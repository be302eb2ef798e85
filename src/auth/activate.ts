import * as vscode from 'vscode';
import { onAnyResponse } from '../clientFactory';
import { Commands } from '../commands/ids';
import { lazyHandler } from '../commands/lazy';
import { PROVIDER_ID, PROVIDER_LABEL, VendazeAuthenticationProvider } from './provider';
import { RefreshScheduler } from './refreshScheduler';
import { attemptsModule, AuthInputs, AuthServices, createAuthServices } from './services';
import { retryPendingRevokes } from './signOut';
import { whenTrusted } from '../trust/requireTrust';
import { AuthStatusBar } from './statusBar';
import { AUTH_CALLBACK_PATH, UriEventHandler } from './uriHandler';

/** The command handlers (sign-in flow, pickers, revoke), required on the first auth command (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const handlers = () => require('./commands') as typeof import('./commands');

/**
 * Wires sign-in into VS Code: the URI handler, the `vendaze` authentication provider, the status bar, background
 * refresh, and the command handlers (returned for extension.ts to register with the others).
 */
export function activateAuth(context: vscode.ExtensionContext, inputs: AuthInputs) {
  const svc = createAuthServices(context, inputs);
  const log = svc.log;
  const statusBar = new AuthStatusBar(svc);
  const uriHandler = new UriEventHandler();
  const provider = new VendazeAuthenticationProvider(svc);
  // The MCP provider offers the active session: it hears when the Show Sessions pick changes it.
  const activeChanged = new vscode.EventEmitter<void>();

  context.subscriptions.push(
    activeChanged,
    statusBar,
    onAnyResponse((info) => statusBar.onResponse(info)),
    uriHandler,
    vscode.window.registerUriHandler(uriHandler),
    uriHandler.event((uri) => handleCallbackUri(svc, uri)),
    provider,
    vscode.authentication.registerAuthenticationProvider(PROVIDER_ID, PROVIDER_LABEL, provider, { supportsMultipleAccounts: true }),
    // Background refreshes send the client_secret: in Restricted Mode they start once the folder is trusted.
    whenTrusted(() => new RefreshScheduler(svc.sessions, svc.coordinator, log)),
    svc.coordinator.onDidEnd(offerSignInAgain(svc)),
    svc.coordinator.onRefreshOutcomeUnknown(({ session, retireAt }) =>
      log.warn(`Refresh of ${session.clientId}/${session.workspaceSlug} got no usable answer; it may have gone through, so its refresh token is not used again. The session keeps its access token until ${retireAt}, then asks for a new sign-in.`),
    ),
    svc.coordinator.onDidRefresh((s) => log.info(`Refreshed ${s.clientId}/${s.workspaceSlug}; the access token now expires ${s.expiresAt}.`)),
    { dispose: () => [...svc.disposables].forEach((d) => d.dispose()) },
  );

  // Revokes left pending by an earlier window (offline sign-out): try once, quietly (once trusted: they send secrets).
  context.subscriptions.push(
    whenTrusted(() => void retryPendingRevokes(svc.revokeDeps).catch((error: unknown) => log.warn(`Pending revokes not retried: ${String(error)}`))),
  );

  const commands = {
    [Commands.signIn]: lazyHandler(() => handlers().signInCommand(svc)),
    [Commands.signOut]: lazyHandler(() => handlers().signOutCommand(svc)),
    [Commands.revokeToken]: lazyHandler(() => handlers().revokeTokenCommand(svc)),
    [Commands.copyAccessToken]: lazyHandler(() => handlers().copyAccessTokenCommand(svc)),
    [Commands.refreshSession]: lazyHandler(() => handlers().refreshSessionCommand(svc)),
    [Commands.showSessions]: lazyHandler(() =>
      handlers().showSessionsCommand(svc, () => {
        void statusBar.update();
        activeChanged.fire();
      }),
    ),
    [Commands.retryPendingRevokes]: lazyHandler(() => handlers().retryPendingRevokesCommand(svc)),
    [Commands.copySignInLink]: lazyHandler(() => handlers().copySignInLinkCommand(svc)),
    [Commands.pasteSignInUrl]: lazyHandler(() => handlers().pasteSignInUrlCommand(svc)),
  };
  return { sessions: svc.sessions, coordinator: svc.coordinator, revokeDeps: svc.revokeDeps, commands, active: svc.active, onDidChangeActive: activeChanged.event };
}

/** A callback through the URI handler (code-server, Codespaces, a bounce page): same checks as the loopback. */
function handleCallbackUri(svc: AuthServices, uri: vscode.Uri): void {
  if (uri.path !== AUTH_CALLBACK_PATH) {
    svc.log.warn(`Ignored a URI for this extension with an unknown path: ${uri.path}`);
    return;
  }
  const outcome = svc.attempts.deliver(attemptsModule().callbackParams(uri.query));
  if (!outcome.ok) {
    svc.log.warn(`Sign-in callback refused (${outcome.kind}): ${outcome.english}`);
    void vscode.window.showWarningMessage(outcome.message);
  }
}

/** A session ended (invalid_grant, or retired after an unknown refresh): offer to sign in again, once per session. */
function offerSignInAgain(svc: AuthServices) {
  const offered = new Set<string>();
  return ({ session, reason }: { session: { id: string; clientId: string; workspaceSlug: string; scopes: string[] }; reason: string }) => {
    if (offered.has(session.id)) return;
    offered.add(session.id);
    const why = reason === 'invalid_grant' ? 'the refresh token was rejected (invalid_grant)' : 'its access token expired after a refresh with an unknown outcome';
    svc.log.warn(`Session ${session.clientId}/${session.workspaceSlug} ended: ${why}.`);
    const appName = svc.apps.get(session.clientId)?.appName ?? session.clientId;
    void vscode.window
      .showWarningMessage(vscode.l10n.t('Your Vendaze session for {0} ({1}) has ended. Sign in again to keep using it.', session.workspaceSlug, appName), vscode.l10n.t('Sign In'))
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand(Commands.signIn, session.clientId, { scopes: session.scopes, workspace: session.workspaceSlug });
      });
  };
}
