import * as vscode from 'vscode';
import type { Position, TextSource } from '../detector';

/**
 * A TextDocument seen as the detector's TextSource: an incremental rescan reads only its window through
 * getText(range) and asks VS Code's own line index for positions, instead of copying a 10 MB document per keystroke.
 */
export function documentSource(document: vscode.TextDocument): TextSource & { positionAt(offset: number): Position } {
  const lastLine = document.lineAt(document.lineCount - 1);
  const length = document.offsetAt(lastLine.range.end);
  return {
    length,
    slice: (start, end) => document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end))),
    positionAt: (offset) => {
      const position = document.positionAt(offset);
      return { line: position.line, column: position.character };
    },
  };
}
