/**
 * Messages between the editor and the practice worker. The worker owns the rule engine and the workspace index,
 * so the extension host never runs a review (a 1 MB file costs more than the 50 ms the host may be blocked).
 */
import type { ApiGeneration } from './catalog';
import type { PracticeFinding, RuleSettings } from './types';

export type WorkerRequest =
  /**
   * `l10n`: the display language and VS Code's loaded bundle (vscode.l10n.bundle; absent for English), so the worker,
   * which has no vscode.l10n, writes its findings in the display language (docs/localization.md).
   */
  | { id: number; type: 'configure'; apiGeneration: ApiGeneration; rules: RuleSettings; l10n?: WorkerL10n }
  /** Reviews (or re-reviews) one file and updates the index; `version` is echoed back. */
  | { id: number; type: 'review'; key: string; fileName: string; text: string; version: number }
  | { id: number; type: 'forget'; key: string }
  /** The workspace report as Markdown; `paths` maps keys to display paths and link targets. */
  | { id: number; type: 'report'; paths: Record<string, { path: string; uri: string }>; generatedAt: string };

export interface WorkerL10n {
  language: string;
  bundle: Record<string, string>;
}

export interface FileResult {
  findings: PracticeFinding[];
  /** The document version the offsets refer to (-1 for files reviewed from disk). */
  version: number;
}

export interface WorkerResponse {
  id: number;
  /** Files whose findings changed (own or project-level), with their current findings. */
  files?: Record<string, FileResult>;
  markdown?: string;
  /** Number of files in the index that talk to Vendaze. */
  reviewed?: number;
  error?: string;
}
