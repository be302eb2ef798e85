/** Shapes the practice engine hands out: findings with offsets, and fixes as plain text edits (no vscode). */
import type { ApiGeneration, PracticeName, PracticeSeverity } from './catalog';

export interface PracticeEdit {
  start: number;
  end: number;
  newText: string;
}

export interface PracticeFix {
  title: string;
  edits: PracticeEdit[];
}

/** What a check reports: where, why, and the mechanical fixes it knows. */
export interface RawFinding {
  name: PracticeName;
  start: number;
  end: number;
  message: string;
  fixes?: PracticeFix[];
}

export interface PracticeFinding extends RawFinding {
  ruleId: string;
  severity: PracticeSeverity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  reason: string;
  docs: string;
  fixes: PracticeFix[];
}

export type RuleSetting = PracticeSeverity | 'off';
/** Per practice name (or full rule id): off, or another severity. */
export type RuleSettings = Readonly<Record<string, RuleSetting>>;

export interface ReviewOptions {
  fileName: string;
  apiGeneration?: ApiGeneration;
  rules?: RuleSettings;
}
