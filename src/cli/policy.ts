/**
 * The team policy a CLI run applies: the config's excludes and severities, and the baseline. Loaded from the
 * project root (the git top level, else the working directory), or, in CI pull-request mode, from the base
 * branch through `read` (see src/action), so a pull request cannot silence itself.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Baseline, BaselineEntry } from '../scanPolicy/baseline';
import type { LoadedConfig } from '../scanPolicy/config';
import { CONFIG_FILE, PACKAGE_KEY } from '../scanPolicy/names';
import { rateFinding, toSeverity, type SeverityInput } from '../scanPolicy/severity';
import { git } from './git';
import type { FileReport } from './report';
import type { CliFinding } from './rules';

export interface Policy {
  config: LoadedConfig;
  /** `path` as reported (relative to cwd). */
  excluded(path: string): boolean;
  /** Severities applied, `off` rules dropped. */
  adjust(findings: CliFinding[]): CliFinding[];
  baseline?: Baseline;
  /** The path as the baseline stores it (relative to the baseline file's directory). */
  baselinePath(path: string): string;
}

/*
 * zod is nine tenths of the CLI bundle, and initialising it cost more CPU than scanning a 25 MB corpus: the schema
 * modules are required only when a config or baseline file exists.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy on purpose, see above */
const configModule = (): typeof import('../scanPolicy/config') => require('../scanPolicy/config') as typeof import('../scanPolicy/config');
const baselineModule = (): typeof import('../scanPolicy/baseline') => require('../scanPolicy/baseline') as typeof import('../scanPolicy/baseline');
/* eslint-enable @typescript-eslint/no-require-imports */

const NO_CONFIG: LoadedConfig = { config: { exclude: [], rules: {} } };

function loadConfig(read: ProjectReader): LoadedConfig {
  if (read(CONFIG_FILE) === undefined && !read('package.json')?.includes(`"${PACKAGE_KEY}"`)) return NO_CONFIG;
  return configModule().loadScanConfig(read);
}

/**
 * The git top level (else `cwd`). Found by looking for `.git` (a directory, or a file in worktrees and submodules)
 * from `cwd` upwards: the same answer as `git rev-parse --show-toplevel` without starting a process, which cost
 * each run more wall time than reading a thousand files. When git is told where the repository is (GIT_DIR,
 * GIT_WORK_TREE: hooks and scripts may set them), git itself is asked.
 */
export function projectRoot(cwd: string): string {
  if (process.env['GIT_DIR'] === undefined && process.env['GIT_WORK_TREE'] === undefined) {
    for (let dir = resolve(cwd); ; dir = dirname(dir)) {
      if (existsSync(join(dir, '.git'))) return dir;
      if (dirname(dir) === dir) return cwd;
    }
  }
  return git(['rev-parse', '--show-toplevel'], cwd)?.toString('utf8').trim() || cwd;
}

function slash(path: string): string {
  return sep === '\\' ? path.split(sep).join('/') : path;
}

/** Reads a file of the project: from disk, unless `read` (another revision) is given. */
export type ProjectReader = (relPath: string) => string | undefined;

export function diskReader(root: string): ProjectReader {
  return (rel) => {
    const path = resolve(root, rel);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
}

export function loadPolicy(options: { cwd: string; baselineFile?: string; read?: ProjectReader }): Policy {
  const root = projectRoot(options.cwd);
  const read = options.read ?? diskReader(root);
  const config = loadConfig(read);
  const isExcluded = config === NO_CONFIG ? () => false : configModule().excludeMatcher(config.config);
  const baselineAbs = options.baselineFile ? resolve(options.cwd, options.baselineFile) : undefined;
  let baseline: Baseline | undefined;
  if (baselineAbs) {
    const text = read(slash(relative(root, baselineAbs)));
    // A missing baseline is an empty one: the first --update-baseline creates it.
    const { Baseline: BaselineClass, parseBaseline } = baselineModule();
    baseline = new BaselineClass(text === undefined ? [] : parseBaseline(text, options.baselineFile).findings);
  }
  const baseDir = baselineAbs ? dirname(baselineAbs) : root;
  return {
    config,
    excluded: (path) => config.config.exclude.length > 0 && isExcluded(slash(relative(root, resolve(options.cwd, path)))),
    adjust: (findings) =>
      findings.flatMap((f) => {
        const rating = rateFinding(cliInput(f, config.config.rules[f.ruleId], false));
        if (rating.drop) return [];
        const severity = toSeverity(rating.level);
        return [severity === f.severity ? f : { ...f, severity }];
      }),
    ...(baseline ? { baseline } : {}),
    baselinePath: (path) => slash(relative(baseDir, resolve(options.cwd, path))),
  };
}

/**
 * A CLI finding as the severity policy's input. Every file the CLI scans may be committed (it lists what git would
 * take, or the staged blobs): rated as tracked. `configured` is applied once, by adjust.
 */
function cliInput(f: CliFinding, configured: CliFinding['severity'] | 'off' | undefined, inBaseline: boolean): SeverityInput {
  return { severity: f.severity, git: 'tracked', inBaseline, ...(configured ? { configured } : {}), ...(f.verification ? { verification: f.verification } : {}) };
}

/** Splits reported files into new findings and the count the baseline accepted; marks the accepted ones. */
export function applyBaseline(policy: Policy, files: FileReport[]): { files: FileReport[]; baselined: number } {
  if (!policy.baseline) return { files, baselined: 0 };
  let baselined = 0;
  const kept: FileReport[] = [];
  for (const file of files) {
    const path = policy.baselinePath(file.path);
    const fresh = file.findings.filter((f) => {
      const inBaseline = policy.baseline!.accepts({ fingerprint: f.fingerprint }, path);
      const rating = inBaseline ? rateFinding(cliInput(f, undefined, true)) : undefined;
      const accepted = rating !== undefined && !rating.drop && rating.accepted;
      if (accepted) baselined++;
      return !accepted;
    });
    if (fresh.length > 0) kept.push({ path: file.path, findings: fresh });
  }
  return { files: kept, baselined };
}

export function writeBaseline(policy: Policy, file: string, cwd: string, files: readonly FileReport[]): number {
  const entries: BaselineEntry[] = files.flatMap((f) =>
    f.findings
      .filter((x) => x.verification !== 'live')
      .map((x) => ({ fingerprint: x.fingerprint, ruleId: x.ruleId, path: policy.baselinePath(f.path), line: x.line + 1 })),
  );
  writeFileSync(resolve(cwd, file), baselineModule().serializeBaseline(entries));
  return entries.length;
}
