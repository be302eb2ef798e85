import { l10n } from '../common/l10n';
import type { AppRecord } from '../apps/registry';
import type { ScopeAdvice } from './advice';
import type { PayloadRequest } from './documentSchema';

/**
 * What submitting a payload will change and what follows from it, computed before anything is sent so the user
 * confirms knowingly. Pure: the submit command shows `formatPreview` in a modal and asks for the app name when
 * `confirmName` is set.
 */

export interface ListDiff {
  added: string[];
  removed: string[];
  kept: string[];
  /** True when the set differs (order alone is not a change: Vendaze matches URIs and scopes as sets). */
  changed: boolean;
}

export interface FieldChange {
  field: 'app_name' | 'description' | 'avatar_url';
  from?: string;
  to?: string;
}

export interface PreviewContext {
  /** The app as VS Code knows it (rotate). Undefined for register, or for a client_id not in the registry. */
  previous?: AppRecord;
  /** Signed-in workspaces VS Code holds for this app. */
  sessionCount: number;
  /** Where the request will go (vendaze.apiBaseUrl). */
  apiBaseUrl: string;
  advice: readonly ScopeAdvice[];
}

export interface PayloadPreview {
  kind: PayloadRequest['kind'];
  appName: string;
  clientId?: string;
  previousKnown: boolean;
  fields: FieldChange[];
  redirectUris: ListDiff;
  scopes: ListDiff;
  /** Rotate only: the scopes differ from the known ones, or the known ones are unknown (assume the worst). */
  scopesMayChange: boolean;
  consequences: string[];
  warnings: string[];
  /** API 2026-07: the scopes cannot change, so the preview shows them as fixed. */
  scopesFixed?: boolean;
  /** Set when the user must type this app name to go ahead (a scope change revokes every session). */
  confirmName?: string;
}

export function diffLists(before: readonly string[], after: readonly string[]): ListDiff {
  const was = new Set(before);
  const now = new Set(after);
  const added = after.filter((v) => !was.has(v));
  const removed = before.filter((v) => !now.has(v));
  const kept = after.filter((v) => was.has(v));
  return { added, removed, kept, changed: added.length > 0 || removed.length > 0 };
}

const PLACEHOLDER_DOMAINS = /@(example\.(com|org|net)|yourapp\.com|mysaas\.com)$/i;

