/**
 * Practice 7: PKCE. On the PKCE-era API: an authorize URL without code_challenge (or without its method, which
 * then defaults to plain), a verifier from a non-cryptographic source, shorter than 43 characters, or constant.
 * On the 2026-07 API Vendaze runs PKCE itself and the client sends none: only `plain` is still reported.
 */
import { l10n } from '../../common/l10n';
import type { RawFinding } from '../types';
import { matches } from '../text';
import { authorizeSites } from './authorize';
import type { CheckContext } from './context';
import { plainFix } from './plainFix';
import { secureRandomFix } from './randomFix';
import { weakRandomUses } from './weakRandom';

const PLAIN = /\b(?:code_challenge_method|codeChallengeMethod|CodeChallengeMethod)['"]?\s*(?:[:=,]|=>)(?!=)\s*['"]?plain\b/g;
const CHALLENGE = /\bcode_challenge\b|\bcodeChallenge\b|\bCodeChallenge\b/;
const METHOD = /code_challenge_method|codeChallengeMethod|CodeChallengeMethod/;
const VERIFIER_ASSIGN = /\b(?:code_?verifier|codeVerifier|pkce_?verifier|verifier|CodeVerifier)\b\s*(?::\s*[\w<>[\]]+\s*)?(?::=|=(?!=)|:(?!:)|=>)\s*([^\n]{1,200})/gi;

/** Length of the verifier a generator call makes, when the call says it (bytes or characters). */
function generatedLength(rhs: string): number | undefined {
  const n = (re: RegExp): number | undefined => {
    const m = re.exec(rhs);
    return m ? Number(m[1]) : undefined;
  };
  let bytes: number | undefined;
  if ((bytes = n(/randomBytes\(\s*(\d{1,4})\s*\)\s*\.toString\(\s*['"]hex['"]/)) !== undefined) return bytes * 2;
  if ((bytes = n(/(?:randomBytes|token_urlsafe|urlsafe_base64|random_bytes|Uint8Array)\(\s*(\d{1,4})\s*\)/)) !== undefined) return /hex/i.test(rhs) ? bytes * 2 : Math.ceil((bytes * 4) / 3);
  if ((bytes = n(/(?:token_hex|SecureRandom\.hex)\(\s*(\d{1,4})\s*\)/)) !== undefined) return bytes * 2;
  if (/randomUUID\(\)|uuid4\(\)|uuidv4\(\)|uuid\.v4\(\)|uuid\.New\(\)/.test(rhs)) return /\.hex\b/.test(rhs) ? 32 : 36;
  const literal = /^(['"])([^'"\n]*)\1\s*[;,)]?\s*$/.exec(rhs.trim());
  if (literal && literal[2]!.length > 0) return -literal[2]!.length; // negative: a constant
  return undefined;
}

export function checkPkce(ctx: CheckContext): RawFinding[] {
  const { src, apiGeneration } = ctx;
  const code = src.code;
  const out: RawFinding[] = [];
  for (const m of matches(PLAIN, code, 20)) {
    const fix = plainFix(src, m);
    out.push({ name: 'pkce', start: m.index, end: m.index + m[0].length, message: l10n.t('code_challenge_method=plain is not accepted by Vendaze and gives no protection if the authorization code is intercepted. Use S256: code_challenge = BASE64URL(SHA256(code_verifier)).'), ...(fix ? { fixes: [fix] } : {}) });
  }
  if (apiGeneration !== 'pkce') return out;
  for (const site of authorizeSites(src)) {
    if (!CHALLENGE.test(site.text)) {
      out.push({ name: 'pkce', start: site.at, end: site.at + '/oauth/authorize'.length, message: l10n.t('This authorize URL sends no code_challenge: the PKCE-era Vendaze API requires PKCE with S256 on every authorization flow.') });
    } else if (!METHOD.test(site.text)) {
      out.push({ name: 'pkce', start: site.at, end: site.at + '/oauth/authorize'.length, message: l10n.t('code_challenge is sent without code_challenge_method=S256: the method then defaults to plain, which Vendaze refuses.') });
    }
  }
  for (const use of weakRandomUses(src)) {
    if (!/verifier|pkce/i.test(use.name)) continue;
    const fix = secureRandomFix(src, use, 'verifier');
    out.push({ name: 'pkce', start: use.start, end: use.end, message: l10n.t('The PKCE code_verifier comes from a non-cryptographic random source: it can be guessed, and PKCE then protects nothing. Use 32 random bytes from a cryptographic source, base64url-encoded.'), ...(fix ? { fixes: [fix] } : {}) });
  }
  for (const m of matches(VERIFIER_ASSIGN, code, 50)) {
    const length = generatedLength(m[1]!);
    if (length === undefined || length >= 43) continue;
    const start = m.index;
    const constant = length <= 0;
    out.push({
      name: 'pkce',
      start,
      end: start + m[0].length - m[1]!.length,
      message: constant
        ? l10n.t('A constant PKCE code_verifier is no secret: generate a fresh one (43-128 characters, cryptographic random) for every authorization.')
        : l10n.t('This code_verifier is {0} characters long; PKCE requires 43 to 128. Use 32 random bytes, base64url-encoded (43 characters).', length),
    });
  }
  return onePerLine(out, code);
}

/** One finding per line: a weak-random verifier is not reported again as short or constant. */
function onePerLine(findings: RawFinding[], code: string): RawFinding[] {
  const seen = new Set<number>();
  return findings.filter((f) => {
    const line = code.lastIndexOf('\n', f.start - 1);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}
