import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { allowedHostNames, parseRequestTarget, refusal } from '../common/httpGuard';
import { CallbackOutcome } from './attempts';
import { signInError } from './errors';
import { loopbackPage, type LoopbackPage } from './loopbackPage';

/**
 * The desktop fallback for the OAuth redirect: a one-shot HTTP listener on 127.0.0.1 (never 0.0.0.0, so nothing
 * on the network can reach it). It hands the query to `onCallback` (SignInAttempts.deliver), answers the browser
 * with a small page in the display language that contains no secret (src/auth/loopbackPage.ts), and closes once a
 * callback for a live attempt has been handled.
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
    send(res, { ...loopbackPage({ kind: 'bad_request' }), ...(refused ? { status: refused.status } : {}) });
    return undefined;
  }
  if (req.method !== 'GET') {
    send(res, loopbackPage({ kind: 'method_not_allowed' }));
    return undefined;
  }
  if (url.pathname !== options.path) {
    send(res, loopbackPage({ kind: 'not_found' }));
    return undefined;
  }
  const outcome = options.onCallback(url.searchParams);
  if (outcome.ok && outcome.kind === 'code') {
    send(res, loopbackPage({ kind: 'signed_in' }));
  } else if (outcome.ok) {
    // Only the error code picks our sentence; its description (anyone can craft the URL) never reaches the page.
    const error = url.searchParams.get('error') ?? '';
    send(res, loopbackPage(error === 'access_denied' ? { kind: 'denied' } : { kind: 'callback_error', error }));
  } else {
    send(res, loopbackPage({ kind: 'refused', message: outcome.message }));
  }
  return outcome;
}

function send(res: ServerResponse, { status, html }: LoopbackPage): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    // The URL holds the code: keep it out of caches and out of any Referer, and let the page load nothing.
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    Connection: 'close',
  });
  res.end(html);
}
