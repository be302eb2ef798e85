/**
 * Reads the ids a package.json manifest contributes and references. Pure (no `vscode` import) so the unit tier
 * (test/unit/manifest.test.ts, against src/commands/ids) and the host tier (test/suite/manifest.test.ts, against
 * what the running extension registered) check the same facts. Not a *.test file: the suite runner skips it.
 */

interface MenuItem { command?: string; alt?: string; submenu?: string; when?: string }
export interface Manifest {
  activationEvents?: string[];
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    views?: Record<string, { id: string }[]>;
    viewsWelcome?: { view: string; contents: string; when?: string }[];
    menus?: Record<string, MenuItem[]>;
    submenus?: { id: string }[];
  };
}

export const contributedCommands = (m: Manifest): string[] => (m.contributes?.commands ?? []).map((c) => c.command);

export const contributedViews = (m: Manifest): string[] =>
  Object.values(m.contributes?.views ?? {}).flatMap((views) => views.map((v) => v.id));

/** Every command a menu item names, as `menu: command` pairs, `alt` commands included. */
export function menuCommands(m: Manifest): { menu: string; command: string }[] {
  return Object.entries(m.contributes?.menus ?? {}).flatMap(([menu, items]) =>
    items.flatMap((item) => [item.command, item.alt].filter((c): c is string => !!c).map((command) => ({ menu, command }))),
  );
}

/** `[label](command:id)` and `command:id?args` links in viewsWelcome contents. */
export function welcomeCommands(m: Manifest): string[] {
  const contents = (m.contributes?.viewsWelcome ?? []).map((w) => w.contents).join('\n');
  return [...contents.matchAll(/\(command:([\w.-]+)/g)].map((match) => match[1]);
}

/** View ids named by `view == X` (or `view === X`) in menu and welcome `when` clauses, plus welcome targets. */
export function referencedViews(m: Manifest): string[] {
  const menuWhens = Object.values(m.contributes?.menus ?? {}).flatMap((items) => items.map((i) => i.when ?? ''));
  const welcome = m.contributes?.viewsWelcome ?? [];
  const whens = [...menuWhens, ...welcome.map((w) => w.when ?? '')].join('\n');
  const inWhen = [...whens.matchAll(/\bview\s*===?\s*'?([\w.-]+)/g)].map((match) => match[1]);
  return [...new Set([...inWhen, ...welcome.map((w) => w.view)])];
}

/**
 * VS Code registers a few commands of its own for every contributed view (`<view>.focus`, `.resetViewLocation`,
 * `.toggleVisibility`, `.removeView`, `.open`): they share the extension's prefix but are not ours to contribute.
 */
export function isViewCommand(command: string, views: string[]): boolean {
  return views.some((view) => command.startsWith(`${view}.`));
}

/**
 * package.json with its `%key%` placeholders replaced from a package.nls*.json, as VS Code and vsce do: a string
 * value that is exactly `%key%` becomes nls[key] (missing keys stay as they are, so a test names them).
 */
export function localizeManifest<T>(value: T, nls: Record<string, string>): T {
  if (typeof value === 'string') {
    const key = /^%([\w.-]+)%$/.exec(value)?.[1];
    return (key !== undefined && key in nls ? nls[key] : value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => localizeManifest(v, nls)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localizeManifest(v, nls)])) as T;
  }
  return value;
}
