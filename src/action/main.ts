/**
 * The GitHub Action's entry (action.yml, `runs.using: node24`). Scans the checkout, writes SARIF to the
 * `sarif-file` path (uploading is the workflow's choice: github/codeql-action/upload-sarif), and fails on new
 * findings: not accepted by the baseline and, on a pull request, in lines the pull request adds.
 *
 * Pull-request mode reads the config and the baseline from the BASE commit (`git show <base>:<file>`), so a pull
 * request cannot exclude or accept its own leak. It needs the base commit in the checkout (actions/checkout with
 * `fetch-depth: 0`); in a shallow checkout it degrades to a full scan without config or baseline, and says so.
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { workingTreeFiles } from '../cli/files';
import { git } from '../cli/git';
import { applyBaseline, loadPolicy, projectRoot, type Policy } from '../cli/policy';
import { runWorkerIfAsked, scanAll } from '../cli/pool';
import { toReport, type ScanReport } from '../cli/report';
import { printable } from '../cli/sanitize';
import { toSarif } from '../cli/sarif';
import { packageVersion } from '../cli/version';
import { BASELINE_FILE } from '../scanPolicy/names';
import { addedLines, isAdded, type AddedLines } from './diff';

const input = (name: string): string => (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/** Workflow-command text: `%`, CR and LF escaped as the runner expects, control characters shown as escapes. */
const command = (text: string): string => printable(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));

function setOutput(name: string, value: string): void {
  const file = process.env['GITHUB_OUTPUT'];
  if (file) appendFileSync(file, `${name}=${value}\n`);
}

function baseCommit(): string | undefined {
  const event = process.env['GITHUB_EVENT_NAME'];
  if (event !== 'pull_request' && event !== 'pull_request_target') return undefined;
  const payload = JSON.parse(readFileSync(process.env['GITHUB_EVENT_PATH'] ?? '', 'utf8')) as { pull_request?: { base?: { sha?: string } } };
  return payload.pull_request?.base?.sha;
}

export async function runAction(log: (line: string) => void): Promise<number> {
  const workspace = resolve(process.env['GITHUB_WORKSPACE'] ?? process.cwd());
  const root = projectRoot(workspace);
  const paths = (input('path') || '.').split(/\s+/);
  const sarifFile = resolve(workspace, input('sarif-file') || 'vendaze-scan.sarif');
  const baselineFile = input('baseline') || BASELINE_FILE;
  const base = baseCommit();
  let mode: 'push' | 'pull-request' | 'full-scan-shallow';
  let policy: Policy;
  let added: AddedLines | undefined;
  if (base === undefined) {
    mode = 'push';
    policy = loadPolicy({ cwd: workspace, baselineFile });
  } else if (git(['cat-file', '-e', `${base}^{commit}`], root) !== undefined && (added = addedLines(base, root))) {
    mode = 'pull-request';
    const fromBase = (rel: string): string | undefined => git(['show', `${base}:${rel}`], root)?.toString('utf8');
    policy = loadPolicy({ cwd: workspace, baselineFile, read: fromBase });
  } else {
    mode = 'full-scan-shallow';
    log(`::warning::${command(`The pull request's base commit ${base} is not in the checkout (shallow clone): scanning everything, without the config or baseline (a pull request must not supply its own). Use actions/checkout with fetch-depth: 0.`)}`);
    policy = loadPolicy({ cwd: workspace, read: () => undefined });
  }
  const listing = workingTreeFiles(paths, workspace);
  for (const problem of listing.problems) log(`::warning::${command(problem)}`);
  const sources = listing.files.filter((f) => !policy.excluded(f.path));
  const results = await scanAll(sources, { maxBytes: 10 * 1024 * 1024, keepValues: false }, __filename);
  const report: ScanReport = toReport(results, policy, listing.files.length - sources.length);
  const fresh = applyBaseline(policy, report.files);
  report.files = fresh.files;
  report.baselined = fresh.baselined;
  // On a pull request only what it adds is new; the rest is still in the SARIF (code scanning tracks it).
  const rel = (path: string): string => relative(root, resolve(workspace, path)).split('\\').join('/');
  const isNew = (path: string, line: number): boolean => added === undefined || isAdded(added, rel(path), line + 1);
  let newFindings = 0;
  for (const file of report.files) {
    for (const f of file.findings) {
      if (!isNew(file.path, f.line)) continue;
      newFindings++;
      log(`::error file=${command(rel(file.path))},line=${f.line + 1},col=${f.column + 1},title=${f.ruleId}::${command(f.message)}`);
    }
  }
  mkdirSync(dirname(sarifFile), { recursive: true });
  writeFileSync(sarifFile, `${JSON.stringify(toSarif(report, packageVersion()), null, 2)}\n`);
  setOutput('sarif-file', sarifFile);
  setOutput('new-findings', String(newFindings));
  setOutput('mode', mode);
  log(`vendaze-scan (${mode}): ${newFindings} new finding${newFindings === 1 ? '' : 's'}, ${report.baselined} accepted in the baseline, ${report.scanned} files scanned; SARIF in ${printable(sarifFile)}.`);
  return newFindings > 0 ? 1 : 0;
}

if (!runWorkerIfAsked() && require.main === module) {
  runAction((line) => process.stdout.write(`${line}\n`)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stdout.write(`::error::${command(`vendaze-scan: ${(error as Error).message}`)}\n`);
      process.exitCode = 2;
    },
  );
}
