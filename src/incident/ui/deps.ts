import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { VendazeApiError } from '../../api/errors';
import { generationRules, SCOPES_FIXED_REASON } from '../../api/generation';
import type { AppRegistry } from '../../apps/registry';
import { audit } from '../../audit/recorder';
import type { SessionStore } from '../../auth/sessionStore';
import { retryPendingRevokes, signOutSession, type RevokeDeps } from '../../auth/signOut';
import { createVendazeClient } from '../../clientFactory';
import type { Logger } from '../../common/logger';
import type { SecretRedactor } from '../../common/redact';
import { Commands } from '../../commands/ids';
import { obtainEmailedSecret, type SecretSource } from '../../payloads/editor/secretPrompt';
import { schemas } from '../../schemas/lazy';
import { diffLists } from '../../payloads/preview';
import { withUsageContext } from '../../usage/context';
import type { UsageMonitor } from '../../usage/monitor';
import { IncidentDeps, RotationError, SessionRevoke } from '../runner';
import type { IncidentStore } from '../store';
import type { EmailDraft } from '../texts';

/** What the incident feature is built from (the composition root's services). */
export interface IncidentServices {
  apps: AppRegistry;
  sessions: SessionStore;
  revokeDeps: RevokeDeps;
  monitor: UsageMonitor;
  redactor: SecretRedactor;
  log: Logger;
  store: IncidentStore;
}

/** Answers a caller (test, automation) gives instead of the prompts. */
export interface IncidentAnswers {
  /** The new client_secret from the email (or a function of the new client_id); otherwise a password input. */
  clientSecret?: SecretSource;
  /** 'open' the mail app, 'copy' the report, 'none'; otherwise a quick pick. */
  mail?: 'open' | 'copy' | 'none';
  signIn?: { timeoutSeconds?: number };
}

type SignInAnswer = { ok: boolean; workspace?: string; message?: string } | undefined;

