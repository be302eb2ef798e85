import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { modify, parse, type JSONPath } from 'jsonc-parser';
import { isPayloadFileName, KIND_KEY } from '../payloadFile';

/**
 * Opening and finding payload documents. New payloads are SAVED FILES, opened clean, so closing one never asks
 * to save (an untitled document always does, even untouched). Where:
 * - `vendaze.payloadFolder` when the user chose one (e.g. a folder in the repository, to keep payloads with the
 *   code): new names never overwrite a file there;
 * - otherwise the extension's global storage (`<globalStorageUri>/payloads`): a predictable place of ours, outside
 *   every workspace, so nothing lands in a repository unasked and `git add .` cannot pick a payload up. A file
 *   system provider scheme was the other option; real files keep everything else working unchanged: the
 *   `*.vendaze-app.json` jsonValidation pattern and CodeLens selector match by name, Submit reads the text, and the
 *   leak scanner sees a `file:` document outside the workspace (untracked, as an untitled one was).
 * Changes the extension makes after a submit (the new client_id) are saved at once, for the same reason.
 */

export function isPayloadDocument(document: vscode.TextDocument): boolean {
  return isPayloadFileName(document.uri.path);
}

// On globalThis under a registered symbol: lazy bundles get their own copy of this module (docs/startup.md).
const STORAGE = Symbol.for('vendaze.payloadStorage');
type Holder = { [STORAGE]?: vscode.Uri };

/** Called once at activation with `context.globalStorageUri`. */
export function setPayloadStorage(globalStorageUri: vscode.Uri): void {
  (globalThis as Holder)[STORAGE] = globalStorageUri;
}

/** Where new payload files go, and whether the folder is ours (then a payload of the same name is replaced). */
export function payloadFolder(): { folder: vscode.Uri; ours: boolean } {
  const chosen = vscode.workspace.getConfiguration('vendaze').get<string>('payloadFolder', '').trim();
  if (chosen) {
    const expanded = chosen.startsWith('~') ? join(homedir(), chosen.slice(1)) : chosen;
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const folder = isAbsolute(expanded) ? vscode.Uri.file(expanded) : base ? vscode.Uri.joinPath(base, expanded) : vscode.Uri.file(join(homedir(), expanded));
    return { folder, ours: false };
  }
  const storage = (globalThis as Holder)[STORAGE];
  return { folder: storage ? vscode.Uri.joinPath(storage, 'payloads') : vscode.Uri.file(join(tmpdir(), 'vendaze-payloads')), ours: true };
}

/**
 * Shows the payload named `fileName`, writing it with `text` unless one with that name is already open with
 * content (then the user's edits are kept: a second "Rotate" on the same app must not clobber a half-edited payload).
 */
export async function openNewPayload(fileName: string, text: string): Promise<{ document: vscode.TextDocument; reused: boolean }> {
  const { folder, ours } = payloadFolder();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === vscode.Uri.joinPath(folder, fileName).toString() && !d.isClosed);
  if (open && open.getText().trim()) {
    await vscode.window.showTextDocument(open);
    return { document: open, reused: true };
  }
  await vscode.workspace.fs.createDirectory(folder);
  const uri = vscode.Uri.joinPath(folder, ours ? fileName : await freeName(folder, fileName));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.getText() !== text) {
    // An empty document of that name was still open: it holds the old text, so set it and save.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, fullRange(document), text);
    await vscode.workspace.applyEdit(edit);
    await document.save();
  }
  await vscode.window.showTextDocument(document);
  return { document, reused: false };
}

/** my-app.vendaze-app.json, else my-app-2.vendaze-app.json…: never overwrite a file in a folder the user chose. */
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

/** The payload files in the payload folder (outside the workspace, where findFiles does not look). */
async function storedPayloads(): Promise<vscode.Uri[]> {
  const { folder } = payloadFolder();
  const entries = await vscode.workspace.fs.readDirectory(folder).then(
    (list) => list,
    () => [] as Array<[string, vscode.FileType]>,
  );
  return entries.filter(([name, type]) => type === vscode.FileType.File && isPayloadFileName(name)).slice(0, 200).map(([name]) => vscode.Uri.joinPath(folder, name));
}

/** An open payload document for this app, else a saved one in the payload folder or the workspace (first 200 each). */
export async function findPayloadFor(clientId: string): Promise<{ document: vscode.TextDocument; source: 'open' | 'workspace' } | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => !d.isClosed && isPayloadDocument(d) && payloadClientId(d.getText()) === clientId);
  if (open) return { document: open, source: 'open' };
  const files = [...(await storedPayloads()), ...(await vscode.workspace.findFiles('**/*.vendaze-app.json', '**/node_modules/**', 200))];
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
  // Our own change: saved, so it never leaves the document asking to be saved on close.
  if (document.uri.scheme === 'file' && document.isDirty) await document.save();
  return true;
}

function fullRange(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
}
