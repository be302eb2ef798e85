/** File names of the team policy, without the zod schemas (the CLI loads those only when a file exists). */
export const CONFIG_FILE = '.vendazescan.json';
export const BASELINE_FILE = '.vendaze-baseline.json';
/** The package.json key that can hold the config instead of CONFIG_FILE. */
export const PACKAGE_KEY = 'vendaze-scan';
/** Said in a diagnostic accepted in the baseline (zod-free, so the editor's diagnostics need not load the policy code). */
export const BASELINE_NOTE = 'accepted in baseline';
