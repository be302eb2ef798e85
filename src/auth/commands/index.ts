/**
 * The sign-in commands' handlers, one lazy bundle (dist/lazy-auth-commands-index.js) required on the first auth
 * command or when VS Code asks the provider to create or remove a session (src/auth/activate.ts, provider.ts).
 */
export { copyAccessTokenCommand } from './copyAccessToken';
export { refreshSessionCommand } from './refreshSession';
export { revokeTokenCommand } from './revokeToken';
export { showSessionsCommand } from './showSessions';
export { signInCommand, signInWithUi } from './signIn';
export { copySignInLinkCommand, pasteSignInUrlCommand } from './signInFallback';
export { retryPendingRevokesCommand, signOutCommand, signOutWithUi } from './signOut';
