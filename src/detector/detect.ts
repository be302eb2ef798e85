/**
 * Public entry points: `detectSecrets` for a whole text, `scanRange` for the per-keystroke case.
 *
 * Incremental contract: `scanRange(text, changeStart, changeEnd)` returns a region [from, to) around the change
 * and every finding a full scan of `text` would report that intersects it. A caller that keeps its findings from
 * before the edit (shifted with `shiftFindings`) and swaps the ones intersecting the region for the returned
 * ones (`mergeRangeScan`) holds exactly what a full scan would give. Only a window of ~35 KB is read, whatever
 * the document size.
 */
import { isLockFile, looksBinary, BINARY_SNIFF_LENGTH } from './decoys';
import { compareCandidates, scanCandidates, type EngineOptions } from './engine';
import { fingerprint, redactedHint } from './fingerprint';
import type { Candidate } from './rules';
import { MAX_FINDINGS_PER_FILE, RuleIds, type DetectOptions, type Finding, type Position, type RangeScan, type SecretKind, type TextSource } from './types';

/** Salt of the summary finding's fingerprint (it has no value of its own). */
const SUMMARY_RULE = 'vendaze/too-many-findings';
import { DEPENDENCY_RADIUS, MAX_SPAN, lineEndWithin, lineStartWithin } from './window';
import { l10n } from '../common/l10n';

/** Words of the finding messages: English in the CLI, the editor's language in the extension (src/common/l10n.ts). */
function kindLabel(kind: SecretKind): string {
  switch (kind) {
    case 'client_secret':
      return 'client_secret';
    case 'access_token':
      return l10n.t('access token');
    case 'refresh_token':
      return l10n.t('refresh token');
    case 'webhook_secret':
      return l10n.t('webhook signing secret');
    default:
      return l10n.t('secret');
  }
}

function advice(kind: SecretKind): string {
  switch (kind) {
    case 'client_secret':
      return l10n.t('Load it from an environment variable or a secret store, and rotate it if it was ever committed or shared.');
    case 'access_token':
    case 'refresh_token':
      return l10n.t('Remove it and revoke the token: it grants access to a workspace.');
    default:
      return l10n.t('If this is a credential, load it from an environment variable or a secret store.');
  }
}

function message(c: Candidate): string {
  const what = kindLabel(c.kind);
  const hint = redactedHint(c.value);
  switch (c.tier) {
    case 1:
      return c.knownSecretRef?.label
        ? l10n.t('Vendaze {0} of app "{1}" ({2}) is in plain text: this is a live credential the extension holds. {3}', what, c.knownSecretRef.label, hint, advice(c.kind))
        : l10n.t('Vendaze {0} ({1}) is in plain text: this is a live credential the extension holds. {2}', what, hint, advice(c.kind));
    case 2:
      return l10n.t('Vendaze {0} ({1}) in plain text. {2}', what, hint, advice(c.kind));
    case 3:
      return c.expired
        ? l10n.t('Vendaze {0} (JWT, {1}) in plain text; it has expired, but it still names the workspace and app. Remove it.', what, hint)
        : l10n.t('Vendaze {0} (JWT, {1}) in plain text. {2}', what, hint, advice(c.kind));
    default:
      return l10n.t('Possible {0} ({1}) next to Vendaze configuration. {2}', what, hint, advice(c.kind));
  }
}

export function engineOptions(options: DetectOptions): EngineOptions {
  return {
    knownSecrets: options.knownSecrets ?? [],
    fileContext: (options.fileName ?? '').toLowerCase().includes('vendaze'),
    now: options.now ?? Date.now(),
  };
}

export function toFinding(c: Candidate, offset: number, position: Position): Finding {
  const finding: Finding = {
    ruleId: c.ruleId,
    tier: c.tier,
    severity: c.severity,
    kind: c.kind,
    start: c.start + offset,
    end: c.end + offset,
    literalStart: c.literalStart + offset,
    literalEnd: c.literalEnd + offset,
    line: position.line,
    column: position.column,
    message: message(c),
    hint: redactedHint(c.value),
    fingerprint: fingerprint(c.ruleId, c.value),
  };
  if (c.key !== undefined) finding.key = c.key;
  if (c.knownSecretRef) finding.knownSecretRef = { ...c.knownSecretRef };
  return finding;
}

/** Positions for ascending offsets by counting newlines once, front to back. */
export function newlineCounter(read: (from: number, to: number) => string): (offset: number) => Position {
  let at = 0;
  let line = 0;
  let lineStart = 0;
  return (offset) => {
    const chunk = read(at, offset);
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) {
      line++;
      lineStart = at + i + 1;
    }
    at = offset;
    return { line, column: offset - lineStart };
  };
}

export function detectSecrets(text: string, options: DetectOptions = {}): Finding[] {
  if (isLockFile(options.fileName) || looksBinary(text)) return [];
  const candidates = scanCandidates(text, engineOptions(options));
  if (candidates.length === 0) return [];
  const positionAt = options.positionAt ?? newlineCounter((a, b) => text.slice(a, b));
  return capFindings(candidates.slice(0, MAX_FINDINGS_PER_FILE + 1).map((candidate) => ({ candidate, offset: 0 })), candidates.length, positionAt);
}

/**
 * At most MAX_FINDINGS_PER_FILE findings per file, then one summary finding. A file made of secrets (a dump, a
 * generated fixture, or text crafted to flood the editor) would otherwise cost a fingerprint, a message and a
 * diagnostic per value; past the cap, candidates cost only what finding them cost. `candidates`: in text order,
 * each with the offset of the text it was found in; `total`: how many there were in all.
 */
