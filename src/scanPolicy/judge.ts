/**
 * What the team policy files (config + baseline) say about one finding, the same way in the CLI and the editor:
 * excluded path, configured rule severity, baseline entry. The rating itself is rateFinding's (./severity.ts).
 * Pure; no vscode import.
 */
import type { Baseline } from './baseline';
import { excludeMatcher, type ScanConfig } from './config';
import type { Severity } from './severity';

export type { Severity };

export interface TeamPolicy {
  config: ScanConfig;
  baseline?: Baseline;
}

export type Judgement = { drop: true } | { drop: false; configured?: Severity | 'off'; inBaseline: boolean };

export { BASELINE_NOTE } from './names';

/** Compiled once per policy: excludes are regexes. */
export function judge(policy: TeamPolicy): (relPath: string, finding: { ruleId: string; fingerprint: string }) => Judgement {
  const excluded = excludeMatcher(policy.config);
  return (relPath, finding) => {
    if (policy.config.exclude.length > 0 && excluded(relPath)) return { drop: true };
    const configured = policy.config.rules[finding.ruleId];
    // `live: false`: whether a live value may be accepted is rateFinding's decision, not the file's.
    const inBaseline = policy.baseline?.accepts({ fingerprint: finding.fingerprint, live: false }, relPath) ?? false;
    return configured === undefined ? { drop: false, inBaseline } : { drop: false, configured, inBaseline };
  };
}
