/**
 * How the team policy (config + baseline) changes one finding, the same way in the CLI and the editor.
 * Pure; no vscode import.
 */
import type { Baseline } from './baseline';
import { configuredSeverity, excludeMatcher, type ScanConfig } from './config';

export type Severity = 'error' | 'warning' | 'info';

export interface TeamPolicy {
  config: ScanConfig;
  baseline?: Baseline;
}

export type Judgement = { drop: true } | { drop: false; severity: Severity; baselined: boolean };

export { BASELINE_NOTE } from './names';

/** Compiled once per policy: excludes are regexes. */
export function judge(policy: TeamPolicy): (relPath: string, finding: { ruleId: string; severity: Severity; fingerprint: string; live?: boolean }) => Judgement {
  const excluded = excludeMatcher(policy.config);
  return (relPath, finding) => {
    if (policy.config.exclude.length > 0 && excluded(relPath)) return { drop: true };
    const severity = configuredSeverity(policy.config, finding.ruleId, finding.severity);
    if (severity === 'off') return { drop: true };
    const baselined = policy.baseline?.accepts(finding, relPath) ?? false;
    // "Lower severity": one step down, never below info; the message says why.
    const lowered: Severity = !baselined ? severity : severity === 'error' ? 'warning' : 'info';
    return { drop: false, severity: lowered, baselined };
  };
}
