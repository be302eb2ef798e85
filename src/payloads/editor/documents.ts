import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { modify, parse, type JSONPath } from 'jsonc-parser';
import { isPayloadFileName, KIND_KEY } from '../payloadFile';

/**
 * Opening and finding payload documents. New payloads are UNTITLED documents that carry a file path
 * (untitled:/…/name.vendaze-app.json): nothing touches the disk until the user saves, yet the name matches the
 * jsonValidation pattern and the CodeLens selector, and Save writes it where it belongs without a dialog.
 */

export function isPayloadDocument(document: vscode.TextDocument): boolean {
  return isPayloadFileName(document.uri.path);
}

/** Where new payload files would be saved: the first workspace folder, else the home folder. */
function payloadFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}

/**
 * Shows the untitled payload named `fileName`, creating it with `text` unless one with that name is already open
 * (then the user's edits are kept: a second "Rotate" on the same app must not clobber a half-edited payload).
 */
export async function openNewPayload(fileName: string, text: string): Promise<{ document: vscode.TextDocument; reused: boolean }> {
  const folder = payloadFolder();
  const untitled = (name: string) => vscode.Uri.joinPath(folder, name).with({ scheme: 'untitled' });
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === untitled(fileName).toString() && !d.isClosed);
  if (open && open.getText().trim()) {
    await vscode.window.showTextDocument(open);
    return { document: open, reused: true };
  }
  const uri = untitled(await freeName(folder, fileName));
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, fullRange(document), text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(document);
  return { document, reused: false };
}

/** my-app.vendaze-app.json, else my-app-2.vendaze-app.json…: never shadow a file that exists on disk. */
async function freeName(folder: vscode.Uri, fileName: string): Promise<string> {
  const stem = fileName.replace(/\.vendaze-app\.json$/i, '');
  for (let n = 1; n < 100; n++) {
    const name = n === 1 ? fileName : `${stem}-${n}.vendaze-app.json`;
    const onDisk = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, name)).then(
      () => true,
      () => false,
    );
    if (!onDisk) return name;
  }
  return `${stem}-${Date.now()}.vendaze-app.json`;
}

function topLevel(text: string): Record<string, unknown> | undefined {
  const value: unknown = parse(text, [], { allowTrailingComma: true });
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The `$kind` of a payload text, if it parses that far. */
export function payloadKind(text: string): 'register' | 'rotate' | undefined {
  const kind = topLevel(text)?.[KIND_KEY];
  return kind === 'register' || kind === 'rotate' ? kind : undefined;
}

/** The `client_id` a rotate payload names, if the text parses that far. */
export function payloadClientId(text: string): string | undefined {
  const record = topLevel(text);
  return record?.[KIND_KEY] === 'rotate' && typeof record.client_id === 'string' ? record.client_id : undefined;
}

/** An open payload document for this app, else a saved one in the workspace (first 200 payload files looked at). */
export async function findPayloadFor(clientId: string): Promise<{ document: vscode.TextDocument; source: 'open' | 'workspace' } | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => !d.isClosed && isPayloadDocument(d) && payloadClientId(d.getText()) === clientId);
  if (open) return { document: open, source: 'open' };
  const files = await vscode.workspace.findFiles('**/*.vendaze-app.json', '**/node_modules/**', 200);
  for (const file of files) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    if (payloadClientId(text) === clientId) return { document: await vscode.workspace.openTextDocument(file), source: 'workspace' };
  }
  return undefined;
}

/**
 * Sets values in the document through jsonc-parser `modify`, one change at a time as small text edits, so the
 * user's formatting elsewhere (and the cursor) stays where it was.
 */
export async function setJsonValues(document: vscode.TextDocument, changes: Array<{ path: JSONPath; value: unknown; index?: number }>): Promise<boolean> {
  for (const change of changes) {
    const edits = modify(document.getText(), change.path, change.value, {
      formattingOptions: { insertSpaces: true, tabSize: 2, eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n' },
      getInsertionIndex: change.index === undefined ? undefined : () => change.index as number,
    });
    if (edits.length === 0) continue;
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
    }
    if (!(await vscode.workspace.applyEdit(edit))) return false;
  }
  return true;
}

function fullRange(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
}
