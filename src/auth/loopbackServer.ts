import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { allowedHostNames, parseRequestTarget, refusal } from '../common/httpGuard';
import { CallbackOutcome } from './attempts';
import { signInError } from './errors';

/**
 * The desktop fallback for the OAuth redirect: a one-shot HTTP listener on 127.0.0.1 (never 0.0.0.0, so nothing
 * on the network can reach it). It hands the query to `onCallback` (SignInAttempts.deliver), answers the browser
 * with a small page that contains no secret, and closes once a callback for a live attempt has been handled.
 */

export interface LoopbackServer {
  port: number;
  /** Resolves when the listener has closed (after use, or on close()). */
  closed: Promise<void>;
  close(): Promise<void>;
}

export interface LoopbackOptions {
  port: number;
  path: string;
  onCallback(params: URLSearchParams): CallbackOutcome;
  host?: string;
  /**
   * Host names served besides loopback (or URLs to take them from): the redirect URI `asExternalUri` gave this
   * window, e.g. code-server's `https://<its host>/proxy/<port>/callback`. Any other `Host` is refused.
   */
  allowedHosts?: readonly string[];
}

export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  let finished = false;
  const allowed = allowedHostNames(options.allowedHosts);
  const server: Server = createServer((req, res) => {
    const outcome = handle(req, res, options, allowed);
    // Close after the page is written: the live attempt got its answer (code or denial); stray hits keep it open.
    if (outcome?.ok && !finished) {
      finished = true;
      res.on('finish', () => void close());
    }
  });
  // Without this a keep-alive browser socket would hold close() open for the default 5 s.
  server.keepAliveTimeout = 1;
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        signInError(
          'loopback_unavailable',
          (l10n) =>
            error.code === 'EADDRINUSE'
              ? l10n.t(
                  'Port {0} on 127.0.0.1 is busy (a sign-in in another window, or another program). Finish that sign-in, or set vendaze.auth.loopbackPort to a free port and register the matching redirect URI.',
                  options.port,
                )
              : l10n.t('Could not listen on {0}:{1} for the sign-in callback: {2}.', host, options.port, error.message),
          {},
          { cause: error },
        ),
      );
    });
    server.listen(options.port, host, () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, closed, close };
}

function handle(req: IncomingMessage, res: ServerResponse, options: LoopbackOptions, allowed: ReadonlySet<string>): CallbackOutcome | undefined {
  // Malformed targets and foreign Host names (DNS rebinding) never reach the attempts (rules in httpGuard).
  const refused = refusal(req, allowed);
  const url = parseRequestTarget(req.url);
  if (refused || !url) {
    page(res, refused?.status ?? 400, 'Bad request', 'This address only receives the Vendaze sign-in redirect.');
    return undefined;
  }
  if (req.method !== 'GET') {
    page(res, 405, 'Method not allowed', 'This address only receives the Vendaze sign-in redirect.');
    return undefined;
  }
  if (url.pathname !== options.path) {
    page(res, 404, 'Not found', 'This address only receives the Vendaze sign-in redirect.');
    return undefined;
  }
  const outcome = options.onCallback(url.searchParams);
  if (outcome.ok && outcome.kind === 'code') {
    page(res, 200, 'Signed in to Vendaze', 'You can close this tab and return to VS Code.');
  } else if (outcome.ok) {
    page(res, 200, 'Sign-in denied', 'Authorization was denied, so VS Code received no tokens. You can close this tab.');
  } else {
    page(res, 400, 'Sign-in not completed', outcome.english); // the whole page is English
  }
  return outcome;
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // The URL holds the code: keep it out of caches and out of any Referer, and let the page load nothing.
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    Connection: 'close',
  });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
