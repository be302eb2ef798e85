/**
 * The practice review in `vendaze-scan`: its flags (taken out of argv before the scanner's own parser sees them),
 * the review of the scanned files as one project, and its output (human lines, or a SARIF run of its own whose
 * rule ids are vendaze/practice/<name>). Kept apart from src/cli so the scanner's CLI needs only a small hook.
 */
import { takeFlags } from '../common/takeFlags';
import { readFileSync } from 'node:fs';
import type * as Sarif from 'sarif';
import { PRACTICES, PRACTICE_NAMES, docsLink, practiceNameOf, ruleId, type ApiGeneration } from './catalog';
import { reviewProject, type ProjectFile } from './reviewProject';
import { isRelevant, langOf } from './source';
import type { PracticeFinding, RuleSetting } from './types';

export const PRACTICE_USAGE = `Security-guide practices (vendaze/practice/<rule>, see docs/practices.md):
      --practices                 also review Vendaze client code against the security guide's practices
      --api-generation <g>        pkce (default, PKCE-era API) or 2026-07
      --practice <rule>=<level>   off, error, warning or information for one rule (repeatable)
      --practice-config <file>    JSON {"apiGeneration": "...", "rules": {"<rule>": "<level>"}}
Practice findings of level error or warning make the exit code 1. Suppress one line with "vendaze:allow <rule>".`;

export interface PracticeOptions {
  enabled: boolean;
  apiGeneration: ApiGeneration;
  rules: Record<string, RuleSetting>;
  /** argv without the practice flags, for the scanner's own parser. */
  rest: string[];
}

const LEVELS = new Set(['off', 'error', 'warning', 'information']);

function setRule(options: PracticeOptions, name: string, level: string, fail: (m: string) => Error): void {
  const practice = practiceNameOf(name);
  if (!practice) throw fail(`Unknown practice rule "${name}": use one of ${PRACTICE_NAMES.join(', ')}.`);
  if (!LEVELS.has(level)) throw fail(`Unknown level "${level}" for ${name}: use off, error, warning or information.`);
  options.rules[practice] = level as RuleSetting;
}

function setGeneration(options: PracticeOptions, value: string, fail: (m: string) => Error): void {
  if (value !== 'pkce' && value !== '2026-07') throw fail(`Unknown API generation "${value}": use pkce or 2026-07.`);
  options.apiGeneration = value;
}

export function takePracticeArgs(argv: readonly string[], fail: (message: string) => Error): PracticeOptions {
  const options: PracticeOptions = { enabled: false, apiGeneration: 'pkce', rules: {}, rest: [] };
  options.rest = takeFlags(argv, fail, (flag, value) => {
    if (flag === '--practices') options.enabled = true;
    else if (flag === '--api-generation') setGeneration(options, value(), fail);
    else if (flag === '--practice') {
      const [name, level] = value().split('=');
      setRule(options, name ?? '', level ?? '', fail);
      options.enabled = true;
    } else if (flag === '--practice-config') {
      const file = value();
      let config: { apiGeneration?: string; rules?: Record<string, string> };
      try {
        config = JSON.parse(readFileSync(file, 'utf8')) as typeof config;
      } catch (error) {
        throw fail(`--practice-config ${file}: ${(error as Error).message}`);
      }
      if (config.apiGeneration) setGeneration(options, config.apiGeneration, fail);
      for (const [name, level] of Object.entries(config.rules ?? {})) setRule(options, name, level, fail);
      options.enabled = true;
    } else return false;
    return true;
  });
  return options;
}

export interface ReviewableSource {
  path: string;
  read(): Buffer;
  size(): number;
}

export interface PracticeOutcome {
  files: Map<string, PracticeFinding[]>;
  /** Any error or warning finding: CI fails. */
  failed: boolean;
  human: string;
  addToSarif(log: Sarif.Log, toolVersion: string): Sarif.Log;
}

export function runPractices(sources: readonly ReviewableSource[], maxBytes: number, options: PracticeOptions): PracticeOutcome {
  const files: ProjectFile[] = [];
  for (const source of sources) {
    if (!langOf(source.path) || source.size() > maxBytes) continue;
    const text = source.read().toString('utf8');
    if (isRelevant(source.path, text)) files.push({ key: source.path, fileName: source.path, text });
  }
  const found = reviewProject(files, { apiGeneration: options.apiGeneration, rules: options.rules });
  const all = [...found.entries()].sort(([a], [b]) => a.localeCompare(b));
  const failed = all.some(([, list]) => list.some((f) => f.severity !== 'information'));
  const count = all.reduce((n, [, list]) => n + list.length, 0);
  const human = [
    ...all.flatMap(([path, list]) => list.map((f) => `${path}:${f.line + 1}:${f.column + 1}: ${f.severity} ${f.ruleId} ${f.message}`)),
    `vendaze-scan: ${count} practice finding${count === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'} that talk to Vendaze (${options.apiGeneration === 'pkce' ? 'PKCE-era' : '2026-07'} API).`,
  ].join('\n');
  return { files: found, failed, human, addToSarif: (log, version) => ({ ...log, runs: [...log.runs, sarifRun(all, version)] }) };
}

const LEVEL: Record<string, Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note' };

function sarifRun(all: [string, PracticeFinding[]][], version: string): Sarif.Run {
  return {
    tool: {
      driver: {
        name: 'vendaze-practices',
        version,
        informationUri: 'https://github.com/vendaze/vendaze-vscode/blob/main/docs/practices.md',
        rules: PRACTICE_NAMES.map((n) => ({
          id: ruleId(n),
          name: n,
          shortDescription: { text: PRACTICES[n].title },
          fullDescription: { text: PRACTICES[n].reason },
          helpUri: docsLink(n),
          defaultConfiguration: { level: LEVEL[PRACTICES[n].severity] },
          properties: { tags: ['security', 'oauth'] },
        })),
      },
    },
    automationDetails: { id: 'vendaze-practices/' },
    columnKind: 'utf16CodeUnits',
    results: all.flatMap(([path, list]) =>
      list.map((f) => ({
        ruleId: f.ruleId,
        ruleIndex: PRACTICE_NAMES.indexOf(f.name),
        level: LEVEL[f.severity],
        message: { text: `${f.message} ${f.reason}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' }, region: { startLine: f.line + 1, startColumn: f.column + 1, endLine: f.endLine + 1, endColumn: f.endColumn + 1 } } }],
      })),
    ),
  };
}
