import { findNodeAtLocation, getNodeValue, type JSONPath, type Node } from 'jsonc-parser';
import type { z } from 'zod';
import { l10n } from '../common/l10n';
import { APP_NAME_MAX, avatarUrlProblem, DESCRIPTION_MAX, redirectUriProblem } from '../schemas/appRules';
import { KIND_KEY } from './payloadFile';

/**
 * The editor's words for the zod issues our payload schemas produce, in the display language. The schemas keep their
 * English messages because the sandbox (which may run inside the extension host) answers its 422s with them, and the
 * sandbox speaks Vendaze's English API (docs/localization.md). Here, on the editor side only, each issue code we word
 * in src/schemas/app.ts gets the same sentence through l10n.t; anything else keeps zod's text as the fallback.
 */

/** typeError()'s "<what>" per field (src/schemas/app.ts). */
const EXPECTED: Readonly<Record<string, () => string>> = {
  redirect_uris: () => l10n.t('an array of URIs'),
  scopes: () => l10n.t('an array of scope names'),
  app_name: () => l10n.t('a string'),
  description: () => l10n.t('a string'),
  avatar_url: () => l10n.t('a string'),
  client_secret: () => l10n.t('a string'),
};

export function localizedIssueMessage(root: Node | undefined, issue: z.core.$ZodIssue, path: JSONPath): string {
  const field = [...path].reverse().find((p): p is string => typeof p === 'string');
  const present = root !== undefined && (path.length === 0 || findNodeAtLocation(root, path) !== undefined);
  if (field === KIND_KEY && (issue.code === 'invalid_value' || issue.code === 'invalid_union' || !present)) {
    return l10n.t('{0} must be "register" (POST /v1/auth/register-app) or "rotate" (POST /v1/auth/rotate-app).', KIND_KEY);
  }
  switch (issue.code) {
    case 'invalid_union':
      if (path.length === 0) return l10n.t('{0} must be "register" (POST /v1/auth/register-app) or "rotate" (POST /v1/auth/rotate-app).', KIND_KEY);
      break;
    case 'invalid_type':
      if (path.length === 0) return l10n.t('A Vendaze app payload must be a JSON object with "{0}": "register" or "rotate".', KIND_KEY);
      if (typeof path[path.length - 1] === 'number' && path[path.length - 2] === 'redirect_uris') return l10n.t('Each redirect URI must be a string.');
      if (field && !present) return l10n.t('{0} is required.', field);
      if (field && EXPECTED[field]) return l10n.t('{0} must be {1}.', field, EXPECTED[field]());
      break;
    case 'too_small':
      if (field === 'redirect_uris') return l10n.t('redirect_uris must contain at least one URI.');
      if (field === 'scopes') return l10n.t('scopes must contain at least one scope.');
      if (field === 'app_name') return l10n.t('app_name must not be empty.');
      if (field === 'client_secret') return l10n.t('{0} is required.', field);
      break;
    case 'too_big':
      if (field === 'app_name') return l10n.t('app_name must be at most {0} characters.', APP_NAME_MAX);
      if (field === 'description') return l10n.t('description must be at most {0} characters.', DESCRIPTION_MAX);
      break;
    case 'invalid_format':
      if (field === 'email') return present ? l10n.t('email must be a valid email address (e.g. dev@yourapp.com).') : l10n.t('{0} is required.', field);
      if (field === 'client_id') {
        return present ? l10n.t('client_id must be a UUID (8-4-4-4-12 hex digits), as returned by register-app.') : l10n.t('{0} is required.', field);
      }
      break;
    case 'custom': {
      if (field === 'app_name' && issue.message === 'app_name must not be blank.') return l10n.t('app_name must not be blank.');
      const node = root && findNodeAtLocation(root, path);
      const value: unknown = node ? getNodeValue(node) : undefined;
      // The redirect URI and avatar rules again, in the display language (the schema ran them in English).
      if (typeof value === 'string' && path[0] === 'redirect_uris' && typeof path[1] === 'number' && !issue.message.startsWith('Duplicate ')) {
        return redirectUriProblem(value, l10n) ?? issue.message;
      }
      if (typeof value === 'string' && field === 'avatar_url') return avatarUrlProblem(value, l10n) ?? issue.message;
      if (issue.message.startsWith('Duplicate ') && typeof value === 'string') {
        return field === 'scopes' ? l10n.t('Duplicate scope "{0}".', value) : l10n.t('Duplicate redirect URI "{0}".', value);
      }
      break;
    }
  }
  return issue.message; // zod's (or the rule's) English text: a fallback, see docs/localization.md
}
