import { Commands, type CommandId } from '../commands/ids';

/**
 * Commands that send a secret (client_secret, code, tokens) or run something (a server, git) and so wait for
 * workspace trust, each with the reason the user is shown. Everything else (leak diagnostics, copying ids,
 * viewing logs and payloads, forgetting nothing) works in Restricted Mode. A command added later that sends a
 * secret belongs here. Pure.
 */
export const TRUST_REASONS: Readonly<Partial<Record<CommandId, string>>> = {
  [Commands.signIn]: "signing in sends the app's client_secret and a sign-in code to Vendaze",
  [Commands.signOut]: 'signing out revokes tokens at Vendaze with the client_secret',
  [Commands.revokeToken]: 'revoking sends the token and the client_secret to Vendaze',
  [Commands.copyAccessToken]: 'copying may refresh the token first, which sends the client_secret to Vendaze',
  [Commands.refreshSession]: 'refreshing sends the refresh token and the client_secret to Vendaze',
  [Commands.retryPendingRevokes]: 'revoking sends tokens and the client_secret to Vendaze',
  [Commands.registerApp]: 'registering calls the Vendaze API',
  [Commands.addExistingApp]: "adding an app stores a client_secret that this folder's sign-ins would then send",
  [Commands.removeApp]: "removing an app first revokes its sessions' tokens at Vendaze",
  [Commands.rotateApp]: 'rotating sends the client_secret to Vendaze',
  [Commands.submitPayload]: "submitting sends this folder's payload, and the client_secret for a rotation, to Vendaze",
  [Commands.rotateLeakedSecret]: 'rotating sends the client_secret to Vendaze',
  [Commands.revokeLeakedTokens]: 'revoking sends the token and the client_secret to Vendaze',
  [Commands.checkSecretLive]: 'checking sends the found secret to Vendaze',
  [Commands.checkUsage]: 'checking usage sends an access token to Vendaze',
  [Commands.incidentResponse]: 'the incident response revokes and rotates at Vendaze',
  [Commands.startSandbox]: 'the local sandbox starts a server and changes where Vendaze calls go',
  [Commands.scanWorkspace]: 'the workspace scan runs git to honour .gitignore',
  [Commands.deleteApp]: "deleting an app sends its client_secret to Vendaze",
  [Commands.installPreCommitHook]: 'installing a hook runs git and writes a program into this repository',
};

/** What a trust-only command returns in Restricted Mode (tests and callers branch on `kind`). */
export interface UntrustedResult {
  ok: false;
  kind: 'untrusted';
  message: string;
}

export function untrustedMessage(reason: string): string {
  return `Vendaze waits until you trust this folder: ${reason}. Restricted Mode protects you from a repository you have not checked; leak warnings in open files keep working.`;
}
