import * as vscode from 'vscode';
import { BINARY_SNIFF_LENGTH, detectSecrets, looksBinary, mergeRangeScan, scanRange, shiftFindings, type Finding, type KnownSecret } from '../detector';
import { documentSource } from './documentSource';
import { LEAK_SCHEMES } from './schemes';
import { MAX_DOCUMENT_LENGTH, SCAN_CHUNK_LENGTH, scanInSlices } from './editorScan';
import type { DiagnosticLevel } from './fixes';
import type { GitTracking } from './gitTracking';
import type { KnownSecretsProvider } from './knownSecrets';
import type { DeadSecrets } from './remediation';

import { DIAGNOSTIC_SOURCE } from '../common/diagnosticSource';
import type { Judgement } from '../scanPolicy/judge';
import { explain, rateFinding, type Verification } from '../scanPolicy/severity';

/** The team's vendaze-scan policy (config + baseline), as src/scanner/policy.ts implements it. */
export interface FindingPolicy {
  judge(uri: vscode.Uri, finding: { ruleId: string; fingerprint: string }): Judgement | undefined;
  onDidChange: vscode.Event<void>;
}

/** Typing pauses shorter than this are one edit: the rescan runs once, over the union of the changed ranges. */
const DEBOUNCE_MS = 150;


const LEVELS: Record<DiagnosticLevel, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

interface DocumentState {
  /** The document scanned: untitled names are reused, so a close may concern an older document of this URI. */
  document: vscode.TextDocument;
  findings: Finding[];
  /** Binary when last scanned: an edit that makes it text again needs a full scan, not a merge. */
  binary: boolean;
  /**
   * A full scan in slices is running (large documents), or its findings were capped: an edit then needs a full
   * scan again, since there is nothing exact to merge a range scan into.
   */
  needsFullScan?: boolean;
  /** Range changed since the last scan, in current offsets. */
  dirty?: { start: number; end: number };
  timer?: ReturnType<typeof setTimeout>;
}

export interface LeakDiagnosticsDeps {
  /** Also read by the code actions (is this finding's value already dead?). */
  knownSecrets: KnownSecretsProvider;
  git: GitTracking;
  dead: DeadSecrets;
  policy?: FindingPolicy;
  /** What "Check whether this secret is live" found, by fingerprint (src/leaks/verifyLive.ts). */
  verified?: { get(fingerprint: string): Verification | undefined; onDidChange: vscode.Event<void> };
}

/**
 * Secret-leak diagnostics for open documents: a full scan on open, then on each change the findings are shifted
 * through the edit and only the changed region is rescanned (debounced). Findings of files scanned by
 * "Scan Workspace for Secrets" stay in the same collection after their editor closes.
 */
