/**
 * Practice 1: the client_secret reaches browser or mobile code. Three shapes: a public env prefix (bundled into the
 * client by Next.js, Vite, CRA, Expo...) on a secret name; a token request carrying client_secret from browser
 * code; a client_secret key in a mobile app's configuration.
 */
import { l10n } from '../../common/l10n';
import type { RawFinding } from '../types';
import { matches } from '../text';
import type { CheckContext } from './context';

const PUBLIC_PREFIX = /\b(NEXT_PUBLIC_|VITE_|REACT_APP_|EXPO_PUBLIC_|NUXT_PUBLIC_|GATSBY_|PUBLIC_)([A-Z0-9_]{0,60}?(?:CLIENT_SECRET|_SECRET|SECRET_KEY))\b/g;
const TOKEN_ENDPOINT = /\/oauth\/token\b/;
const SECRET_IN_REQUEST = /\bclient_secret\b|\bclientSecret\b/g;
const MOBILE_SECRET_KEY = /["']?(?:vendaze[_.-]?)?client[_-]?secret["']?\s*(?:[:=]|<\/key>|">)/gi;

export function checkSecretInClient({ src }: CheckContext): RawFinding[] {
  const out: RawFinding[] = [];
  const code = src.code;
  const renames = new Map<string, { start: number; end: number; newText: string }[]>();
  for (const m of matches(PUBLIC_PREFIX, code)) {
    const publicName = m[0];
    if (!/VENDAZE|CLIENT_SECRET/.test(publicName)) continue;
    const serverName = m[2]!.replace(/^_/, '');
    // One fix renames every occurrence in this file; other files that read the name need the same rename.
    let edits = renames.get(publicName);
    if (!edits) renames.set(publicName, (edits = [...matches(new RegExp(`\\b${publicName}\\b`, 'g'), src.text, 200)].map((o) => ({ start: o.index, end: o.index + publicName.length, newText: serverName }))));
    out.push({
      name: 'client-secret-in-client',
      start: m.index,
      end: m.index + publicName.length,
      message: l10n.t('{0} is bundled into client code by the {1} prefix: a client_secret must live under a server-only name (e.g. {2}) and be read only on the server.', publicName, m[1] ?? '', serverName),
      fixes: [{ title: l10n.t('Rename to the server-only {0}', serverName), edits }],
    });
  }
  if (src.browser && !src.test && TOKEN_ENDPOINT.test(code)) {
    for (const m of matches(SECRET_IN_REQUEST, code, 20)) {
      out.push({
        name: 'client-secret-in-client',
        start: m.index,
        end: m.index + m[0].length,
        message: l10n.t('This browser code sends client_secret to /oauth/token: anyone can read it from the bundle. Exchange and refresh tokens on your server.'),
      });
      break;
    }
  }
  if (src.mobile && (src.lang === 'config' || src.lang === 'xml' || src.lang === 'js')) {
    for (const m of matches(MOBILE_SECRET_KEY, code, 20)) {
      out.push({
        name: 'client-secret-in-client',
        start: m.index,
        end: m.index + m[0].length,
        message: l10n.t('A client_secret in a mobile app’s configuration ships inside the app, where anyone can extract it. Keep it on your server.'),
      });
    }
  }
  return out;
}
