import type { AuditInput } from '../audit/entry';
import type { IncidentState, StepId, StepPlan, StepStatus } from './checklist';
import type { IncidentStore } from './store';
import type { EmailDraft } from './texts';

/** What the incident runner (runner.ts) and its steps (steps/*.ts) are given and return. */

export interface IncidentApp {
  clientId: string;
  appName: string;
  scopes: string[];
  email?: string;
}

export interface SessionRevoke {
  workspace: string;
  revoked: boolean;
  pending: boolean;
  message: string;
}

export interface RevokeReport {
  sessions: SessionRevoke[];
  /** Revokes of this app still queued (server unreachable) after the run. */
  stillPending: number;
  /** Revokes queued earlier (a failed attempt, an offline sign-out) that went through in this run. */
  queuedRevoked?: number;
}

/** A failed rotate-app call; `outcomeUnknown` when it may have reached Vendaze (timeout, dropped connection). */
export class RotationError extends Error {
  constructor(
    message: string,
    readonly outcomeUnknown: boolean,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

export interface IncidentDeps {
  store: IncidentStore;
  now(): Date;
  newId(): string;
  redact(text: string): string;
  audit(input: AuditInput): void;
  app(clientId: string): IncidentApp | undefined;
  /** Revokes every token held for the app, server-side; `onSession` after each session (saved at once). */
  revokeAll(clientId: string, onSession: (result: SessionRevoke) => Promise<void>): Promise<RevokeReport>;
  rotate(app: IncidentApp, scopes: string[]): Promise<{ clientId: string; requestId?: string }>;
  /** Registry and sessions follow the rotation (new client_id, dropped sessions on a scope change). Idempotent. */
  applyRotation(previousClientId: string, newClientId: string, scopes: string[], scopesChanged: boolean): Promise<void>;
  /** True when a client_secret was stored for the app at or after `since` (ISO). */
  secretStoredSince(clientId: string, since: string): boolean;
  obtainSecret(clientId: string, appName: string): Promise<string | undefined>;
  storeSecret(clientId: string, secret: string): Promise<void>;
  sendEmail(draft: EmailDraft): Promise<'opened' | 'copied' | 'none'>;
  openNotice(markdown: string): Promise<void>;
  signIn(clientId: string, workspace: string | undefined): Promise<{ ok: boolean; workspace?: string; message: string }>;
  /** What the usage monitor saw for the app (messages), newest first. */
  observations(clientId: string): string[];
  recentRequestIds(clientId: string): string[];
}

export interface StepOptions {
  /** Scopes for rotate-app; default the app's current ones (keeps sessions elsewhere alive). */
  scopes?: string[];
  /** The rotation already succeeded: rotate once more. Without it, a retry of a finished rotation asks first. */
  rotateAgain?: boolean;
  /** Answer to "the rotation's answer was lost: did the email with the new secret come?" */
  rotationOutcome?: { received: true; clientId?: string } | { received: false };
}

export interface StepResult {
  step: StepId;
  status: StepStatus;
  outcome: string;
  /** Set when the step did nothing because it needs an answer first (the UI asks and runs it again). */
  needs?: 'rotation-outcome' | 'confirm-rotate-again';
  plan: StepPlan['kind'];
  incident: IncidentState;
  /** The texts of the email / notice steps (no secrets). */
  email?: EmailDraft;
  notice?: string;
}
