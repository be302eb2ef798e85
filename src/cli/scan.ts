#!/usr/bin/env node
/**
 * `vendaze-scan [paths…]`: the detector for CI and pre-commit hooks. Exit codes: 0 nothing found, 1 findings,
 * 2 usage error or nothing could be scanned. Only kinds, hints and fingerprints are printed; a secret never
 * reaches stdout, stderr or the SARIF file.
 */
import { parseArgs, USAGE, UsageError, type ScanArgs } from './args';
import { stagedFiles, workingTreeFiles, type Listing } from './files';
import { toHuman } from './human';
import { installHookCommand } from './installHookCommand';
import { toJson } from './json';
import { packageVersion } from './version';
import type { ScanReport } from './report';
import { printable } from './sanitize';
import { toSarif } from './sarif';
import { scanFile, type FileResult } from './scanCore';

export type Output = (text: string) => void;

function list(args: ScanArgs, cwd: string): Listing {
  const maxBytes = args.maxFileMb * 1024 * 1024;
  return args.staged ? stagedFiles(args.paths, cwd, maxBytes) : workingTreeFiles(args.paths.length > 0 ? args.paths : ['.'], cwd, !args.noGitignore);
}

function toReport(results: readonly FileResult[]): ScanReport {
  const report: ScanReport = { files: [], scanned: 0, skipped: 0, failed: 0, excluded: 0, baselined: 0 };
  for (const r of results) {
    if (r.status === 'scanned') {
      report.scanned++;
      if (r.findings.length > 0) report.files.push({ path: r.path, findings: r.findings });
    } else if (r.status === 'skipped') report.skipped++;
    else report.failed++;
  }
  return report;
}

export async function run(argv: readonly string[], cwd: string, write: Output, warn: Output): Promise<number> {
  let args: ScanArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    warn(`vendaze-scan: ${printable(error.message)}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    write(`${USAGE}\n`);
    return 0;
  }
  if (args.version) {
    write(`${packageVersion()}\n`);
    return 0;
  }
  if (args.command === 'install-hook') return installHookCommand(cwd, args.force, write, warn);
  let listing: Listing;
  try {
    listing = list(args, cwd);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    warn(`vendaze-scan: ${printable(e.code === 'ENOENT' ? `no such file or directory: ${e.path}` : e.message)}\n`);
    return 2;
  }
  for (const problem of listing.problems) warn(`vendaze-scan: ${printable(problem)}\n`);
  const options = { maxBytes: args.maxFileMb * 1024 * 1024, keepValues: false };
  const results = listing.files.map((f) => scanFile(f.path, f.size, f.read, options));
  for (const r of results) if (r.status === 'failed') warn(`vendaze-scan: ${printable(r.path)}: cannot read (${printable(r.why)}), not scanned\n`);
  const report = toReport(results);
  if (args.format === 'sarif') write(`${JSON.stringify(toSarif(report, packageVersion()), null, 2)}\n`);
  else if (args.format === 'json') write(`${toJson(report, packageVersion())}\n`);
  else write(`${toHuman(report)}\n`);
  if (report.files.length > 0) return 1;
  // Some files unreadable but others scanned: the scan happened (stderr said what was missed). None scanned: error.
  return report.failed > 0 && report.scanned === 0 ? 2 : 0;
}

/** The process entry: the bundle's own (below) and the pre-commit launcher's (packages/vendaze-scan/pre-commit-hook.js). */
export function main(): void {
  void run(process.argv.slice(2), process.cwd(), (t) => process.stdout.write(t), (t) => process.stderr.write(t)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`vendaze-scan: ${printable((error as Error).message)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) main();
