import { SCOPE_DESCRIPTIONS_PT_BR, type Scope } from '../schemas/scopeList';

/**
 * The consent page's words in the browser's language (docs/localization.md): Brazilian Portuguese when
 * Accept-Language prefers Portuguese, else English. Only the pages a person reads in the browser; the sandbox's API
 * error messages stay English (they emulate Vendaze's).
 */
export type ConsentLanguage = 'en' | 'pt-br';

/** Accept-Language comes from the client: read at most this much of it, and this many entries. */
const MAX_HEADER = 512;
const MAX_ENTRIES = 16;

/** `pt-BR,pt;q=0.9,en;q=0.8` -> 'pt-br'; `en-US,pt;q=0.5` -> 'en'; missing, garbled or anything else -> 'en'. */
export function consentLanguage(acceptLanguage: string | undefined): ConsentLanguage {
  if (!acceptLanguage) return 'en';
  const entries = acceptLanguage
    .slice(0, MAX_HEADER)
    .split(',', MAX_ENTRIES)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((e) => e.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { primary } of entries) {
    if (primary === 'pt') return 'pt-br';
    if (primary === 'en' || primary === '*') return 'en';
  }
  return 'en';
}

export interface ConsentText {
  htmlLang: string;
  title: (app: string) => string;
  badge: string;
  /** HTML: the app name arrives escaped. */
  heading: (appHtml: string) => string;
  chooseWorkspace: string;
  permissions: string;
  /** HTML: the host arrives escaped. */
  sentBackTo: (hostHtml: string) => string;
  deny: string;
  authorize: string;
  pressAuthorizeOrDeny: string;
  chooseWorkspaceError: string;
  keepOnePermission: string;
  requestNotFound: string;
  appGone: string;
  forbidden: string;
  crossSite: string;
  badRequest: string;
  scopes: Readonly<Record<Scope, string>> | undefined;
}

const EN: ConsentText = {
  htmlLang: 'en',
  title: (app) => `Authorize ${app}`,
  badge: 'Vendaze sandbox &middot; signed in as sandbox user',
  heading: (app) => `${app} wants to access your Vendaze workspace`,
  chooseWorkspace: 'Choose one workspace',
  permissions: 'Permissions requested (untick any you do not want to grant)',
  sentBackTo: (host) => `You will be sent back to <code>${host}</code>.`,
  deny: 'Deny',
  authorize: 'Authorize',
  pressAuthorizeOrDeny: 'Press Authorize or Deny.',
  chooseWorkspaceError: 'Choose one workspace.',
  keepOnePermission: 'Keep at least one permission ticked, or press Deny.',
  requestNotFound: 'Authorization request not found',
  appGone: 'The app no longer exists.',
  forbidden: 'Forbidden',
  crossSite: 'This consent answer came from another web site, so it was refused.',
  badRequest: 'Bad request',
  scopes: undefined, // SCOPE_DESCRIPTIONS, the English the editor's completion shows too
};

const PT_BR: ConsentText = {
  htmlLang: 'pt-BR',
  title: (app) => `Autorizar ${app}`,
  badge: 'Sandbox do Vendaze &middot; conectado como usuário do sandbox',
  heading: (app) => `${app} quer acessar seu workspace do Vendaze`,
  chooseWorkspace: 'Escolha um workspace',
  permissions: 'Permissões solicitadas (desmarque as que você não quer conceder)',
  sentBackTo: (host) => `Você será levado de volta para <code>${host}</code>.`,
  deny: 'Negar',
  authorize: 'Autorizar',
  pressAuthorizeOrDeny: 'Clique em Autorizar ou Negar.',
  chooseWorkspaceError: 'Escolha um workspace.',
  keepOnePermission: 'Mantenha pelo menos uma permissão marcada, ou clique em Negar.',
  requestNotFound: 'Pedido de autorização não encontrado',
  appGone: 'O aplicativo não existe mais.',
  forbidden: 'Proibido',
  crossSite: 'Esta resposta de consentimento veio de outro site, por isso foi recusada.',
  badRequest: 'Requisição inválida',
  scopes: SCOPE_DESCRIPTIONS_PT_BR,
};

export function consentText(language: ConsentLanguage): ConsentText {
  return language === 'pt-br' ? PT_BR : EN;
}
