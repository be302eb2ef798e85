#!/usr/bin/env node
/**
 * `vendaze-scan [paths…]`: the detector for CI and pre-commit hooks. Exit code 0 clean, 1 found, 2 error.
 * Only kinds, hints and fingerprints are printed; a secret never reaches stdout, stderr or the SARIF file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BINARY_SNIFF_LENGTH, detectSecrets, isLockFile } from '../detector';
import { parseArgs, USAGE, UsageError, type ScanArgs } from './args';
import { stagedFiles, workingTreeFiles, type SourceFile } from './files';
import { toHuman, toSarif, type FileFindings } from './sarif';
import { PRACTICE_USAGE, runPractices, takePracticeArgs, type PracticeOptions } from '../practices/cli';

/** The package version, found by walking up from this file (dist/ when installed, out/src/cli/ in tests). */
function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'vendaze-vscode' && pkg.version) return pkg.version;
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

interface ScanOutcome {
  files: FileFindings[];
  scanned: number;
  skipped: number;
}

function scanFiles(sources: readonly SourceFile[], maxBytes: number): ScanOutcome {
  const files: FileFindings[] = [];
  let scanned = 0;
  let skipped = 0;
  for (const source of sources) {
    if (isLockFile(source.path) || source.size() > maxBytes) {
      skipped++;
      continue;
    }
    const bytes = source.read();
    if (bytes.subarray(0, BINARY_SNIFF_LENGTH).includes(0)) {
      skipped++;
      continue;
    }
    scanned++;
    const text = bytes.toString('utf8');
    const findings = detectSecrets(text, { fileName: source.path });
    if (findings.length > 0) files.push({ path: source.path, text, findings });
  }
  return { files, scanned, skipped };
}

export function run(argv: readonly string[], cwd: string, write: (text: string) => void, warn: (text: string) => void): number {
  let args: ScanArgs;
  let practices: PracticeOptions; // vendaze/practice rules: --practices and friends (src/practices/cli.ts)
  try {
    practices = takePracticeArgs(argv, (message) => new UsageError(message));
    args = parseArgs(practices.rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    warn(`vendaze-scan: ${error.message}\n\n${USAGE}\n${PRACTICE_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    write(`${USAGE}\n${PRACTICE_USAGE}\n`);
    return 0;
  }
  if (args.version) {
    write(`${packageVersion()}\n`);
    return 0;
  }
  let sources: SourceFile[];
  try {
    sources = args.staged ? stagedFiles(args.paths, cwd) : workingTreeFiles(args.paths.length > 0 ? args.paths : ['.'], cwd, !args.noGitignore);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    warn(`vendaze-scan: ${code === 'ENOENT' ? `no such file or directory: ${(error as NodeJS.ErrnoException).path}` : (error as Error).message}\n`);
    return 2;
  }
  const outcome = scanFiles(sources, args.maxFileMb * 1024 * 1024);
  const review = practices.enabled ? runPractices(sources, args.maxFileMb * 1024 * 1024, practices) : undefined;
  const sarif = toSarif(outcome.files, packageVersion());
  if (args.format === 'sarif') write(`${JSON.stringify(review ? review.addToSarif(sarif, packageVersion()) : sarif, null, 2)}\n`);
  else write(`${toHuman(outcome.files, outcome.scanned, outcome.skipped)}\n${review ? `${review.human}\n` : ''}`);
  return outcome.files.length > 0 || review?.failed ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = run(process.argv.slice(2), process.cwd(), (t) => process.stdout.write(t), (t) => process.stderr.write(t));
  } catch (error) {
    process.stderr.write(`vendaze-scan: ${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