export function previewPayload(request: PayloadRequest, ctx: PreviewContext): PayloadPreview {
  const body = request.body;
  const previous = request.kind === 'rotate' ? ctx.previous : undefined;
  const warnings = ctx.advice.map((a) => a.message);
  const fields: FieldChange[] = [];
  const compare = (field: FieldChange['field'], from: string | undefined, to: string | undefined) => {
    // A 2026-07 rotation leaves omitted fields as they are.
    if (from !== to && !(request.api === '2026-07' && to === undefined)) fields.push({ field, from, to });
  };
  compare('app_name', previous?.appName, body.app_name);
  compare('description', previous?.description, body.description);
  compare('avatar_url', previous?.avatarUrl, body.avatar_url);

  // strings(): a body sent with "Submit anyway" may hold anything; the preview must not trip over it.
  const redirectUris = diffLists(previous?.redirectUris ?? [], strings(body.redirect_uris));
  const scopes = diffLists(previous?.scopes ?? [], strings(body.scopes));
  const consequences: string[] = [];
  let scopesMayChange = false;

  if (request.kind === 'register') {
    const email = request.body.email;
    consequences.push(
      l10n.t('Vendaze emails the client_secret to {0}. One app per email, and the email cannot be changed later.', String(email)),
      l10n.t('Users will see "{0}" and the {1} scope(s) below on the Vendaze consent screen.', String(body.app_name), scopes.added.length),
    );
    if (typeof email === 'string' && PLACEHOLDER_DOMAINS.test(email)) warnings.unshift(l10n.t('{0} looks like a placeholder: the client_secret is sent there and nowhere else.', email));
  } else if (request.api === '2026-07') {
    // API 2026-07: omitted fields stay, scopes cannot change, the client_id stays, sessions are kept.
    const email = request.body.email;
    const latestScopes = diffLists(previous?.scopes ?? [], previous?.scopes ?? []);
    Object.assign(scopes, latestScopes);
    if (!body.redirect_uris && previous) Object.assign(redirectUris, diffLists(previous.redirectUris, previous.redirectUris));
    consequences.push(
      l10n.t('The current client_secret stops working immediately. Vendaze emails {0} a one-time link to the new one (it works once, for 15 minutes); VS Code then asks you to paste the secret and stores it.', email),
      l10n.t('Existing access and refresh tokens keep working until they expire; the client_id stays the same.'),
      l10n.t('Refreshing those tokens needs the new client_secret: until you paste it, refreshes and sign-ins fail.'),
      l10n.t('Scopes are fixed at registration: register a new app to change them.'),
    );
    if (previous && previous.apiBaseUrl !== ctx.apiBaseUrl) {
      warnings.unshift(l10n.t('This app was added for {0}, but the request goes to {1} (vendaze.apiBaseUrl).', previous.apiBaseUrl, ctx.apiBaseUrl));
    }
    if (previous?.email && previous.email.toLowerCase() !== email.toLowerCase()) {
      warnings.unshift(l10n.t('The email must be the registered one: VS Code knows {0}, the payload says {1}. Vendaze refuses a mismatch (401).', previous.email, email));
    }
  } else {
    const email = previous?.email ?? request.body.email;
    scopesMayChange = !previous || scopes.changed;
    consequences.push(
      l10n.t('The current client_secret stops working immediately. Vendaze emails the new one to {0}; VS Code then asks you to paste it.', email ?? l10n.t('the registered address')),
    );
    if (!previous) {
      consequences.push(
        l10n.t("VS Code does not know this app's current scopes: if they differ from the ones below, Vendaze revokes every user session of the app."),
      );
    } else if (scopes.changed) {
      consequences.push(
        l10n.t('The scopes change ({0}): Vendaze revokes every user session of this app (access and refresh tokens); users must authorize again.', describeDiff(scopes)) +
          (ctx.sessionCount > 0 ? ' ' + l10n.t('{0} signed-in workspace(s) in VS Code will be signed out.', ctx.sessionCount) : ''),
      );
    } else {
      consequences.push(l10n.t('The scopes are unchanged: active user sessions keep working.'));
    }
    consequences.push(l10n.t('Vendaze may answer with a new client_id; the old one then stops working and VS Code switches to the new one.'));
    if (previous && previous.apiBaseUrl !== ctx.apiBaseUrl) {
      warnings.unshift(l10n.t('This app was added for {0}, but the request goes to {1} (vendaze.apiBaseUrl).', previous.apiBaseUrl, ctx.apiBaseUrl));
    }
    if (previous?.email && request.body.email && previous.email !== request.body.email) {
      warnings.unshift(l10n.t('The registered email cannot change: Vendaze keeps {0} (the payload says {1}).', previous.email, request.body.email));
    }
  }

  return {
    kind: request.kind,
    appName: String(body.app_name ?? previous?.appName ?? ''),
    clientId: request.kind === 'rotate' ? request.body.client_id : undefined,
    previousKnown: request.kind === 'register' || previous !== undefined,
    fields,
    redirectUris,
    scopes,
    scopesMayChange,
    ...(request.api === '2026-07' ? { scopesFixed: true } : {}),
    consequences,
    warnings,
    confirmName: scopesMayChange ? (previous?.appName ?? String(body.app_name ?? '')) : undefined,
  };
}

function describeDiff(diff: ListDiff): string {
  return [...diff.added.map((v) => `+${v}`), ...diff.removed.map((v) => `-${v}`)].join(', ') || l10n.t('none');
}

/** Plain text for the confirmation dialog's detail (modal dialogs render no markdown). */
export function formatPreview(preview: PayloadPreview): string {
  const lines: string[] = [];
  const section = (title: string, items: string[]) => {
    if (items.length) lines.push(title, ...items.map((i) => `  ${i}`), '');
  };
  if (preview.kind === 'rotate' && preview.previousKnown) {
    section(
      l10n.t('Changes:'),
      preview.fields.map((f) => `${f.field}: ${show(f.from)} -> ${show(f.to)}`),
    );
    section(l10n.t('Redirect URIs (the list is replaced):'), listLines(preview.redirectUris));
    section(preview.scopesFixed ? l10n.t('Scopes (fixed at registration):') : l10n.t('Scopes (the list is replaced):'), listLines(preview.scopes));
  } else {
    section(l10n.t('App:'), [`app_name: ${preview.appName}`, ...preview.fields.filter((f) => f.field !== 'app_name' && f.to).map((f) => `${f.field}: ${f.to}`)]);
    section(l10n.t('Redirect URIs:'), preview.redirectUris.added);
    section(l10n.t('Scopes:'), preview.scopes.added);
  }
  section(l10n.t('What happens:'), preview.consequences);
  section(l10n.t('Advice:'), preview.warnings);
  return lines.join('\n').trimEnd();
}

function listLines(diff: ListDiff): string[] {
  if (!diff.changed) return [l10n.t('unchanged ({0})', diff.kept.length)];
  return [...diff.added.map((v) => `+ ${v}`), ...diff.removed.map((v) => `- ${v}`), ...diff.kept.map((v) => `  ${v}`)];
}

function show(value: string | undefined): string {
  return value === undefined ? l10n.t('(none)') : JSON.stringify(value);
}

/** The strings of a list; anything else (a body that skipped validation) counts as empty. */
export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
