import { generationRules, type ApiGeneration } from '../api/generation';
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
  const to = options.email ?? 'the registered address';
  const secret = `${options.rotated ? 'new ' : ''}client_secret`;
  const ttl = linkTtl(options.generation);
  const stored = "Paste it here: it goes straight into VS Code's secret storage.";
  if (options.sandbox) {
    const real = `With the real Vendaze it comes by email to ${to}${ttl ? ', as a one-time link' : ''}.`;
    return ttl
      ? `The local sandbox put the email with the ${secret} in its mailbox (${real}) Click the mail button to show it. It carries a one-time link: open it yourself in your browser within ${ttl} minutes; it shows the secret once (VS Code never opens it for you). ${stored}`
      : `The local sandbox put the ${secret} in its mailbox (${real}) Click the mail button to fill it in, or paste it. It goes straight into VS Code's secret storage.`;
  }
  if (ttl) {
    return (
      `Vendaze emailed ${to} a one-time link to the ${secret}. Open it in your browser within ${ttl} minutes: ` +
      `it shows the secret once, then stops working (if it expired or was already opened, rotate the app again). Paste the secret here: it goes straight into VS Code's secret storage.`
    );
  }
  return `Vendaze emailed the ${secret} to ${to}: an email naming the app with a "client_secret:" line. ${stored} Email lost? Rotate the app again: every rotation emails a new secret.`;
}

export function pastePlaceholder(options: PromptContext): string {
  if (options.sandbox) return linkTtl(options.generation) ? 'Secret shown by the link in the sandbox email' : 'Click the mail button, or paste the client_secret';
  return linkTtl(options.generation) ? 'Secret shown once by the emailed link' : 'The value after "client_secret:" in the email';
}

/** After the mail button: what the sandbox email said, and what to do with it. */
export function mailShownPrompt(mail: SandboxMail, options: PromptContext): string {
  const real = `With the real Vendaze this arrives by email to ${options.email ?? 'the registered address'}.`;
  if (mail.secretLink) {
    const until = mail.linkExpiresAt ? ` (until ${mail.linkExpiresAt})` : '';
    return (
      `Sandbox email "${mail.subject}": its one-time link is ${mail.secretLink}${until}. Open it yourself in your browser: it shows the secret once, then stops working ` +
      `(VS Code does not open it, that would spend it; if it expired or was opened, rotate the app again). Paste the secret here. ${real}`
    );
  }
  return `Filled from the sandbox email "${mail.subject}" (sent ${mail.sentAt}). Press Enter to store it. ${real}`;
}

/** The mail button found nothing (no message about this app, or the sandbox stopped). */
export const NO_SANDBOX_MAIL = 'No email about this app in the sandbox mailbox: is the sandbox still running? Paste the secret instead.';
