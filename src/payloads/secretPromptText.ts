import { generationRules, type ApiGeneration } from '../api/generation';
import { l10n } from '../common/l10n';
import type { SandboxMail } from './sandboxMailbox';

/**
 * What the paste prompt after a register or rotate says (no `vscode` import, so the unit tier checks it). Three
 * cases: the real Vendaze emails the secret ([P]) or a one-time link to it ([L]); the local sandbox puts that email
 * in its mailbox, which the prompt offers in one click. A one-time link is explained, never opened for the user:
 * opening it spends it.
 */

export interface PromptContext {
  rotated: boolean;
  email?: string;
  generation?: ApiGeneration;
  /** The app lives in a local Vendaze sandbox (its mailbox answers). */
  sandbox?: boolean;
}

function linkTtl(generation: ApiGeneration | undefined): number | undefined {
  const delivery = generation ? generationRules(generation).secretDelivery : undefined;
  return delivery?.kind === 'one-time-link' ? delivery.linkTtlMinutes : undefined;
}

export function pastePrompt(options: PromptContext): string {
  const to = options.email ?? l10n.t('the registered address');
  const secret = options.rotated ? l10n.t('new client_secret') : 'client_secret';
  const ttl = linkTtl(options.generation);
  const stored = l10n.t("Paste it here: it goes straight into VS Code's secret storage.");
  if (options.sandbox) {
    const real = ttl ? l10n.t('With the real Vendaze it comes by email to {0}, as a one-time link.', to) : l10n.t('With the real Vendaze it comes by email to {0}.', to);
    return ttl
      ? l10n.t('The local sandbox put the email with the {0} in its mailbox ({1}) Click the mail button to show it. It carries a one-time link: open it yourself in your browser within {2} minutes; it shows the secret once (VS Code never opens it for you). {3}', secret, real, ttl, stored)
      : l10n.t("The local sandbox put the {0} in its mailbox ({1}) Click the mail button to fill it in, or paste it. It goes straight into VS Code's secret storage.", secret, real);
  }
  if (ttl) {
    return l10n.t(
      "Vendaze emailed {0} a one-time link to the {1}. Open it in your browser within {2} minutes: it shows the secret once, then stops working (if it expired or was already opened, rotate the app again). Paste the secret here: it goes straight into VS Code's secret storage.",
      to,
      secret,
      ttl,
    );
  }
  return l10n.t('Vendaze emailed the {0} to {1}: an email naming the app with a "client_secret:" line. {2} Email lost? Rotate the app again: every rotation emails a new secret.', secret, to, stored);
}

export function pastePlaceholder(options: PromptContext): string {
  if (options.sandbox) return linkTtl(options.generation) ? l10n.t('Secret shown by the link in the sandbox email') : l10n.t('Click the mail button, or paste the client_secret');
  return linkTtl(options.generation) ? l10n.t('Secret shown once by the emailed link') : l10n.t('The value after "client_secret:" in the email');
}

/** After the mail button: what the sandbox email said, and what to do with it. */
export function mailShownPrompt(mail: SandboxMail, options: PromptContext): string {
  const real = l10n.t('With the real Vendaze this arrives by email to {0}.', options.email ?? l10n.t('the registered address'));
  if (mail.secretLink) {
    return mail.linkExpiresAt
      ? l10n.t('Sandbox email "{0}": its one-time link is {1} (until {2}). Open it yourself in your browser: it shows the secret once, then stops working (VS Code does not open it, that would spend it; if it expired or was opened, rotate the app again). Paste the secret here. {3}', mail.subject, mail.secretLink, mail.linkExpiresAt, real)
      : l10n.t('Sandbox email "{0}": its one-time link is {1}. Open it yourself in your browser: it shows the secret once, then stops working (VS Code does not open it, that would spend it; if it expired or was opened, rotate the app again). Paste the secret here. {2}', mail.subject, mail.secretLink, real);
  }
  return l10n.t('Filled from the sandbox email "{0}" (sent {1}). Press Enter to store it. {2}', mail.subject, mail.sentAt, real);
}

/** The mail button found nothing (no message about this app, or the sandbox stopped). */
export function noSandboxMail(): string {
  return l10n.t('No email about this app in the sandbox mailbox: is the sandbox still running? Paste the secret instead.');
}
