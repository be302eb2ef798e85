import * as vscode from 'vscode';
import type { VendazeClient } from '../api/client';
import type { ResponseListener } from '../api/transport';
import { AppRegistry } from '../apps/registry';
import { createVendazeClient, generationResolver } from '../clientFactory';
import { Logger } from '../common/logger';
import { SecretRedactor } from '../common/redact';
import type { SignInAttempts } from './attempts';
import { retireSession } from './orphanGrant';
import { PendingRevokes } from './pendingRevokes';
import { RefreshCoordinator } from './refreshCoordinator';
import { makeRefreshFn } from './refreshFn';
import { SessionStore } from './sessionStore';
import { RevokeDeps } from './signOut';

/**
 * Everything the sign-in commands, the provider and the status bar share, built once at activation. Every store
 * sits on context.secrets, and every secret they touch is taught to the log redactor.
 */
export interface AuthServices {
  log: Logger;
  redactor: SecretRedactor;
  apps: AppRegistry;
  sessions: SessionStore;
  coordinator: RefreshCoordinator;
  attempts: SignInAttempts;
  pending: PendingRevokes;
  revokeDeps: RevokeDeps;
  /** publisher.name, for the URI handler address. */
  extensionId: string;
  /** A client for `baseUrl` (a session's or app's API), else for vendaze.apiBaseUrl. */
  clientFor(baseUrl?: string): VendazeClient;
  /** The session the status bar shows; changed by the session quick pick and by each sign-in. */
  active: { id?: string };
  /** The sign-in in progress in this window, if any (a new one cancels it: one listener, one browser tab). */
  current: { controller?: AbortController; done?: Promise<unknown>; link?: string };
  /** Short-lived work commands start (a pending clipboard clear), disposed with the extension. */
  disposables: Set<vscode.Disposable>;
}

export interface AuthInputs {
  log: Logger;
  redactor: SecretRedactor;
  apps: AppRegistry;
  /** The composition root's store (shared with the Apps tree). */
  sessions: SessionStore;
  onResponse?: ResponseListener;
}

/** Sign-in attempts (the callback checks), required on the first sign-in or callback (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
export const attemptsModule = () => require('./attempts') as typeof import('./attempts');

export function createAuthServices(context: vscode.ExtensionContext, { log, redactor, apps, sessions, onResponse }: AuthInputs): AuthServices {
  const learn = (secret: string) => redactor.add(secret);
  const clientFor = (baseUrl?: string) => createVendazeClient(log, onResponse, baseUrl ? { baseUrl } : undefined);
  const getSecret = (clientId: string) => apps.getSecret(clientId);
  const pending = new PendingRevokes(context.secrets, learn);
  const revokeDeps: RevokeDeps = {
    sessions,
    pending,
    getSecret,
    clientFor,
    log,
    generationFor: (baseUrl) => generationResolver()?.current(baseUrl).generation ?? '2026-05',
    learnGeneration: (baseUrl, generation, signal) => generationResolver()?.learn(baseUrl, generation, signal) ?? Promise.resolve(),
    ensureFresh: (id) => coordinator.ensureFresh(id),
  };
  const coordinator = new RefreshCoordinator(sessions, context.secrets, makeRefreshFn(getSecret, clientFor), {
    retire: (session) => retireSession(revokeDeps, session, 'its access token is about to expire'),
  });
  let attempts: SignInAttempts | undefined;
  return {
    log,
    redactor,
    apps,
    sessions,
    coordinator,
    get attempts() {
      return (attempts ??= new (attemptsModule().SignInAttempts)());
    },
    pending,
    revokeDeps,
    extensionId: context.extension.id,
    clientFor,
    active: {},
    current: {},
    disposables: new Set(),
  };
}
