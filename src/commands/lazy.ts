import type { CommandHandler } from './register';

/**
 * A command handler made on the command's first run. `make` reaches the handler through a lazy accessor (a
 * `require()` of the feature's handlers module inside a function), which scripts/build.mjs turns into a bundle of
 * its own: activation pays for this closure only, and the module loads when someone runs the command
 * (docs/startup.md).
 */
export function lazyHandler(make: () => CommandHandler): CommandHandler {
  let handler: CommandHandler | undefined;
  return (...args: unknown[]) => (handler ??= make())(...args);
}
