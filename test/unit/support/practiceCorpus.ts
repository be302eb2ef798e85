/** The practice corpus (test/fixtures/practices): its index and each file reviewed as a one-file project. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiGeneration } from '../../../src/practices/catalog';
import { reviewProject } from '../../../src/practices/reviewProject';
import type { PracticeFinding } from '../../../src/practices/types';

export const CORPUS = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'practices');

export interface CorpusEntry {
  path: string;
  expect: string[];
  source: string;
  licence: string;
  apiGeneration?: ApiGeneration;
}

export function corpusEntries(): CorpusEntry[] {
  const index = JSON.parse(readFileSync(join(CORPUS, 'index.json'), 'utf8')) as { files: Record<string, Omit<CorpusEntry, 'path'>> };
  return Object.entries(index.files).map(([path, entry]) => ({ path, ...entry }));
}

/** Findings of one corpus file; its name as the rules see it drops the violations/ or traps/ folder. */
export function reviewCorpusFile(entry: CorpusEntry): PracticeFinding[] {
  const text = readFileSync(join(CORPUS, entry.path), 'utf8');
  const fileName = entry.path.split('/').slice(1).join('/');
  return reviewProject([{ key: entry.path, fileName, text }], { apiGeneration: entry.apiGeneration }).get(entry.path) ?? [];
}
