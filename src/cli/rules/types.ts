/**
 * The plug-in point for rule families the CLI runs. A family is a set of rules with one byte-level gate and one
 * text scan. To add a family (practice rules, other vendors' secrets…): write a module exporting a RuleFamily and
 * list it in ./index.ts. Everything else (decoding, workers, config severities, baseline, output formats) is shared.
 */
import type { Severity } from '../../detector';

export interface RuleInfo {
  id: string;
  /** PascalCase name for SARIF. */
  name: string;
  short: string;
  full: string;
  /** Markdown help: what to do about a finding. */
  help: string;
  helpUri: string;
  defaultSeverity: Severity;
  precision: 'very-high' | 'high' | 'medium' | 'low';
  tags: string[];
}

/** One finding as the CLI reports it. Never carries the value itself. Positions are zero-based, UTF-16 columns. */
export interface CliFinding {
  ruleId: string;
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  /** `…abcd` (last 4 characters of a value of 16+ characters) or `value hidden`. */
  hint: string;
  /** Stable one-way id of rule + value: the baseline and SARIF partialFingerprints key. */
  fingerprint: string;
  kind?: string;
  tier?: number;
  /** Set by --verify: what the API said about the value. */
  verification?: 'live' | 'dead' | 'unknown';
  /** Why --verify said so (`GET /v1/me answered 401`, `expired (exp claim)`); never the value. */
  verificationDetail?: string;
  /** Set when a baseline entry accepted this finding. */
  baselined?: boolean;
}

/**
 * What --verify needs from a finding: its raw value (and a client_id found beside it). Kept in memory only for
 * the run, never printed; only produced when --verify asked for it.
 */
export interface VerifiableValue {
  fingerprint: string;
  kind: string;
  value: string;
  clientId?: string;
}

export interface FamilyScan {
  findings: CliFinding[];
  values?: VerifiableValue[];
}

export interface RuleFamily {
  id: string;
  rules: readonly RuleInfo[];
  /**
   * From the raw UTF-8 bytes: can this file hold a finding of this family? `false` must be certain (a property
   * test checks it against `scan`); it lets the CLI skip decoding most files, which is where its time went.
   */
  mayMatch(bytes: Buffer, path: string): boolean;
  /**
   * The most bytes one `mayMatch` hit spans (what it reads before its anchor plus after it). The CLI runs the gate
   * over a file in windows, each starting with this many bytes of the one before, so the windows decide exactly
   * as the whole file would (a property test checks it).
   */
  gateReach: number;
  scan(text: string, path: string, options: { keepValues: boolean }): FamilyScan;
}
