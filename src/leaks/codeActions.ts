import * as vscode from 'vscode';
import { SUPPRESSION_MARKER, type Finding, type KnownSecretKind } from '../detector';
import { Commands } from '../commands/ids';
import { DIAGNOSTIC_SOURCE } from '../common/diagnosticSource';
import type { LeakDiagnostics } from './diagnostics';
import { commentSyntax, envReference, envVarName, gitignoreAddition, gitignoreHas, isEnvStyleFile, remediesFor, suppressionComment } from './fixes';
import { mcpConfigKind, removeServerEdits, vendazeServerAt } from './mcpConfigFix';
import type { DeadSecrets, LeakRemediation } from './remediation';
import type { CheckLiveArgs } from './verifyLive';

/**
 * Arguments of the rotate / revoke commands a quick fix runs: where the finding is, never the value (command
 * arguments travel through the workbench); the handler reads the value from the document itself.
 */
export interface RemedyArgs {
  clientId: string;
  kind: KnownSecretKind;
  uri: string;
  start: number;
  end: number;
}

/**
 * Quick fixes on Vendaze diagnostics: use an environment variable instead of the literal, suppress the line,
 * keep a .env-style file out of git, and — when the value is one the extension holds and a LeakRemediation is
 * connected — rotate the app's secret or revoke its tokens.
 */
