/**
 * dist/extension.js, what VS Code loads: runs the main bundle (dist/main.js) through V8's code cache
 * (./codeCache.ts). The main bundle runs as this module, so VS Code's `require('vscode')` and the lazy bundles'
 * lookups in require.cache see dist/extension.js exactly as before.
 */
import { join } from 'node:path';
import { runWithCodeCache } from './codeCache';

/** Set by scripts/build.mjs: a hash of dist/main.js. */
declare const VENDAZE_MAIN_KEY: string;

/** Written a few seconds after the first start: by then activation is over and its functions are compiled. */
const WRITE_DELAY_MS = 5000;

const state = runWithCodeCache(module, require, { file: join(__dirname, 'main.js'), cacheDir: join(__dirname, '.v8cache'), key: VENDAZE_MAIN_KEY, delayMs: WRITE_DELAY_MS });
// For the start-up bench and the logs; VS Code itself only calls activate/deactivate.
Object.defineProperty(module.exports, '__vendazeCodeCache', { value: state });
