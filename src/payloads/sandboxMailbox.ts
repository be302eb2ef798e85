/**
 * The local sandbox's mailbox (`GET /_sandbox/mailbox`), read for the paste prompt after a register or rotate:
 * in the sandbox the "email" with the new client_secret lands there, and a user should not have to find it by hand.
 * No `vscode` import: plain HTTP to loopback, with the host's fetch (no proxy is involved on loopback).
 *
 * The mailbox answers JSON; its text is still treated as untrusted (bounded, control characters removed) because
 * the base URL comes from a setting. A message that carries a one-time link (API 2026-07) comes WITHOUT its secret
 * (the sandbox strips it), and nothing here ever requests the link: opening it spends it.
 */

export interface SandboxMail {
  subject: string;
  /** The email body, bounded and without control characters (newlines kept). */
  text: string;
  sentAt: string;
  /** API 2026-05: the secret itself, as the email carries it. */
  clientSecret?: string;
  /** API 2026-07: the one-time link the email carries instead (shown, never opened). */
  secretLink?: string;
  linkExpiresAt?: string;
}

const MAX_TEXT = 4000;
const MAX_FIELD = 500;

/** Only a sandbox on this machine: a real Vendaze (or anything else) is never probed for a mailbox. */
export function isLoopbackBaseUrl(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/** Whether `baseUrl` is a Vendaze sandbox (it answers /_sandbox/health), within `timeoutMs`. */
export async function isSandbox(baseUrl: string, timeoutMs = 1000): Promise<boolean> {
  if (!isLoopbackBaseUrl(baseUrl)) return false;
  try {
    const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/_sandbox/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** The newest mailbox message about `clientId`, or undefined (no sandbox, no message, or an answer we cannot read). */
export async function latestSandboxMail(baseUrl: string, clientId: string, timeoutMs = 3000): Promise<SandboxMail | undefined> {
  if (!isLoopbackBaseUrl(baseUrl)) return undefined;
  try {
    const url = `${baseUrl.replace(/\/+$/, '')}/_sandbox/mailbox?format=json&client_id=${encodeURIComponent(clientId)}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (response.status !== 200) {
      await response.body?.cancel();
      return undefined;
    }
    const body = (await response.json()) as { data?: unknown };
    const newest = Array.isArray(body.data) ? (body.data[0] as Record<string, unknown> | undefined) : undefined;
    return newest && typeof newest === 'object' ? toMail(newest) : undefined;
  } catch {
    return undefined;
  }
}

function toMail(message: Record<string, unknown>): SandboxMail {
  const str = (value: unknown, max: number) => (typeof value === 'string' ? clean(value.slice(0, max)) : undefined);
  return {
    subject: str(message.subject, MAX_FIELD) ?? '',
    text: str(message.text, MAX_TEXT) ?? '',
    sentAt: str(message.sent_at, MAX_FIELD) ?? '',
    clientSecret: str(message.client_secret, MAX_FIELD),
    secretLink: str(message.secret_link, MAX_FIELD),
    linkExpiresAt: str(message.link_expires_at, MAX_FIELD),
  };
}

/** Control characters out (bidi overrides included), newlines and tabs kept. Linear. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
