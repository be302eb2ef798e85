/**
 * Reviews one file against the practices: builds the source model, runs every check, drops suppressed findings,
 * applies the rule settings (off / another severity) and adds positions, the guide's reason, the docs link and a
 * "suppress" fix. Also returns the file's facts for the project-level rules (4 and 8).
 */
import { DEFAULT_API_GENERATION, PRACTICES, docsLink, practiceNameOf, ruleId, type ApiGeneration, type PracticeName, type PracticeSeverity } from './catalog';
import { checkBrowserStorage } from './checks/browserStorage';
import type { CheckContext } from './checks/context';
import { checkLogs } from './checks/logs';
import { checkMonitoring } from './checks/monitoring';
import { checkPkce } from './checks/pkce';
import { checkRedirectHttps } from './checks/redirectHttps';
import { checkRefreshRotation } from './checks/refreshRotation';
import { checkRevoke, revokeFacts, type RevokeFacts } from './checks/revoke';
import { scopeFacts, type ScopeFacts } from './checks/scopes';
import { checkSecretInClient } from './checks/secretInClient';
import { checkState } from './checks/state';
import { buildSource, isRelevant, type SourceModel } from './source';
import { isPracticeSuppressed, suppressEdit } from './suppression';
import type { PracticeFinding, RawFinding, ReviewOptions, RuleSetting, RuleSettings } from './types';

/** A hostile file cannot flood the Problems view: past this many findings a file's review stops adding. */
export const MAX_FINDINGS_PER_FILE = 200;

export interface FileFacts {
  revoke: RevokeFacts;
  scopes: ScopeFacts;
}

export interface FileReview {
  relevant: boolean;
  findings: PracticeFinding[];
  facts?: FileFacts;
  /** Kept for the project rules' findings and fixes, which need this file's text and positions. */
  src?: SourceModel;
}

const CHECKS = [checkSecretInClient, checkBrowserStorage, checkRefreshRotation, checkRevoke, checkRedirectHttps, checkState, checkPkce, checkLogs];

export function settingFor(rules: RuleSettings | undefined, name: PracticeName): RuleSetting {
  const setting = rules?.[name] ?? rules?.[ruleId(name)];
  return setting === 'off' || setting === 'error' || setting === 'warning' || setting === 'information' ? setting : PRACTICES[name].severity;
}

export function reviewFile(text: string, options: ReviewOptions): FileReview {
  if (!isRelevant(options.fileName, text)) return { relevant: false, findings: [] };
  const src = buildSource(options.fileName, text);
  if (!src) return { relevant: false, findings: [] };
  const apiGeneration: ApiGeneration = options.apiGeneration ?? DEFAULT_API_GENERATION;
  const facts: FileFacts = { revoke: revokeFacts(src.code), scopes: scopeFacts(src) };
  // Tests deliberately hold bad inputs (a test that `plain` is refused): their findings would all be noise.
  if (src.test) return { relevant: true, findings: [], facts, src };
  const ctx: CheckContext = { src, apiGeneration };
  const raw: RawFinding[] = [];
  for (const check of CHECKS) raw.push(...check(ctx));
  raw.push(...checkMonitoring(ctx, facts.scopes.firstCall));
  return { relevant: true, findings: finish(src, raw, options.rules), facts, src };
}

/** Suppression, settings, positions, reason, docs and the suppress fix; sorted by position, capped. */
export function finish(src: SourceModel, raw: readonly RawFinding[], rules: RuleSettings | undefined): PracticeFinding[] {
  const out: PracticeFinding[] = [];
  const seen = new Set<string>();
  for (const f of [...raw].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const setting = settingFor(rules, f.name);
    if (setting === 'off' || isPracticeSuppressed(src.text, f.start, f.name)) continue;
    const key = `${f.name}:${f.start}:${f.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(complete(src, f, setting));
    if (out.length >= MAX_FINDINGS_PER_FILE) break;
  }
  return out;
}

function complete(src: SourceModel, f: RawFinding, severity: PracticeSeverity): PracticeFinding {
  const { line, column } = src.lines.positionAt(f.start);
  const end = src.lines.positionAt(f.end);
  const suppress = suppressEdit(src.text, src.fileName, src.lang, f.start, f.name);
  return {
    ...f,
    ruleId: ruleId(f.name),
    severity,
    line,
    column,
    endLine: end.line,
    endColumn: end.column,
    reason: PRACTICES[f.name].reason,
    docs: docsLink(f.name),
    fixes: [...(f.fixes ?? []), ...(suppress ? [{ title: `Suppress ${ruleId(f.name)} on this line (vendaze:allow)`, edits: [suppress] }] : [])],
  };
}

export { practiceNameOf };
