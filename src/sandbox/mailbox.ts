import { randomUUID } from 'node:crypto';
import { SECRET_LINK_TTL_SECONDS } from './generation';
import { randomToken } from './jwt';
import type { Mailbox, MailMessage } from './types';

/**
 * The emails the sandbox "sends": the only channel a client_secret ever travels through, exactly like Vendaze
 * (secrets are never in an API response). Stored inside the state so a persisted sandbox keeps them.
 */
export function composeCredentialsMail(input: {
  to: string;
  appName: string;
  clientId: string;
  clientSecret: string;
  kind: MailMessage['kind'];
  now: Date;
  /** [L]: deliver a one-time link (15 minutes, one view) instead of the secret itself. */
  link?: { baseUrl: string };
}): MailMessage {
  const link = input.link ? `${input.link.baseUrl}/_sandbox/secret/${randomToken(24)}` : undefined;
  const linkExpires = link ? new Date(input.now.getTime() + SECRET_LINK_TTL_SECONDS * 1000).toISOString() : undefined;
  const rotated = input.kind === 'rotated';
  const subject = rotated
    ? `New credentials for ${input.appName} (previous secret revoked)`
    : `Your Vendaze app ${input.appName} is registered`;
  const text = [
    rotated
      ? link
        ? `The client_secret of "${input.appName}" was rotated: the previous secret no longer works; the client_id is unchanged.`
        : `The credentials of "${input.appName}" were rotated. The previous client_id and client_secret no longer work.`
      : `Your app "${input.appName}" is registered with Vendaze (sandbox).`,
    '',
    `client_id:     ${input.clientId}`,
    ...(link
      ? [
          `client_secret: open this one-time link to see it: ${link}`,
          `The link works once and expires in 15 minutes (${linkExpires}). If you miss it, rotate the app.`,
        ]
      : [`client_secret: ${input.clientSecret}`]),
    '',
    'Store the client_secret in a secrets manager (in VS Code: the Vendaze extension keeps it in SecretStorage).',
    'It is never shown again: if you lose it, rotate the app.',
  ].join('\n');
  return {
    id: randomUUID(),
    to: input.to,
    subject,
    text,
    client_id: input.clientId,
    client_secret: input.clientSecret,
    kind: input.kind,
    sent_at: input.now.toISOString(),
    ...(link ? { secret_link: link, link_expires_at: linkExpires } : {}),
  };
}

export function mailboxView(messages: () => MailMessage[]): Mailbox {
  return {
    list: () => structuredClone(messages()),
    latestFor: (email) => {
      const lower = email.toLowerCase();
      const found = [...messages()].reverse().find((m) => m.to.toLowerCase() === lower);
      return found && structuredClone(found);
    },
    secretFor: (clientId) => [...messages()].reverse().find((m) => m.client_id === clientId)?.client_secret,
  };
}

/** One console-friendly block per email (the CLI prints it; tests read it through `log`). */
export function mailLogLines(message: MailMessage): string {
  return [`[mailbox] To: ${message.to}`, `[mailbox] Subject: ${message.subject}`, ...message.text.split('\n').map((l) => `[mailbox]   ${l}`)].join('\n');
}
