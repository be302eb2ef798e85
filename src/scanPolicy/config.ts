/**
 * The scanner config shared by `vendaze-scan` and the editor: path excludes and rule severities, read from
 * `.vendazescan.json` or the `vendaze-scan` key of package.json at the repository (workspace folder) root.
 * Pure: the caller supplies the file reader (disk, VS Code's file system, or `git show <base>:<path>` in CI so a
 * pull request cannot loosen its own scan). No vscode import.
 */
import { z } from 'zod';
import { CONFIG_FILE, PACKAGE_KEY } from './names';

export { CONFIG_FILE };

const severity = z.enum(['error', 'warning', 'info', 'off']);

export const ScanConfigSchema = z
  .object({
    /** Globs relative to the config's directory: `**` any depth, `*` within a segment; no slash = any depth. */
    exclude: z.array(z.string().min(1).max(512)).max(1000).default([]),
    /** Rule id (`vendaze/generic-secret`…) to severity; `off` drops the rule's findings. */
    rules: z.record(z.string().max(128), severity).default({}),
  })
  .strict();

export type ScanConfig = z.infer<typeof ScanConfigSchema>;
export type RuleSeverity = z.infer<typeof severity>;

export const EMPTY_CONFIG: ScanConfig = { exclude: [], rules: {} };

export interface LoadedConfig {
  config: ScanConfig;
  /** Where it came from (`.vendazescan.json`, `package.json#vendaze-scan`), or undefined for none. */
  source?: string;
}

export class ScanConfigError extends Error {}

function parse(raw: unknown, source: string): LoadedConfig {
  const result = ScanConfigSchema.safeParse(raw);
  if (!result.success) throw new ScanConfigError(`${source}: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return { config: result.data, source };
}

function json(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ScanConfigError(`${source}: not valid JSON (${(error as Error).message})`);
  }
}

/** `.vendazescan.json` wins over package.json's `vendaze-scan` key; neither means the empty config. */
export function loadScanConfig(read: (name: string) => string | undefined): LoadedConfig {
  const own = read(CONFIG_FILE);
  if (own !== undefined) return parse(json(own, CONFIG_FILE), CONFIG_FILE);
  const pkg = read('package.json');
  if (pkg !== undefined) {
    const manifest = json(pkg, 'package.json');
    const section = manifest !== null && typeof manifest === 'object' ? (manifest as Record<string, unknown>)[PACKAGE_KEY] : undefined;
    if (section !== undefined) return parse(section, 'package.json#vendaze-scan');
  }
  return { config: EMPTY_CONFIG };
}

function globToRegExp(glob: string): RegExp {
  let pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (pattern.endsWith('/')) pattern += '**';
  if (!pattern.includes('/')) pattern = `**/${pattern}`;
  else if (pattern.startsWith('/')) pattern = pattern.slice(1);
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` = zero or more directories; a trailing `**` = everything below.
      if (pattern[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A directory pattern also excludes what is inside it.
  return new RegExp(`^${re}(?:/.*)?$`);
}

/** Compiled excludes: `excluded('src/fixtures/a.env')` with paths relative to the config's directory. */
export function excludeMatcher(config: ScanConfig): (relPath: string) => boolean {
  const patterns = config.exclude.map(globToRegExp);
  return (relPath) => {
    const path = relPath.replace(/\\/g, '/');
    return patterns.some((p) => p.test(path));
  };
}

/** The severity the config gives a rule, or the finding's own. */
export function configuredSeverity<S extends string>(config: ScanConfig, ruleId: string, own: S): S | RuleSeverity {
  return config.rules[ruleId] ?? own;
}
