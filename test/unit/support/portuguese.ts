import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMessage, installTranslator, type Words } from '../../../src/common/l10n';

/**
 * The shipped pt-br bundle, read the way VS Code reads it (vscode.l10n.t's lookup: the bundle's text for the English
 * message, else the message; then the arguments), for tests of the Portuguese texts (docs/localization.md).
 */

// This file runs as out/test/unit/support/portuguese.js.
const root = join(__dirname, '..', '..', '..', '..');
export const bundlePt = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.pt-br.json'), 'utf8')) as Record<string, string>;

/** The pt-br words as a parameter (for builders that take the translator as `l10n`). */
export const portuguese: Words = { t: (message, ...args) => formatMessage(bundlePt[message] ?? message, args) };

/** Runs with the pt-br bundle installed as the translator (display language 'pt-br'), until `run` (or its promise) ends. */
export function inPortuguese<T>(run: () => T): T {
  installTranslator((message, ...args) => formatMessage(bundlePt[message] ?? message, args), 'pt-br');
  let result: T;
  try {
    result = run();
  } catch (error) {
    installTranslator(undefined);
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => installTranslator(undefined)) as T;
  installTranslator(undefined);
  return result;
}
