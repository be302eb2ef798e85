/**
 * Practice diagnostics: open documents are reviewed by the worker 100 ms after typing stops (whole file, off the
 * extension host), closed workspace files once from disk and again when they change on disk. Everything starts on
 * the first document that talks to Vendaze; until then the feature costs a listener and a regexp per opened file.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../common/diagnosticSource';
import type { Logger } from '../../common/logger';
import { PRACTICE_NAMES, docsLink, type PracticeSeverity } from '../catalog';
import { isRelevant, langOf, MAX_REVIEW_LENGTH } from '../source';
import type { PracticeFinding } from '../types';
import type { FileResult, WorkerResponse } from '../workerProtocol';
import type { PracticeClient } from './client';
import type { PracticeGenerationSource } from './generation';
import { affectsPractices, ruleSettings } from './settings';

const DEBOUNCE_MS = 100;
const INDEX_DELAY_MS = 1500;
const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote']);
const WORKSPACE_GLOB = '**/{*.js,*.jsx,*.mjs,*.cjs,*.ts,*.tsx,*.mts,*.cts,*.vue,*.svelte,*.py,*.go,*.rb,*.php,*.json,*.yaml,*.yml,*.toml,*.properties,*.xml,*.plist,.env,.env.*,*.env}';
const WORKSPACE_EXCLUDE = '**/{node_modules,.git,dist,out,build,.next,vendor,.venv,venv,__pycache__,coverage}/**';
const MAX_WORKSPACE_FILES = 5000;
/** Closed files above this size are generated or data, not integration code. */
const MAX_DISK_BYTES = 1024 * 1024;

const LEVEL: Record<PracticeSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

const isPracticeRule = (code: string): boolean => PRACTICE_NAMES.some((n) => code === `vendaze/practice/${n}`);

export class PracticeDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('vendaze-practices');
  private readonly results = new Map<string, FileResult>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  private started?: Promise<void>;
  private indexed?: Promise<void>;

  constructor(private readonly client: PracticeClient, private readonly log: Logger, private readonly generation: PracticeGenerationSource) {
    this.disposables.push(
      generation.onDidChange(() => {
        if (this.started) void this.configure();
      }),
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.consider(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.consider(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsPractices(e) && this.started) void this.configure();
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.consider(document, 0);
  }

  /** Findings of a document as of its current version (for quick fixes), or undefined while a review is due. */
  findingsOf(document: vscode.TextDocument): readonly PracticeFinding[] | undefined {
    const result = this.results.get(document.uri.toString());
    return result && result.version === document.version ? result.findings : undefined;
  }

  /** Files that have findings now. */
  collectionKeys(): string[] {
    return [...this.results.keys()];
  }

  /** Reviews the workspace (once) and resolves when every file is in the index. */
  ensureIndexed(): Promise<void> {
    void this.start();
    return this.indexed ?? Promise.resolve();
  }

  private consider(document: vscode.TextDocument, delay: number): void {
    if (!SCHEMES.has(document.uri.scheme) || !langOf(document.fileName) || document.getText().length > MAX_REVIEW_LENGTH) return;
    const key = document.uri.toString();
    if (!this.started && !isRelevant(document.fileName, document.getText())) return;
    void this.start();
    const previous = this.timers.get(key);
    if (previous) clearTimeout(previous);
    this.timers.set(key, setTimeout(() => void this.reviewDocument(document), delay));
  }

  private start(): Promise<void> {
    if (!this.started) {
      this.started = this.configure();
      // The workspace pass waits a moment: the document that started the feature is reviewed first, and a window
      // that is still starting up is not slowed by file reads it does not need yet.
      this.indexed = this.started
        .then(() => new Promise((resolve) => setTimeout(resolve, INDEX_DELAY_MS)))
        .then(() => this.indexWorkspace())
        .catch((error) => this.log.warn(`practice review of the workspace stopped: ${(error as Error).message}`));
    }
    return this.started;
  }

  private async configure(): Promise<void> {
    const bundle = vscode.l10n.bundle; // undefined in English: the worker then keeps the English source texts
    const l10n = bundle ? { language: vscode.env.language, bundle: { ...bundle } } : undefined;
    this.apply(await this.client.request({ type: 'configure', apiGeneration: this.generation.current(), rules: ruleSettings(), l10n }));
  }

  private async reviewDocument(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    this.timers.delete(key);
    if (document.isClosed) return;
    await this.started;
    const fileName = vscode.workspace.asRelativePath(document.uri, false);
    this.apply(await this.client.request({ type: 'review', key, fileName, text: document.getText(), version: document.version }));
  }

  private async indexWorkspace(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher(WORKSPACE_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.reviewFromDisk(uri)),
      watcher.onDidChange((uri) => void this.reviewFromDisk(uri)),
      watcher.onDidDelete((uri) => void this.client.request({ type: 'forget', key: uri.toString() }).then((r) => this.apply(r))),
    );
    const uris = await vscode.workspace.findFiles(WORKSPACE_GLOB, WORKSPACE_EXCLUDE, MAX_WORKSPACE_FILES);
    // One file at a time: each await hands the extension host back its event loop.
    for (const uri of uris) await this.reviewFromDisk(uri);
    this.log.info(`practice review: ${uris.length} workspace files considered`);
  }

  private async reviewFromDisk(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return; // the open document wins
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_DISK_BYTES) return;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (!isRelevant(uri.path, text)) {
        if (this.results.has(key)) this.apply(await this.client.request({ type: 'forget', key }));
        return;
      }
      this.apply(await this.client.request({ type: 'review', key, fileName: vscode.workspace.asRelativePath(uri, false), text, version: -1 }));
    } catch {
      // Deleted or unreadable between listing and reading: the watcher reports it if it comes back.
    }
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    // A closed file stays in the workspace index as it is on disk; an untitled one is gone.
    if (document.uri.scheme === 'untitled') void this.client.request({ type: 'forget', key }).then((r) => this.apply(r));
    else if (this.started) void this.reviewFromDisk(document.uri);
  }

  private apply(response: WorkerResponse): void {
    if (response.error) {
      this.log.warn(`practice review: ${response.error}`);
      return;
    }
    for (const [key, result] of Object.entries(response.files ?? {})) {
      if (result.findings.length === 0) this.results.delete(key);
      else this.results.set(key, result);
      this.publish(key, result);
    }
  }

  private publish(key: string, result: FileResult): void {
    const uri = vscode.Uri.parse(key);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    const exact = document && document.version === result.version;
    this.collection.set(
      uri,
      result.findings.map((f) => {
        const range = exact ? new vscode.Range(document.positionAt(f.start), document.positionAt(f.end)) : new vscode.Range(f.line, f.column, f.endLine, f.endColumn);
        const diagnostic = new vscode.Diagnostic(range, `${f.message} ${f.reason}`, LEVEL[f.severity]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        // The code links to the practice in docs/practices.md (Problems view and hover show it).
        diagnostic.code = { value: f.ruleId, target: vscode.Uri.parse(docsLink(f.name)) };
        return diagnostic;
      }),
    );
  }

  static isPracticeDiagnostic(diagnostic: vscode.Diagnostic): boolean {
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    return diagnostic.source === DIAGNOSTIC_SOURCE && typeof code === 'string' && isPracticeRule(code);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
