/**
 * What the practice worker keeps: each reviewed file's text and own findings, the project index, and the project
 * findings last sent, so each answer carries only the files whose findings changed. No vscode, no worker API:
 * unit-testable, and usable in-process when a worker cannot start.
 */
import { DEFAULT_API_GENERATION, type ApiGeneration } from './catalog';
import { ProjectIndex } from './project';
import { renderReport, type ReportFile } from './report';
import { reviewFile } from './review';
import type { PracticeFinding, RuleSettings } from './types';
import type { FileResult, WorkerRequest, WorkerResponse } from './workerProtocol';

interface FileState {
  fileName: string;
  text: string;
  version: number;
  own: PracticeFinding[];
}

export class PracticeWorkerState {
  private apiGeneration: ApiGeneration = DEFAULT_API_GENERATION;
  private rules: RuleSettings = {};
  private readonly files = new Map<string, FileState>();
  private index = new ProjectIndex();
  private project = new Map<string, PracticeFinding[]>();

  handle(request: WorkerRequest): WorkerResponse {
    switch (request.type) {
      case 'configure':
        this.apiGeneration = request.apiGeneration;
        this.rules = request.rules;
        return { id: request.id, files: this.reviewAll() };
      case 'review': {
        const changed = new Set<string>([request.key]);
        this.review(request.key, request.fileName, request.text, request.version);
        return { id: request.id, files: this.results(this.refreshProject(changed)) };
      }
      case 'forget': {
        const changed = new Set<string>([request.key]);
        this.files.delete(request.key);
        this.index.delete(request.key);
        return { id: request.id, files: this.results(this.refreshProject(changed)) };
      }
      case 'report': {
        const files: ReportFile[] = [];
        for (const key of [...this.files.keys()].sort()) {
          const findings = this.findingsOf(key);
          const where = request.paths[key];
          if (findings.length > 0 && where) files.push({ path: where.path, uri: where.uri, findings });
        }
        const markdown = renderReport(files, { apiGeneration: this.apiGeneration, rules: this.rules, reviewedFiles: this.files.size, generatedAt: request.generatedAt });
        return { id: request.id, markdown, reviewed: this.files.size };
      }
    }
  }

  private review(key: string, fileName: string, text: string, version: number): void {
    const result = reviewFile(text, { fileName, apiGeneration: this.apiGeneration, rules: this.rules });
    if (!result.relevant) {
      this.files.delete(key);
      this.index.delete(key);
      return;
    }
    this.files.set(key, { fileName, text, version, own: result.findings });
    this.index.update(key, result.facts, result.src);
  }

  private reviewAll(): Record<string, FileResult> {
    this.index = new ProjectIndex();
    const keys = new Set<string>([...this.files.keys(), ...this.project.keys()]);
    for (const [key, file] of [...this.files]) this.review(key, file.fileName, file.text, file.version);
    return this.results(this.refreshProject(keys));
  }

  /** Recomputes the project findings; adds to `changed` every file whose project findings differ. */
  private refreshProject(changed: Set<string>): Set<string> {
    const next = this.index.findings(this.apiGeneration, this.rules);
    for (const key of new Set([...next.keys(), ...this.project.keys()])) {
      if (JSON.stringify(next.get(key) ?? []) !== JSON.stringify(this.project.get(key) ?? [])) changed.add(key);
    }
    this.project = next;
    return changed;
  }

  private findingsOf(key: string): PracticeFinding[] {
    const own = this.files.get(key)?.own ?? [];
    const project = this.project.get(key) ?? [];
    return project.length === 0 ? own : [...own, ...project].sort((a, b) => a.start - b.start);
  }

  private results(keys: Iterable<string>): Record<string, FileResult> {
    const out: Record<string, FileResult> = {};
    for (const key of keys) out[key] = { findings: this.findingsOf(key), version: this.files.get(key)?.version ?? -1 };
    return out;
  }
}
