import { Commands, type CommandId } from '../commands/ids';
import { l10n as display, type Words } from '../common/l10n';

/**
 * Commands that send a secret (client_secret, code, tokens) or run something (a server, git) and so wait for
 * workspace trust, each with the sentence the user is shown: why it waits, worded whole per command so it
 * translates (docs/localization.md). Everything else (leak diagnostics, copying ids, viewing logs and payloads,
 * forgetting nothing) works in Restricted Mode. A command added later that sends a secret belongs here. Pure: each
 * reason takes the translator as a parameter named `l10n`, so every literal is an `l10n.t('…')` the test checks.
 */
export type TrustReason = (l10n: Words) => string;

export const TRUST_REASONS: Readonly<Partial<Record<CommandId, TrustReason>>> = {
  [Commands.signIn]: (l10n) => l10n.t("Vendaze waits until you trust this folder: signing in sends the app's client_secret and a sign-in code to Vendaze."),
  [Commands.signOut]: (l10n) => l10n.t('Vendaze waits until you trust this folder: signing out revokes tokens at Vendaze with the client_secret.'),
  [Commands.revokeToken]: (l10n) => l10n.t('Vendaze waits until you trust this folder: revoking sends the token and the client_secret to Vendaze.'),
  [Commands.copyAccessToken]: (l10n) => l10n.t('Vendaze waits until you trust this folder: copying may refresh the token first, which sends the client_secret to Vendaze.'),
  [Commands.refreshSession]: (l10n) => l10n.t('Vendaze waits until you trust this folder: refreshing sends the refresh token and the client_secret to Vendaze.'),
  [Commands.retryPendingRevokes]: (l10n) => l10n.t('Vendaze waits until you trust this folder: revoking sends tokens and the client_secret to Vendaze.'),
  [Commands.registerApp]: (l10n) => l10n.t('Vendaze waits until you trust this folder: registering calls the Vendaze API.'),
  [Commands.addExistingApp]: (l10n) => l10n.t("Vendaze waits until you trust this folder: adding an app stores a client_secret that this folder's sign-ins would then send."),
  [Commands.removeApp]: (l10n) => l10n.t("Vendaze waits until you trust this folder: removing an app first revokes its sessions' tokens at Vendaze."),
  [Commands.rotateApp]: (l10n) => l10n.t('Vendaze waits until you trust this folder: rotating sends the client_secret to Vendaze.'),
  [Commands.submitPayload]: (l10n) => l10n.t("Vendaze waits until you trust this folder: submitting sends this folder's payload, and the client_secret for a rotation, to Vendaze."),
  [Commands.rotateLeakedSecret]: (l10n) => l10n.t('Vendaze waits until you trust this folder: rotating sends the client_secret to Vendaze.'),
  [Commands.revokeLeakedTokens]: (l10n) => l10n.t('Vendaze waits until you trust this folder: revoking sends the token and the client_secret to Vendaze.'),
  [Commands.checkSecretLive]: (l10n) => l10n.t('Vendaze waits until you trust this folder: checking sends the found secret to Vendaze.'),
  [Commands.checkUsage]: (l10n) => l10n.t('Vendaze waits until you trust this folder: checking usage sends an access token to Vendaze.'),
  [Commands.incidentResponse]: (l10n) => l10n.t('Vendaze waits until you trust this folder: the incident response revokes and rotates at Vendaze.'),
  [Commands.startSandbox]: (l10n) => l10n.t('Vendaze waits until you trust this folder: the local sandbox starts a server and changes where Vendaze calls go.'),
  [Commands.scanWorkspace]: (l10n) => l10n.t('Vendaze waits until you trust this folder: the workspace scan runs git to honour .gitignore.'),
  [Commands.deleteApp]: (l10n) => l10n.t('Vendaze waits until you trust this folder: deleting an app sends its client_secret to Vendaze.'),
  [Commands.installPreCommitHook]: (l10n) => l10n.t('Vendaze waits until you trust this folder: installing a hook runs git and writes a program into this repository.'),
};

/** What a trust-only command returns in Restricted Mode (tests and callers branch on `kind`). */
export interface UntrustedResult {
  ok: false;
  kind: 'untrusted';
  message: string;
}

/** The whole Restricted Mode message: the command's own sentence, then what Restricted Mode is for (two sentences). */
export function untrustedMessage(reason: TrustReason, l10n: Words = display): string {
  return `${reason(l10n)} ${l10n.t('Restricted Mode protects you from a repository you have not checked; leak warnings in open files keep working.')}`;
}
