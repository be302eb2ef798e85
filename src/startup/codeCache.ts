/**
 * Runs a CommonJS bundle through V8's code cache, as Node 22's module.enableCompileCache() would (these hosts run
 * Node 20, and VS Code enables no compile cache for extensions). Compiling the 230 KB main bundle costs ~12 ms
 * of every window's start-up on our reference machine; from the cache, ~2 ms (docs/startup.md).
 *
 * The first start compiles as usual and, `delayMs` later (after activation, so the functions activation compiled
 * are in it), writes the cache next to the bundle. Every later start reads it. V8 checks the cache against its own
 * version, flags and the source, and refuses one that does not fit: then the start compiles as usual and writes a
 * fresh cache. Any file error (a read-only install) only means no cache. The cache lives in the extension's own
 * folder: whoever can write there can already replace the bundle itself, so it opens no new way in.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** `used`: compiled from the cache; `absent`: none yet; `rejected`: V8 refused it (other V8, flags or source). */
export type CodeCacheState = 'used' | 'absent' | 'rejected';

export interface CodeCacheOptions {
  /** The bundle to run (CommonJS). */
  file: string;
  /** Where cache files go: created on first write. */
  cacheDir: string;
  /** Identifies the bundle's content (a hash made at build time): a new build never meets an old cache. */
  key: string;
  /** How long after loading the cache is written, when it has to be. */
  delayMs: number;
}

/** The module the bundle runs as: the caller's own, so `require('vscode')` and relative requires resolve as its. */
export interface HostModule {
  exports: unknown;
}

function cacheFileName(options: CodeCacheOptions): string {
  return `${basename(options.file, '.js')}-${options.key}-${process.versions.v8}-${process.arch}.v8cache`;
}

function readCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes atomically (two windows may start together) and removes the caches of other builds of this bundle. Caches
 * of this build for other V8s stay: two hosts can share an extension folder (a desktop and a remote one), and
 * each would otherwise delete the other's at every start.
 */
export function writeCodeCache(script: Script, options: CodeCacheOptions): boolean {
  const name = cacheFileName(options);
  try {
    mkdirSync(options.cacheDir, { recursive: true });
    const temporary = join(options.cacheDir, `${name}.${process.pid}.tmp`);
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, join(options.cacheDir, name));
    const bundle = `${basename(options.file, '.js')}-`;
    const thisBuild = `${bundle}${options.key}-`;
    for (const stale of readdirSync(options.cacheDir)) {
      if (stale.startsWith(bundle) && !stale.startsWith(thisBuild) && stale.endsWith('.v8cache')) rmSync(join(options.cacheDir, stale), { force: true });
    }
    return true;
  } catch {
    return false;
  }
}

/** Runs `options.file` as `host`'s code (its exports end up in host.exports) and says whether the cache served. */
export function runWithCodeCache(host: HostModule, hostRequire: NodeJS.Require, options: CodeCacheOptions): CodeCacheState {
  const source = readFileSync(options.file, 'utf8');
  const cachedData = readCache(join(options.cacheDir, cacheFileName(options)));
  // Node's CommonJS wrapper, on a line of its own that lineOffset takes back out: stack traces and source maps
  // see the file's own lines and columns.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {\n${source}\n})`;
  const script = new Script(wrapped, { filename: options.file, lineOffset: -1, cachedData });
  const state: CodeCacheState = cachedData === undefined ? 'absent' : script.cachedDataRejected ? 'rejected' : 'used';
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(host.exports, host.exports, hostRequire, host, options.file, dirname(options.file));
  if (state !== 'used') setTimeout(() => writeCodeCache(script, options), options.delayMs).unref();
  return state;
}
