import { l10n as display, type Words } from '../common/l10n';
import { callbackErrorWords } from './attempts';

/**
 * The small page the loopback listener answers the browser with, in VS Code's display language
 * (docs/localization.md): the browser tab belongs to the same person as the VS Code window. Only our own sentences
 * go on it: nothing from the callback query (code, state, a hostile `error_description`) is ever shown, and every
 * text is HTML-escaped anyway. Pure (no vscode): the words come from the installed translator, or a parameter.
 */

export type LoopbackPageKind =
  | { kind: 'bad_request' | 'method_not_allowed' | 'not_found' | 'signed_in' | 'denied' }
  /** The browser came back with an OAuth `error` other than access_denied: our sentence for that code. */
  | { kind: 'callback_error'; error: string }
  /** A callback SignInAttempts refused: its message, already in the display language. */
  | { kind: 'refused'; message: string };

export interface LoopbackPage {
  status: number;
  html: string;
}

/** `<html lang>` for the display language: Portuguese when VS Code speaks it (as scopeDescription picks), else English. */
export function pageLang(language: string): 'pt-BR' | 'en' {
  return language.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}

export function loopbackPage(page: LoopbackPageKind, l10n: Words = display, language: string = display.language()): LoopbackPage {
  const closeTab = l10n.t('You can close this tab.');
  const onlyRedirect = l10n.t('This address only receives the Vendaze sign-in redirect.');
  const [status, title, ...lines] = ((): [number, string, ...string[]] => {
    switch (page.kind) {
      case 'bad_request':
        return [400, l10n.t('Bad request'), onlyRedirect];
      case 'method_not_allowed':
        return [405, l10n.t('Method not allowed'), onlyRedirect];
      case 'not_found':
        return [404, l10n.t('Not found'), onlyRedirect];
      case 'signed_in':
        return [200, l10n.t('Signed in to Vendaze'), l10n.t('You can close this tab and return to VS Code.')];
      case 'denied':
        return [200, l10n.t('Sign-in denied'), l10n.t('Authorization was denied, so VS Code received no tokens.'), closeTab];
      case 'callback_error':
        return [200, l10n.t('Sign-in not completed'), callbackErrorWords(page.error)(l10n), closeTab];
      case 'refused':
        return [400, l10n.t('Sign-in not completed'), page.message];
    }
  })();
  const body = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
  const html = `<!doctype html><html lang="${pageLang(language)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return { status, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