export class LeakCodeActions implements vscode.CodeActionProvider {
  constructor(
    private readonly diagnostics: LeakDiagnostics,
    private readonly dead: DeadSecrets,
    private readonly remediation: () => LeakRemediation | undefined,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = this.diagnostics.findingAt(document, diagnostic.range);
      if (!finding) continue;
      const mcp = this.useExtensionMcpServer(document, finding, diagnostic);
      if (mcp) actions.push(mcp);
      actions.push(...this.remedies(document, finding, diagnostic));
      const check = this.checkLive(document, finding, diagnostic);
      if (check) actions.push(check);
      const incident = this.incidentResponse(document, finding, diagnostic);
      if (incident) actions.push(incident);
      const env = this.useEnvironmentVariable(document, finding, diagnostic);
      if (env) actions.push(env);
      const suppress = this.suppress(document, finding, diagnostic);
      if (suppress) actions.push(suppress);
      const ignore = await this.ignoreFile(document, diagnostic);
      if (ignore) actions.push(ignore);
    }
    return actions;
  }

  private action(title: string, diagnostic: vscode.Diagnostic, preferred = false): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = preferred;
    return action;
  }

  /** A token in a Vendaze MCP server entry of settings.json / mcp.json: the extension provides that server now. */
  private useExtensionMcpServer(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const kind = mcpConfigKind(document.fileName);
    if (!kind || (finding.kind !== 'access_token' && finding.kind !== 'refresh_token' && finding.kind !== 'generic_secret')) return undefined;
    const text = document.getText();
    const apiBaseUrl = vscode.workspace.getConfiguration('vendaze').get<string>('apiBaseUrl', 'https://api.vendaze.com');
    const entry = vendazeServerAt(text, finding.start, kind, [apiBaseUrl]);
    if (!entry) return undefined;
    const action = this.action(vscode.l10n.t('Replace MCP server "{0}" by the Vendaze extension\'s (no token in the file)', entry.name), diagnostic, true);
    action.edit = new vscode.WorkspaceEdit();
    for (const edit of removeServerEdits(text, entry)) {
      action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.offset), document.positionAt(edit.offset + edit.length)), edit.content);
    }
    return action;
  }

  private remedies(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const ref = finding.knownSecretRef;
    if (!this.remediation() || !ref?.clientId || this.dead.causeOf(finding.fingerprint)) return [];
    const args: RemedyArgs = { clientId: ref.clientId, kind: ref.kind, uri: document.uri.toString(), start: finding.start, end: finding.end };
    const label = finding.knownSecretRef?.label;
    return remediesFor(finding).map((remedy) => {
      const title = remedy === 'rotate'
        ? (label ? vscode.l10n.t('Rotate this app\'s secret now ("{0}")', label) : vscode.l10n.t('Rotate this app\'s secret now'))
        : label ? vscode.l10n.t('Revoke the tokens ("{0}")', label) : vscode.l10n.t('Revoke the tokens');
      const action = this.action(title, diagnostic, true);
      action.command = {
        title: action.title,
        command: remedy === 'rotate' ? Commands.rotateLeakedSecret : Commands.revokeLeakedTokens,
        arguments: [args],
      };
      return action;
    });
  }

  /** Ask the API whether the value works (src/leaks/verifyLive.ts): client_secrets and access tokens only. */
  private checkLive(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    if ((finding.kind !== 'client_secret' && finding.kind !== 'access_token') || this.dead.causeOf(finding.fingerprint)) return undefined;
    const action = this.action(vscode.l10n.t('Check whether this secret is live'), diagnostic);
    const args: CheckLiveArgs = { uri: document.uri.toString(), start: finding.start, end: finding.end, kind: finding.kind, ...(finding.knownSecretRef?.clientId ? { clientId: finding.knownSecretRef.clientId } : {}) };
    action.command = { title: action.title, command: Commands.checkSecretLive, arguments: [args] };
    return action;
  }

  /** A value the extension holds leaked: the whole incident procedure for its app is one click away. */
  private incidentResponse(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const ref = finding.knownSecretRef;
    if (!ref?.clientId || this.dead.causeOf(finding.fingerprint)) return undefined;
    const action = this.action(ref.label ? vscode.l10n.t('Incident Response for "{0}"…', ref.label) : vscode.l10n.t('Incident Response for this app…'), diagnostic);
    // Where and what, never the value.
    const reason = `A ${ref.kind.replace('_', ' ')} of the app was found in ${vscode.workspace.asRelativePath(document.uri, false)}`;
    action.command = { title: action.title, command: Commands.incidentResponse, arguments: [{ clientId: ref.clientId, reason }] };
    return action;
  }

  private useEnvironmentVariable(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const name = envVarName(finding);
    const reference = envReference(document.languageId, name, document.fileName);
    if (!reference) return undefined;
    const [start, end] = reference.replacesLiteral ? [finding.literalStart, finding.literalEnd] : [finding.start, finding.end];
    const action = this.action(vscode.l10n.t('Use environment variable {0} instead', name), diagnostic, !finding.knownSecretRef);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(end)), reference.text);
    if (reference.requires && !reference.requires.present.test(document.getText())) {
      action.edit.insert(document.uri, new vscode.Position(0, 0), `${reference.requires.line}\n`);
    }
    return action;
  }

  private suppress(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const syntax = commentSyntax(document.languageId);
    if (!syntax) return undefined;
    const comment = suppressionComment(syntax, SUPPRESSION_MARKER);
    const line = document.lineAt(document.positionAt(finding.start).line);
    const action = this.action(vscode.l10n.t('Suppress with a "{0}" comment', SUPPRESSION_MARKER), diagnostic);
    action.edit = new vscode.WorkspaceEdit();
    const previous = line.lineNumber > 0 ? document.lineAt(line.lineNumber - 1).text : '';
    if (previous.trimEnd().endsWith('\\')) {
      // Inside a shell line continuation a comment line would end the command: comment at the end of the line.
      action.edit.insert(document.uri, line.range.end, ` ${comment}`);
    } else {
      // On its own line above: safe in .env files (no inline comments there) and in the middle of literals.
      const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
      action.edit.insert(document.uri, line.range.start, `${indent}${comment}\n`);
    }
    return action;
  }

  private async ignoreFile(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction | undefined> {
    if (document.uri.scheme !== 'file' || !isEnvStyleFile(document.fileName)) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return undefined;
    const relative = vscode.workspace.asRelativePath(document.uri, false);
    const gitignore = vscode.Uri.joinPath(folder.uri, '.gitignore');
    const current = await readText(gitignore);
    if (current !== undefined && gitignoreHas(current, relative)) return undefined;
    const action = this.action(vscode.l10n.t('Add {0} to .gitignore', relative), diagnostic);
    action.edit = new vscode.WorkspaceEdit();
    if (current === undefined) {
      action.edit.createFile(gitignore, { ignoreIfExists: true });
      action.edit.insert(gitignore, new vscode.Position(0, 0), gitignoreAddition('', relative));
    } else {
      const lines = current.split('\n');
      action.edit.insert(gitignore, new vscode.Position(lines.length - 1, lines[lines.length - 1]!.length), gitignoreAddition(current, relative));
    }
    return action;
  }
}

/** A file's text: the open (maybe unsaved) document if there is one, the disk otherwise, undefined if missing. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
