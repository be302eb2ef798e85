import * as vscode from 'vscode';
import { CommandId } from './ids';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandHandler = (...args: any[]) => unknown;

/** Registers one handler per command id; the mapped type makes a missing handler a compile error. */
export function registerCommands(handlers: { [K in CommandId]: CommandHandler }): vscode.Disposable {
  return vscode.Disposable.from(
    ...Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler)),
  );
}
