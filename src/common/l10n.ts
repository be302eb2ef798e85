/**
 * Localization for modules that must not import `vscode` (docs/localization.md). They call `l10n.t('English text
 * {0}', value)` exactly as the extension's own files call `vscode.l10n.t`: same signature, same placeholders, and the
 * same key (the English text) in l10n/bundle.l10n.pt-br.json. The extension installs `vscode.l10n.t` as the
 * translator once at activation; anything that never installs one (the CLI, the GitHub Action, unit tests) gets
 * the English text, formatted.
 *
 * The translator lives on globalThis under a `Symbol.for` key, not in module state: lazy bundles carry their own
 * copy of this module (docs/startup.md), and they must all see the one the extension installed.
 */

export type L10nArgs = Array<string | number | boolean> | [Record<string, string | number | boolean>];
/** The shape of `vscode.l10n.t` (its positional and named forms), so the extension can install it as it is. */
export interface Translator {
  (message: string, ...args: Array<string | number | boolean>): string;
  (message: string, args: Record<string, unknown>): string;
}

const KEY = Symbol.for('vendaze.l10n.translator');
const LANGUAGE = Symbol.for('vendaze.l10n.language');
type Holder = { [KEY]?: Translator; [LANGUAGE]?: string };

/** `{0}`, `{name}`: replaced by the matching argument; unknown placeholders stay as they are (as vscode.l10n does). */
export function formatMessage(message: string, args: readonly unknown[]): string {
  const named = args.length === 1 && typeof args[0] === 'object' && args[0] !== null ? (args[0] as Record<string, unknown>) : undefined;
  return message.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const value = named ? named[name] : /^\d+$/.test(name) ? args[Number(name)] : undefined;
    return value === undefined ? whole : String(value);
  });
}

export const l10n = {
  t(message: string, ...args: Array<string | number | boolean> | [Record<string, string | number | boolean>]): string {
    const translate = (globalThis as Holder)[KEY];
    return translate ? (translate as (m: string, ...a: unknown[]) => string)(message, ...args) : formatMessage(message, args);
  },
  /** The display language the translator speaks (`vscode.env.language`), 'en' without one: for tables kept per
   * language in code rather than in the bundle (scope descriptions, src/schemas/scopeList.ts). */
  language(): string {
    return (globalThis as Holder)[LANGUAGE] ?? 'en';
  },
};

/**
 * A translator passed as a parameter named `l10n` (so each literal stays an `l10n.t('…')` the localization test checks):
 * `l10n` above for the person's display language, `english` for the text that goes to a log or an audit record.
 */
export type Words = { t(message: string, ...args: Array<string | number>): string };
/** English whatever the display language (docs/localization.md, "Two texts for one event"). */
export const english: Words = { t: (message, ...args) => formatMessage(message, args) };

/** Called once by the extension's activate() with `vscode.l10n.t`; `undefined` uninstalls it (tests). */
export function installTranslator(translate: Translator | undefined, language?: string): void {
  (globalThis as Holder)[KEY] = translate;
  (globalThis as Holder)[LANGUAGE] = translate ? language : undefined;
}
