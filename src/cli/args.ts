/** Command-line parsing for `vendaze-scan`. Pure: returns options or a usage error, never exits. */

export type OutputFormat = 'human' | 'sarif' | 'json';

export interface ScanArgs {
  /** `scan` (default) or a subcommand given as the first argument. */
  command: 'scan' | 'install-hook';
  /** install-hook: replace a foreign hook (kept as pre-commit.vendaze-backup). */
  force: boolean;
  paths: string[];
  format: OutputFormat;
  staged: boolean;
  /** Scan what .gitignore excludes too (a plain directory walk). */
  noGitignore: boolean;
  maxFileMb: number;
  /** Report only findings not in this baseline file. */
  baseline?: string;
  /** Write every current finding to the baseline file (default .vendaze-baseline.json) and exit 0. */
  updateBaseline: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: vendaze-scan [options] [paths...]
       vendaze-scan install-hook [--force]

Finds Vendaze client secrets, tokens and nearby credentials in files (default path: .).
Inside a git work tree, files ignored by .gitignore are skipped; node_modules, .git, binary and huge files always are.

install-hook writes a git pre-commit hook running "vendaze-scan --staged" where git runs hooks (core.hooksPath
honoured). An existing hook is left alone unless --force, which keeps it as pre-commit.vendaze-backup.

Options:
  -f, --format <human|sarif|json>
                              output format (default: human); sarif is SARIF 2.1.0 for code scanning
      --staged                scan the staged version of the files in the git index (for a pre-commit hook)
      --no-gitignore          also scan files .gitignore excludes (node_modules and .git stay skipped)
      --max-file-mb <n>       skip files larger than n MB (default: 10)
      --baseline <file>       report only findings not accepted in this baseline (matched by fingerprint and path)
      --update-baseline       accept every current finding: write them to the baseline file (default
                              .vendaze-baseline.json; fingerprints, rule, path and line, never a value)
  -h, --help                  show this help
  -v, --version               show the version

Symbolic links are never followed. UTF-16 files are decoded; a file that cannot be read is reported on stderr
and the rest is scanned.

Exit codes: 0 nothing found, 1 findings, 2 usage error, or nothing could be scanned (every file unreadable).
Config: .vendazescan.json (or a "vendaze-scan" key in package.json) at the repository root, e.g.
  { "exclude": ["test/fixtures/", "*.snap"], "rules": { "vendaze/generic-secret": "warning" } }
Suppress a reviewed line with a "vendaze:allow" comment on it (or on the comment line above).`;

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ScanArgs {
  const args: ScanArgs = { command: 'scan', force: false, paths: [], format: 'human', staged: false, noGitignore: false, maxFileMb: 10, updateBaseline: false, help: false, version: false };
  let i = 0;
  if (argv[0] === 'install-hook') {
    args.command = 'install-hook';
    i = 1;
  }
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '-f':
      case '--format': {
        const format = value();
        if (format !== 'human' && format !== 'sarif' && format !== 'json') throw new UsageError(`Unknown format "${format}": use human, sarif or json.`);
        args.format = format;
        break;
      }
      case '--force':
        if (args.command !== 'install-hook') throw new UsageError('--force belongs to install-hook.');
        args.force = true;
        break;
      case '--baseline':
        args.baseline = value();
        break;
      case '--update-baseline':
        args.updateBaseline = true;
        break;
      case '--staged':
        args.staged = true;
        break;
      case '--no-gitignore':
        args.noGitignore = true;
        break;
      case '--max-file-mb': {
        const raw = value();
        const mb = Number(raw);
        if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`--max-file-mb must be a positive number, got "${raw}".`);
        args.maxFileMb = mb;
        break;
      }
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '-v':
      case '--version':
        args.version = true;
        break;
      case '--':
        args.paths.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option "${arg}".`);
        args.paths.push(arg);
    }
  }
  return args;
}
