import * as vscode from 'vscode';
import { DEFAULT_LOOPBACK_PORT, RedirectStrategy } from './redirect';

/** The vendaze.auth.* settings, read on every use so a change applies to the next sign-in. */
export interface AuthConfig {
  redirectStrategy: RedirectStrategy;
  loopbackPort: number;
  redirectBounceUrl?: string;
  signInTimeoutMs: number;
}

const STRATEGIES: readonly RedirectStrategy[] = ['auto', 'loopback', 'uriHandler', 'bounce'];

export function readAuthConfig(): AuthConfig {
  const config = vscode.workspace.getConfiguration('vendaze.auth');
  const strategy = config.get<string>('redirectStrategy', 'auto');
  const port = config.get<number>('loopbackPort', DEFAULT_LOOPBACK_PORT);
  const bounce = config.get<string>('redirectBounceUrl', '').trim();
  return {
    redirectStrategy: STRATEGIES.includes(strategy as RedirectStrategy) ? (strategy as RedirectStrategy) : 'auto',
    loopbackPort: Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_LOOPBACK_PORT,
    redirectBounceUrl: bounce || undefined,
    signInTimeoutMs: Math.max(10, config.get<number>('signInTimeoutSeconds', 300)) * 1000,
  };
}