export function capFindings(candidates: ReadonlyArray<{ candidate: Candidate; offset: number }>, total: number, positionAt: (offset: number) => Position): Finding[] {
  const kept = candidates.slice(0, MAX_FINDINGS_PER_FILE).map(({ candidate: c, offset }) => toFinding(c, offset, positionAt(c.start + offset)));
  const next = candidates[MAX_FINDINGS_PER_FILE];
  if (total > MAX_FINDINGS_PER_FILE && next) {
    kept.push(summaryFinding(next.candidate, next.offset, total - MAX_FINDINGS_PER_FILE, positionAt(next.candidate.start + next.offset)));
  }
  return kept;
}

export function summaryFinding(next: Candidate, offset: number, more: number, position: Position): Finding {
  return {
    ruleId: RuleIds.genericSecret,
    tier: 4,
    severity: 'warning',
    kind: 'generic_secret',
    start: next.start + offset,
    end: next.end + offset,
    literalStart: next.literalStart + offset,
    literalEnd: next.literalEnd + offset,
    line: position.line,
    column: position.column,
    message: l10n.t('{0} more possible secrets from here on are not reported: only the first {1} findings of a file are. A file this full of secrets is likely a dump or generated: remove it, or scan it with a tool meant for bulk data.', more, MAX_FINDINGS_PER_FILE),
    hint: 'value hidden',
    fingerprint: fingerprint(SUMMARY_RULE, String(more)),
    summary: true,
  };
}

/** Line boundaries are followed this far at most: a minified line is not rescanned whole. */
const LINE_SNAP = 256;

export interface RescanWindow {
  /** Findings intersecting [from, to) are replaced (before snapping to line boundaries). */
  from: number;
  to: number;
  /** Text that must be read to decide them. */
  readFrom: number;
  readTo: number;
}

/** The region a change at [changeStart, changeEnd) (offsets in the new text) can affect, and what to read for it. */
export function rescanWindow(length: number, changeStart: number, changeEnd: number): RescanWindow {
  const start = Math.max(0, Math.min(changeStart, changeEnd, length));
  const end = Math.min(length, Math.max(changeStart, changeEnd, start));
  // A finding is affected when the change falls in its dependency window, or in that of a finding it overlaps.
  const reach = DEPENDENCY_RADIUS + MAX_SPAN;
  const from = Math.max(0, start - reach);
  const to = Math.min(length, end + reach);
  // Deciding a finding in the region needs its dependency window and those of the findings it overlaps; the
  // region itself may still grow by LINE_SNAP when snapped to line boundaries.
  const margin = DEPENDENCY_RADIUS + 2 * MAX_SPAN + LINE_SNAP;
  return { from, to, readFrom: Math.max(0, from - margin), readTo: Math.min(length, to + margin) };
}

export function scanRange(source: string | TextSource, changeStart: number, changeEnd: number, options: DetectOptions = {}): RangeScan {
  const length = source.length;
  const read = (a: number, b: number): string => source.slice(a, b);
  if (isLockFile(options.fileName)) return { from: 0, to: length, findings: [], binary: false };
  if (looksBinary(read(0, BINARY_SNIFF_LENGTH))) return { from: 0, to: length, findings: [], binary: true };
  const window = rescanWindow(length, changeStart, changeEnd);
  const text = read(window.readFrom, window.readTo);
  // Snap the region outward to whole lines (bounded), as an editor thinks in lines.
  const localFrom = window.from - window.readFrom;
  const localTo = window.to - window.readFrom;
  const snapFrom = lineStartWithin(text, localFrom, localFrom - LINE_SNAP) + window.readFrom;
  const snapTo = lineEndWithin(text, localTo, localTo + LINE_SNAP) + window.readFrom;
  const from = window.from === 0 ? 0 : snapFrom;
  const to = window.to === length ? length : snapTo;

  const candidates = scanCandidates(text, engineOptions(options)).filter(
    (c) => c.start + window.readFrom < to && c.end + window.readFrom > from,
  );
  const positionAt = options.positionAt ?? newlineCounter(read);
  return { from, to, findings: candidates.map((c) => toFinding(c, window.readFrom, positionAt(c.start + window.readFrom))), binary: false };
}

/**
 * Moves findings recorded before an edit (`removedLength` characters at `offset` replaced by `insertedLength`) to
 * their new offsets. Findings the edit touched are dropped: they lie inside the next rescan's region anyway.
 */
export function shiftFindings(findings: readonly Finding[], offset: number, removedLength: number, insertedLength: number, positionAt?: (offset: number) => Position): Finding[] {
  const delta = insertedLength - removedLength;
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.literalEnd <= offset) out.push(f);
    else if (f.literalStart >= offset + removedLength) {
      const moved: Finding = { ...f, start: f.start + delta, end: f.end + delta, literalStart: f.literalStart + delta, literalEnd: f.literalEnd + delta };
      if (positionAt) Object.assign(moved, positionAt(moved.start));
      out.push(moved);
    }
  }
  return out;
}

/** Replaces the findings intersecting the rescanned region with the fresh ones; the result stays sorted. */
export function mergeRangeScan(previous: readonly Finding[], scan: RangeScan): Finding[] {
  const kept = previous.filter((f) => !(f.start < scan.to && f.end > scan.from));
  return [...kept, ...scan.findings].sort(compareCandidates);
}
