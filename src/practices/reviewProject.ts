/**
 * Reviews a set of files as one project: each file's own findings plus the project-level ones (rules 4 and 8) from
 * the index of their facts. The CLI, the bench, the corpus test and the workspace report go through here.
 */
import { DEFAULT_API_GENERATION, type ApiGeneration } from './catalog';
import { ProjectIndex } from './project';
import { reviewFile } from './review';
import type { PracticeFinding, RuleSettings } from './types';

export interface ProjectFile {
  /** Stable key (path or URI). */
  key: string;
  /** Name the rules see: relative to the project root, so a project under a `test/` folder is still reviewed. */
  fileName: string;
  text: string;
}

export interface ProjectOptions {
  apiGeneration?: ApiGeneration;
  rules?: RuleSettings;
}

export function reviewProject(files: Iterable<ProjectFile>, options: ProjectOptions = {}): Map<string, PracticeFinding[]> {
  const apiGeneration = options.apiGeneration ?? DEFAULT_API_GENERATION;
  const index = new ProjectIndex();
  const out = new Map<string, PracticeFinding[]>();
  for (const file of files) {
    const review = reviewFile(file.text, { fileName: file.fileName, apiGeneration, rules: options.rules });
    if (!review.relevant) continue;
    index.update(file.key, review.facts, review.src);
    if (review.findings.length > 0) out.set(file.key, review.findings);
  }
  for (const [key, findings] of index.findings(apiGeneration, options.rules)) {
    out.set(key, [...(out.get(key) ?? []), ...findings].sort((a, b) => a.start - b.start));
  }
  return out;
}
