/**
 * `--verify` over a scan's results: each finding whose value the scan kept (memory only) gets live / dead /
 * unknown and a short reason, before the policy rates it (a live value is never accepted by a baseline). Values
 * are dropped from the results afterwards, so nothing later can print them.
 */
import type { CliFinding } from './rules';
import type { FileResult } from './scanCore';
import { printable } from './sanitize';
import { verifyBaseUrl, verifyTarget } from './verifyTarget';
import { Verifier, type VerifyTarget } from '../verify/online';

export interface VerifySummary {
  live: number;
  dead: number;
  unknown: number;
  tokenRequests: number;
}

export async function verifyResults(results: FileResult[], target: VerifyTarget): Promise<VerifySummary> {
  const verifier = new Verifier(target);
  const summary: VerifySummary = { live: 0, dead: 0, unknown: 0, tokenRequests: 0 };
  // Sequential on purpose: a handful of requests, and the token endpoint's budget is counted in order.
  for (const result of results) {
    if (result.status !== 'scanned' || !result.values) continue;
    const byFingerprint = new Map(result.values.map((v) => [v.fingerprint, v]));
    for (const finding of result.findings) {
      const value = byFingerprint.get(finding.fingerprint);
      if (!value) continue;
      const answer = await verifier.verify(value);
      setVerification(finding, answer.state, answer.why);
      summary[answer.state]++;
    }
    delete result.values;
  }
  summary.tokenRequests = verifier.tokenRequests;
  return summary;
}

function setVerification(finding: CliFinding, state: CliFinding['verification'] & string, why: string): void {
  finding.verification = state;
  finding.verificationDetail = why;
}

export function verifySummaryLine(s: VerifySummary): string {
  return `vendaze-scan: verified ${s.live} live, ${s.dead} dead, ${s.unknown} unknown (${s.tokenRequests} token-endpoint request${s.tokenRequests === 1 ? '' : 's'}).\n`;
}

/** The CLI step: resolves the target (refusing a bad base URL: false), verifies, reports the counts on stderr. */
export async function runVerify(results: FileResult[], extras: { apiBaseUrl?: string }, warn: (text: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  let target: VerifyTarget;
  try {
    target = verifyTarget(verifyBaseUrl(extras.apiBaseUrl, env), env);
  } catch (error) {
    warn(`vendaze-scan: ${printable((error as Error).message)}\n`);
    return false;
  }
  warn(verifySummaryLine(await verifyResults(results, target)));
  return true;
}
