#!/usr/bin/env node
/**
 * `vendaze-scan [paths…]`: the detector for CI and pre-commit hooks. Exit codes: 0 nothing found, 1 findings,
 * 2 usage error or nothing could be scanned. Only kinds, hints and fingerprints are printed; a secret never
 * reaches stdout, stderr or the SARIF file.
 */
import { parseArgs, USAGE, UsageError, type ScanArgs } from './args';
import { lstatSync, readFileSync } from 'node:fs';
import { stagedFiles, workingTreeFiles, type Listing, type SourceFile } from './files';
import { toHuman } from './human';
import { installHookCommand } from './installHookCommand';
import { toJson } from './json';
import { packageVersion } from './version';
import { toReport } from './report';
import { applyBaseline, loadPolicy, writeBaseline, type Policy } from './policy';
import { printable } from './sanitize';
import { BASELINE_FILE } from '../scanPolicy/names';
import { toSarif } from './sarif';
import { runWorkerIfAsked, scanAll } from './pool';
import { EXTRA_USAGE, takeExtraArgs, type ExtraOptions } from './extraArgs';
import { historyCommand } from './historyCommand';
import { PRACTICE_USAGE, runPractices, takePracticeArgs, type PracticeOptions, type ReviewableSource } from '../practices/cli';

export type Output = (text: string) => void;

/*
 * --verify's code brings node:http, node:https and node:tls (src/verify/nodeFetch.ts): loading them cost every
 * run ~5 ms of start-up, so it is required only when --verify is given.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
const verifyRun = (): typeof import('./verifyRun') => require('./verifyRun') as typeof import('./verifyRun');

function list(args: ScanArgs, cwd: string): Listing {
  const maxBytes = args.maxFileMb * 1024 * 1024;
  return args.staged ? stagedFiles(args.paths, cwd, maxBytes) : workingTreeFiles(args.paths.length > 0 ? args.paths : ['.'], cwd, !args.noGitignore);
}

export async function run(argv: readonly string[], cwd: string, write: Output, warn: Output): Promise<number> {
  let args: ScanArgs;
  let practices: PracticeOptions; // vendaze/practice rules: --practices and friends (src/practices/cli.ts)
  let extras: ExtraOptions; // --verify, --history (./extraArgs.ts)
  try {
    practices = takePracticeArgs(argv, (message) => new UsageError(message));
    extras = takeExtraArgs(practices.rest, (message) => new UsageError(message));
    args = parseArgs(extras.rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    warn(`vendaze-scan: ${printable(error.message)}\n\n${USAGE}\n${PRACTICE_USAGE}\n${EXTRA_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    write(`${USAGE}\n${PRACTICE_USAGE}\n${EXTRA_USAGE}\n`);
    return 0;
  }
  if (args.version) {
    write(`${packageVersion()}\n`);
    return 0;
  }
  if (args.command === 'install-hook') return installHookCommand(cwd, args.force, write, warn);
  if (extras.history) return historyCommand(args, extras, cwd, __filename, write, warn);
  let listing: Listing;
  try {
    listing = list(args, cwd);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    warn(`vendaze-scan: ${printable(e.code === 'ENOENT' ? `no such file or directory: ${e.path}` : e.message)}\n`);
    return 2;
  }
  for (const problem of listing.problems) warn(`vendaze-scan: ${printable(problem)}\n`);
  let policy: Policy;
  try {
    policy = loadPolicy({ cwd, baselineFile: args.baseline ?? (args.updateBaseline ? BASELINE_FILE : undefined) });
  } catch (error) {
    warn(`vendaze-scan: ${printable((error as Error).message)}\n`);
    return 2;
  }
  const sources = listing.files.filter((f) => !policy.excluded(f.path));
  const options = { maxBytes: args.maxFileMb * 1024 * 1024, keepValues: extras.verify };
  const results = await scanAll(sources, options, __filename);
  if (extras.verify && !(await verifyRun().runVerify(results, extras, warn))) return 2;
  for (const r of results) if (r.status === 'failed') warn(`vendaze-scan: ${printable(r.path)}: cannot read (${printable(r.why)}), not scanned\n`);
  const report = toReport(results, policy, listing.files.length - sources.length);
  if (args.updateBaseline) {
    const file = args.baseline ?? BASELINE_FILE;
    const count = writeBaseline(policy, file, cwd, report.files);
    write(`vendaze-scan: ${count} finding${count === 1 ? '' : 's'} accepted in ${printable(file)} (fingerprints, rules, paths and lines; no secret values).\n`);
    return 0;
  }
  const fresh = applyBaseline(policy, report.files);
  report.files = fresh.files;
  report.baselined = fresh.baselined;
  // The security-guide practices (src/practices) review the same files as one project, when asked (--practices).
  const review = practices.enabled ? runPractices(sources.map(reviewable), options.maxBytes, practices) : undefined;
  const sarif = toSarif(report, packageVersion());
  if (args.format === 'sarif') write(`${JSON.stringify(review ? review.addToSarif(sarif, packageVersion()) : sarif, null, 2)}\n`);
  else if (args.format === 'json') write(`${toJson(report, packageVersion())}\n`);
  else write(`${toHuman(report)}\n${review ? `${review.human.split('\n').map(printable).join('\n')}\n` : ''}`);
  if (report.files.length > 0 || review?.failed) return 1;
  // Some files unreadable but others scanned: the scan happened (stderr said what was missed). None scanned: error.
  return report.failed > 0 && report.scanned === 0 ? 2 : 0;
}

/** A listed file as the practice review reads it (the listing already refused symlinks). */
function reviewable(file: SourceFile): ReviewableSource {
  if ('absolute' in file) return { path: file.path, read: () => readFileSync(file.absolute), size: () => lstatSync(file.absolute).size };
  return { path: file.path, read: file.read, size: () => file.size };
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

if (!runWorkerIfAsked() && require.main === module) main();
