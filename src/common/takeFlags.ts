/**
 * The shared walk of the CLI's option groups (practice options, verify/history options): each group takes its own
 * flags out of argv and hands the rest on to the next parser. `--flag value` and `--flag=value` both work; an empty
 * or missing value is a usage error; everything from `--` on is left for the core parser. Pure.
 */

/** Returns true when the group took `flag`; `value()` reads its value (the inline one, else the next argument). */
export type FlagTaker = (flag: string, value: () => string) => boolean;

export function takeFlags(argv: readonly string[], fail: (message: string) => Error, take: FlagTaker): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw fail(`${flag} needs a value.`);
      return v;
    };
    if (!take(flag, value)) rest.push(arg);
  }
  return rest;
}
