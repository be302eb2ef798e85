/**
 * The baseline: findings a team reviewed and accepted (test fixtures, revoked values kept for a reason), so CI
 * fails only on new ones. Shared by `vendaze-scan --baseline` and the editor; no vscode import.
 *
 * Matched by fingerprint AND path: the fingerprint alone follows the value anywhere, so an accepted test value
 * copied into production code would pass. The line is informative only (it moves with every edit above it).
 * The file holds no secret values: fingerprint (one-way), rule, path and line. A value known or verified to be
 * live is never accepted by it.
 */
import { z } from 'zod';
import { BASELINE_FILE } from './names';

export { BASELINE_FILE };

export const BaselineEntrySchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/),
  ruleId: z.string().max(128),
  /** Relative to the baseline file's directory, forward slashes. */
  path: z.string().max(4096),
  line: z.number().int().positive(),
});

export const BaselineSchema = z.object({
  version: z.literal(1),
  findings: z.array(BaselineEntrySchema).max(100_000),
});

export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;
export type BaselineFile = z.infer<typeof BaselineSchema>;

export class BaselineError extends Error {}

export function parseBaseline(text: string, source = BASELINE_FILE): BaselineFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  const result = BaselineSchema.safeParse(raw);
  if (!result.success) throw new BaselineError(`${source}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}

function key(fingerprint: string, path: string): string {
  return `${fingerprint}\u0000${path.replace(/\\/g, '/')}`;
}

export class Baseline {
  private readonly keys: Set<string>;

  constructor(readonly entries: readonly BaselineEntry[]) {
    this.keys = new Set(entries.map((e) => key(e.fingerprint, e.path)));
  }

  /**
   * Whether the finding is accepted. `live`: the value is known or verified to be live (a known secret of the
   * extension, or --verify said so): never accepted, whatever the file says.
   */
  accepts(finding: { fingerprint: string; live?: boolean }, relPath: string): boolean {
    return !finding.live && this.keys.has(key(finding.fingerprint, relPath));
  }
}

/** The baseline text for these findings: sorted, one entry per (fingerprint, path), stable across runs. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const unique = new Map<string, BaselineEntry>();
  for (const e of entries) {
    const k = key(e.fingerprint, e.path);
    if (!unique.has(k)) unique.set(k, { fingerprint: e.fingerprint, ruleId: e.ruleId, path: e.path.replace(/\\/g, '/'), line: e.line });
  }
  const findings = [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || (a.fingerprint < b.fingerprint ? -1 : 1)));
  return `${JSON.stringify({ version: 1, findings } satisfies BaselineFile, null, 2)}\n`;
}