export class LeakDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('vendaze-leaks');
  private readonly states = new Map<string, DocumentState>();
  /** Findings of files the workspace scan reported, kept while their document is closed. */
  private readonly scanned = new Map<string, Finding[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: LeakDiagnosticsDeps) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.scanDocument(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.onClose(document)),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.uri.path.endsWith('/.gitignore')) deps.git.invalidate();
      }),
      deps.knownSecrets.onDidChange(() => this.rescanAll()),
      // A dead value is matched exactly from now on (it may only have been found as a known secret): rescan.
      deps.dead.onDidChange(() => {
        this.rescanAll();
        this.republishScanned();
      }),
      deps.git.onDidChange((uri) => (uri ? this.republish(uri) : this.republishAll())),
      deps.policy?.onDidChange(() => {
        for (const uri of this.states.keys()) this.republish(vscode.Uri.parse(uri));
        this.republishScanned();
      }) ?? new vscode.Disposable(() => undefined),
      deps.verified?.onDidChange(() => this.republishAll()) ?? new vscode.Disposable(() => undefined),
    );
    for (const document of vscode.workspace.textDocuments) this.scanDocument(document);
  }

  /** Current findings of an open document (offsets into its current text). */
  findings(uri: vscode.Uri): readonly Finding[] {
    return this.states.get(uri.toString())?.findings ?? this.scanned.get(uri.toString()) ?? [];
  }

  /** The finding a diagnostic was made from. */
  findingAt(document: vscode.TextDocument, range: vscode.Range): Finding | undefined {
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    return this.findings(document.uri).find((f) => f.start === start && f.end === end);
  }

  /** Results of the workspace scan for a file that may not be open. */
  setScanned(uri: vscode.Uri, findings: Finding[], document?: vscode.TextDocument): void {
    const key = uri.toString();
    if (findings.length > 0) this.scanned.set(key, findings);
    else this.scanned.delete(key);
    if (!this.states.has(key)) this.publish(uri, findings, document);
  }

  clearScanned(): void {
    for (const key of this.scanned.keys()) if (!this.states.has(key)) this.collection.delete(vscode.Uri.parse(key));
    this.scanned.clear();
  }

  private scanDocument(document: vscode.TextDocument): void {
    if (!LEAK_SCHEMES.includes(document.uri.scheme)) return;
    const key = document.uri.toString();
    const previous = this.states.get(key);
    if (previous?.timer) clearTimeout(previous.timer);
    const source = documentSource(document);
    // A new state object: a sliced scan still running for the previous one sees it is no longer wanted.
    const state: DocumentState = { document, findings: previous?.findings ?? [], binary: looksBinary(source.slice(0, BINARY_SNIFF_LENGTH)) };
    this.states.set(key, state);
    const options = { fileName: document.fileName, knownSecrets: this.knownSecrets(), positionAt: source.positionAt };
    if (source.length > MAX_DOCUMENT_LENGTH || source.length <= SCAN_CHUNK_LENGTH) {
      this.settle(document, state, source.length > MAX_DOCUMENT_LENGTH ? [] : detectSecrets(document.getText(), options));
      return;
    }
    // Large document: scanned in slices so the extension host never blocks for long (see editorScan.ts).
    state.needsFullScan = true;
    const version = document.version;
    const wanted = () => this.states.get(key) === state && !document.isClosed && document.version === version;
    void scanInSlices(source, { ...options, stillWanted: wanted }).then((findings) => {
      if (findings && wanted()) this.settle(document, state, findings);
    });
  }

  private settle(document: vscode.TextDocument, state: DocumentState, findings: Finding[]): void {
    state.findings = findings;
    state.needsFullScan = findings.some((f) => f.summary);
    this.publish(document.uri, findings, document);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(event.document.uri.toString());
    if (!state || event.contentChanges.length === 0) return;
    // Changes of one event apply in order, each to the text the previous one produced (multi-cursor edits
    // arrive last-first, so their offsets stay valid).
    for (const change of event.contentChanges) {
      const { rangeOffset: offset, rangeLength: removed } = change;
      const inserted = change.text.length;
      state.findings = shiftFindings(state.findings, offset, removed, inserted);
      const map = (pos: number, isEnd: boolean): number =>
        pos < offset ? pos : pos >= offset + removed ? pos + inserted - removed : isEnd ? offset + inserted : offset;
      const dirty = state.dirty ? { start: map(state.dirty.start, false), end: map(state.dirty.end, true) } : { start: offset, end: offset };
      state.dirty = { start: Math.min(dirty.start, offset), end: Math.max(dirty.end, offset + inserted) };
    }
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => this.rescanDirty(event.document), DEBOUNCE_MS);
  }

  private rescanDirty(document: vscode.TextDocument): void {
    const state = this.states.get(document.uri.toString());
    if (!state?.dirty || document.isClosed) return;
    const { start, end } = state.dirty;
    state.dirty = undefined;
    state.timer = undefined;
    const source = documentSource(document);
    if (source.length > MAX_DOCUMENT_LENGTH) return;
    // A paste of most of the file (or a reload from disk: one whole-text change) is cheaper to rescan whole than
    // to merge; a capped or unfinished full scan has nothing exact to merge into.
    if (state.needsFullScan || end - start > source.length / 2) {
      this.scanDocument(document);
      return;
    }
    const options = { fileName: document.fileName, knownSecrets: this.knownSecrets(), positionAt: source.positionAt };
    const scan = scanRange(source, start, end, options);
    if (state.binary && !scan.binary) {
      // Binary until now: nothing to merge into, so a full scan.
      this.scanDocument(document);
      return;
    }
    state.findings = mergeRangeScan(state.findings, scan);
    state.binary = scan.binary;
    this.publish(document.uri, state.findings, document);
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const state = this.states.get(key);
    // A new untitled document can take the name of one that is still closing ("Untitled-1"): its close must not
    // take the new document's findings with it.
    if (state && state.document !== document) return;
    if (state?.timer) clearTimeout(state.timer);
    this.states.delete(key);
    const scanned = this.scanned.get(key);
    if (scanned) this.publish(document.uri, scanned);
    else this.collection.delete(document.uri);
  }

  private rescanAll(): void {
    for (const document of vscode.workspace.textDocuments) if (this.states.has(document.uri.toString())) this.scanDocument(document);
  }

  private republishScanned(): void {
    for (const [key, findings] of this.scanned) if (!this.states.has(key)) this.publish(vscode.Uri.parse(key), findings);
  }

  /** Live known secrets plus dead ones: a dead value keeps being found, and its findings say it is dead. */
  knownSecrets(): KnownSecret[] {
    return [...this.deps.knownSecrets.knownSecrets(), ...this.deps.dead.knownSecrets()];
  }

  private republishAll(): void {
    for (const [key, state] of this.states) this.publish(vscode.Uri.parse(key), state.findings);
    this.republishScanned();
  }

  private republish(uri: vscode.Uri): void {
    const state = this.states.get(uri.toString());
    if (state) this.publish(uri, state.findings);
  }

  private publish(uri: vscode.Uri, findings: readonly Finding[], known?: vscode.TextDocument): void {
    const document = known ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const git = this.deps.git.state(uri);
    this.collection.set(
      uri,
      findings.flatMap((f) => {
        const judged = this.deps.policy?.judge(uri, { ruleId: f.ruleId, fingerprint: f.fingerprint });
        if (judged?.drop) return [];
        const cause = this.deps.dead.causeOf(f.fingerprint);
        // The whole policy (git state, live/dead, baseline, configured severity): src/scanPolicy/severity.ts.
        const rating = rateFinding({
          severity: f.severity,
          ...(judged?.configured ? { configured: judged.configured } : {}),
          git,
          knownLive: f.tier === 1 && cause === undefined, // a value the extension holds (a dead one stays matched too)
          knownDead: cause !== undefined,
          inBaseline: judged?.inBaseline ?? false,
          ...(this.deps.verified?.get(f.fingerprint) ? { verification: this.deps.verified.get(f.fingerprint)! } : {}),
        });
        if (rating.drop) return [];
        const range = document
          ? new vscode.Range(document.positionAt(f.start), document.positionAt(f.end))
          : new vscode.Range(f.line, f.column, f.line, f.column + (f.end - f.start)); // single-line values: the scan's own positions
        const kind = f.kind.replace('_', ' ');
        const base = !cause
          ? f.message
          : cause === 'rotated'
            ? vscode.l10n.t('Dead Vendaze {0} ({1}): it was rotated and no longer works. Remove it from the file.', kind, f.hint)
            : vscode.l10n.t('Dead Vendaze {0} ({1}): it was revoked and no longer works. Remove it from the file.', kind, f.hint);
        // The dead message already says why; every other reason is one sentence after the message.
        const notes = explain(cause ? rating.reasons.filter((r) => r !== 'dead') : rating.reasons);
        const diagnostic = new vscode.Diagnostic(range, notes ? `${base} ${notes}` : base, LEVELS[rating.level]);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = f.ruleId;
        return [diagnostic];
      }),
    );
  }

  dispose(): void {
    for (const state of this.states.values()) if (state.timer) clearTimeout(state.timer);
    this.states.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
