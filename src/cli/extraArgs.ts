/**
 * The options of `--verify` and `--history`, taken out of argv before the core parser (./args.ts) sees the rest,
 * as the practice options are (src/practices/cli.ts). Pure.
 */
import { takeFlags } from '../common/takeFlags';

export interface ExtraOptions {
  /** Check each found credential's liveness (src/verify). */
  verify: boolean;
  /** Where --verify sends values: this flag, else $VENDAZE_API_BASE_URL, else https://api.vendaze.com. Never from the repository. */
  apiBaseUrl?: string;
  /** Scan every commit's added lines across all refs (src/history). */
  history: boolean;
  /** --history: only commits after this revision (`<rev>..`). */
  since?: string;
  rest: string[];
}

export const EXTRA_USAGE = `Verification and history:
      --verify                check whether each found credential is live (live / dead / unknown): offline first
                              (a JWT's exp), then the Vendaze API, without side effects; sends the found values to
                              the API base URL below and nowhere else
      --api-base-url <url>    the API --verify asks (default: $VENDAZE_API_BASE_URL, else https://api.vendaze.com);
                              never read from the scanned repository
      --history               scan the lines every commit added, across all refs; report the first commit, its
                              author date and path for each secret, and whether it is still in the current tree
      --since <rev>           with --history: only commits not reachable from <rev>`;

export function takeExtraArgs(argv: readonly string[], fail: (message: string) => Error): ExtraOptions {
  const options: ExtraOptions = { verify: false, history: false, rest: [] };
  options.rest = takeFlags(argv, fail, (flag, value) => {
    if (flag === '--verify') options.verify = true;
    else if (flag === '--api-base-url') options.apiBaseUrl = value();
    else if (flag === '--history') options.history = true;
    else if (flag === '--since') options.since = value();
    else return false;
    return true;
  });
  if (options.since !== undefined && !options.history) throw fail('--since belongs to --history.');
  if (options.since?.startsWith('-')) throw fail(`--since needs a revision, got "${options.since}".`);
  return options;
}