/** IncidentDeps over the real services: every side effect of the checklist lives here, each one small. */
export function incidentDeps(svc: IncidentServices, answers: IncidentAnswers): IncidentDeps {
  return {
    store: svc.store,
    now: () => new Date(),
    newId: () => randomUUID(),
    redact: (text) => svc.redactor.redact(text),
    audit: (input) => void audit.record(input),
    app: (clientId) => {
      const app = svc.apps.get(clientId);
      return app && { clientId: app.clientId, appName: app.appName, scopes: app.scopes, email: app.email };
    },

    async revokeAll(clientId, onSession) {
      const sessions: SessionRevoke[] = [];
      for (const session of await svc.sessions.listForApp(clientId)) {
        // Marked first: the 401s that follow a revocation are ours, not a sign of theft.
        svc.monitor.markRevoked(session.id);
        const result = await withUsageContext({ clientId, sessionId: session.id, workspace: session.workspaceSlug }, () => signOutSession(svc.revokeDeps, session.id));
        const one = { workspace: session.workspaceSlug, revoked: result.revoked, pending: result.pending, message: result.message };
        sessions.push(one);
        await onSession(one);
      }
      // Revokes queued for this app (an earlier attempt, an offline sign-out, or one just above): try them now.
      const queued = async () => (await svc.revokeDeps.pending.list()).filter((p) => p.clientId === clientId);
      const before = await queued();
      if (!before.length) return { sessions, stillPending: 0 };
      await withUsageContext({ clientId }, () => retryPendingRevokes(svc.revokeDeps));
      const after = await queued();
      for (const one of sessions) {
        if (one.pending && !after.some((p) => p.workspaceSlug === one.workspace)) Object.assign(one, { revoked: true, pending: false, message: 'revoked on the retry' });
      }
      const ours = sessions.filter((s) => s.message === 'revoked on the retry').length;
      return { sessions, stillPending: after.length, queuedRevoked: before.length - after.length - ours };
    },

    async rotate(app, scopes) {
      const record = svc.apps.get(app.clientId);
      if (!record) throw new RotationError(`The app ${app.clientId} is no longer in VS Code.`, false);
      const client = createVendazeClient(svc.log, undefined, record.apiBaseUrl ? { baseUrl: record.apiBaseUrl } : {});
      if (!generationRules(client.generation).rotate.scopesMutable) {
        // API 2026-07: ownership by the registered email; scopes are fixed, so a changed list is refused here.
        if (diffLists(record.scopes, scopes).changed) throw new RotationError(SCOPES_FIXED_REASON, false);
        if (!record.email) throw new RotationError('This API proves ownership with the registration email, which VS Code does not know for this app: run "Vendaze: Rotate App" once (it asks for it), then retry.', false);
        try {
          const sent = await withUsageContext({ clientId: record.clientId }, () => client.rotateApp({ client_id: record.clientId, email: record.email! }));
          return { clientId: sent.data.client_id, requestId: sent.requestId };
        } catch (error) {
          if (error instanceof VendazeApiError) throw new RotationError(error.userMessage(), error.outcomeUnknown, error.requestId);
          throw error;
        }
      }
      const body = schemas().RotateAppRequestSchema.safeParse({
        client_id: record.clientId,
        app_name: record.appName,
        redirect_uris: record.redirectUris,
        scopes,
        ...(record.description ? { description: record.description } : {}),
        ...(record.avatarUrl ? { avatar_url: record.avatarUrl } : {}),
      });
      if (!body.success) {
        const problems = body.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
        throw new RotationError(`The app's stored values do not make a valid rotate-app request (${problems}). Fix them with "Vendaze: Rotate App" (payload editor), then retry.`, false);
      }
      try {
        const sent = await withUsageContext({ clientId: record.clientId }, () => client.rotateApp(body.data));
        return { clientId: sent.data.client_id, requestId: sent.requestId };
      } catch (error) {
        if (error instanceof VendazeApiError) throw new RotationError(error.userMessage(), error.outcomeUnknown, error.requestId);
        throw error;
      }
    },

    async applyRotation(previous, next, scopes, scopesChanged) {
      const record = svc.apps.get(previous) ?? svc.apps.get(next);
      if (!record) return;
      if (svc.apps.get(previous)) {
        await svc.apps.replaceAfterRotation(previous, {
          clientId: next,
          appName: record.appName,
          email: record.email,
          description: record.description,
          avatarUrl: record.avatarUrl,
          redirectUris: record.redirectUris,
          scopes,
          apiBaseUrl: record.apiBaseUrl,
        });
      }
      await svc.sessions.followRotation(previous, next, scopesChanged);
      svc.monitor.renameApp(previous, next);
    },

    secretStoredSince: (clientId, since) => {
      const at = svc.apps.get(clientId)?.secretStoredAt;
      return at !== undefined && at >= since;
    },

    obtainSecret: (clientId, appName) =>
      obtainEmailedSecret({ clientId, appName, email: svc.apps.get(clientId)?.email, rotated: true, given: answers.clientSecret, generation: createVendazeClient(svc.log, undefined, { baseUrl: svc.apps.get(clientId)?.apiBaseUrl || undefined }).generation, apiBaseUrl: svc.apps.get(clientId)?.apiBaseUrl }),
    storeSecret: (clientId, secret) => svc.apps.setSecret(clientId, secret),
    sendEmail: (draft) => sendEmail(draft, answers.mail),

    async openNotice(markdown) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(document, { preview: false });
    },

    async signIn(clientId, workspace) {
      const result = await vscode.commands.executeCommand<SignInAnswer>(Commands.signIn, clientId, { workspace, timeoutSeconds: answers.signIn?.timeoutSeconds });
      if (result?.ok) return { ok: true, workspace: result.workspace, message: 'signed in' };
      return { ok: false, message: result?.message ?? 'sign-in cancelled' };
    },

    observations: (clientId) => svc.monitor.findings(clientId).map((f) => `${f.at}: ${f.message}`),
    recentRequestIds: (clientId) => svc.monitor.requestIds(clientId),
  };
}

async function sendEmail(draft: EmailDraft, given: IncidentAnswers['mail']): Promise<'opened' | 'copied' | 'none'> {
  const mode =
    given ??
    (
      await vscode.window.showQuickPick(
        [
          { label: `$(mail) ${vscode.l10n.t('Open in Mail App')}`, detail: vscode.l10n.t('A new email to {0}, with the client_id, timeline and request ids (no secrets).', draft.to), mode: 'open' as const },
          { label: `$(copy) ${vscode.l10n.t('Copy the Report')}`, detail: vscode.l10n.t('Paste it into the mail tool you use.'), mode: 'copy' as const },
        ],
        { title: vscode.l10n.t('Vendaze: report the incident to Vendaze security'), ignoreFocusOut: true },
      )
    )?.mode ??
    'none';
  if (mode === 'none') return 'none';
  if (mode === 'copy' || draft.truncated) await vscode.env.clipboard.writeText(`To: ${draft.to}\nSubject: ${draft.subject}\n\n${draft.body}`);
  if (mode === 'copy') return 'copied';
  // A string, not a Uri: Uri re-encodes the already encoded query (microsoft/vscode#85930); openExternal keeps strings as given.
  await vscode.env.openExternal(draft.mailto as unknown as vscode.Uri);
  return 'opened';
}
