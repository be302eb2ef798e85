/**
 * Every command and view id the extension contributes, in one place. The manifest test compares these with
 * package.json, and `registerCommands` requires a handler for each id, so neither side can drift.
 */
export const Commands = {
  showLog: 'vendaze.showLog',
  checkConnection: 'vendaze.checkConnection',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  apps: 'vendaze.apps',
} as const;

export type ViewId = (typeof Views)[keyof typeof Views];
