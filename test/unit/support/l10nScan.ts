import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Static scan of src/ (TypeScript AST, not regexes) for the localization test (docs/localization.md):
 *  - `calls`: every `l10n.t(...)` / `vscode.l10n.t(...)` whose message is a literal (the keys the pt-br bundle must hold);
 *  - `escapes`: string or template literals that reach the user without l10n.t: messages, buttons and items of
 *    show*Message, options of quick picks / input boxes / progress, tree item and status bar texts, diagnostics,
 *    code action titles, markdown hovers.
 * A literal counts as text only if it holds a letter once codicons (`$(key)`) and `${...}` are taken out.
 */

export interface Escape { file: string; line: number; text: string; where: string }
export interface Call { file: string; line: number; message: string }

/** Calls whose string arguments (and the string members of their option objects) are shown as they are. */
const SHOWN_ARGS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage',
  // Our own wrappers around them (confirmModal, pickSession, resolveApp, src/common/ui/multiStepInput.ts).
  'confirmModal', 'pickSession', 'resolveApp', 'pickMany', 'runSteps']);
/** Calls or constructors whose options objects carry user-facing properties. */
const OPTION_CALLS = new Set(['showInputBox', 'showQuickPick', 'withProgress', 'createWebviewPanel', 'showSaveDialog', 'showOpenDialog']);
/** Constructors whose first string argument is shown: `new TreeItem('...')`, `new CodeAction('...')`. */
const SHOWN_FIRST_ARG = new Set(['TreeItem', 'CodeAction', 'MarkdownString', 'CodeLens', 'QuickInputButtons']);
/** Properties that are always user-facing wherever they are set, in files that talk to VS Code. */
const UI_PROPS = new Set(['title', 'placeholder', 'placeHolder', 'prompt', 'tooltip', 'validationMessage', 'openLabel', 'saveLabel', 'detail', 'description', 'label', 'text', 'message', 'ariaLabel']);
/** Object arguments of these calls are checked above (options) or are records, not UI: audit entries stay English like log lines. */
const ARGS_NOT_UI = new Set([...OPTION_CALLS, ...SHOWN_ARGS, 'record']);
/** Keys of a `{ modal, detail }` or item object passed to show*Message, and of quick pick items. */
const ITEM_PROPS = new Set(['title', 'detail', 'label', 'description', 'placeHolder', 'placeholder', 'prompt', 'tooltip', 'openLabel', 'saveLabel']);

/** Names that read the same in every language: product and protocol names (docs/localization.md, "Terms"). */
const UNTRANSLATED = /\b(?:Vendaze|OAuth|PKCE|client_id|client_secret|API|MCP|email)\b/g;

export function isText(text: string): boolean {
  return /\p{L}/u.test(text.replace(/\$\([\w~.-]+\)/g, '').replace(/\$\{[^}]*\}/g, '').replace(UNTRANSLATED, ''));
}

function literalTexts(node: ts.Node): Array<{ node: ts.Node; text: string }> {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return literalTexts(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [{ node, text: node.text }];
  if (ts.isTemplateExpression(node)) {
    const text = node.head.text + node.templateSpans.map((s) => '${}' + s.literal.text).join('');
    return [{ node, text }];
  }
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)) {
    return [...literalTexts(node.left), ...literalTexts(node.right)];
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap(literalTexts);
  return [];
}

function calleeName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

/** Whether an object literal is (inside arrays) an argument of one of `names`. */
function isArgOf(node: ts.Node, names: Set<string>): boolean {
  let arg = node;
  while (ts.isArrayLiteralExpression(arg.parent)) arg = arg.parent;
  const call = arg.parent;
  return (ts.isCallExpression(call) || ts.isNewExpression(call)) && names.has(calleeName(call.expression) ?? '');
}

function isL10nCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 't') return false;
  const owner = node.expression.expression;
  return (ts.isIdentifier(owner) && owner.text === 'l10n') || (ts.isPropertyAccessExpression(owner) && owner.name.text === 'l10n');
}

export function scanFile(file: string, source: string, root: string): { calls: Call[]; escapes: Escape[] } {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const rel = relative(root, file).split('\\').join('/');
  const talksToVscode = /from 'vscode'|require\('vscode'\)/.test(source);
  const calls: Call[] = [];
  const escapes: Escape[] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const flag = (node: ts.Node, where: string) => {
    for (const lit of literalTexts(node)) {
      if (isText(lit.text)) escapes.push({ file: rel, line: lineOf(lit.node), text: lit.text, where });
    }
  };
  const flagObject = (node: ts.Node, where: string, props: Set<string>) => {
    if (ts.isArrayLiteralExpression(node)) { node.elements.forEach((e) => flagObject(e, where, props)); return; }
    if (!ts.isObjectLiteralExpression(node)) { flag(node, where); return; }
    for (const p of node.properties) {
      if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && props.has(p.name.text)) flag(p.initializer, `${where} ${p.name.text}`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (isL10nCall(node)) {
      const first = node.arguments[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) calls.push({ file: rel, line: lineOf(first), message: first.text });
      else if (first) escapes.push({ file: rel, line: lineOf(first), text: first.getText(sf), where: 'l10n.t with a non-literal message' });
      node.arguments.slice(1).forEach(visit); // its arguments are values, not text, but may hold l10n.t calls
      return;
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      const args = node.arguments ?? [];
      if (name && SHOWN_ARGS.has(name)) args.forEach((a) => flagObject(a, name, ITEM_PROPS));
      if (name && OPTION_CALLS.has(name)) args.forEach((a) => flagObject(a, name, ITEM_PROPS));
      if (name && SHOWN_FIRST_ARG.has(name) && args[0]) flag(args[0], `new ${name}`);
      if (name === 'Diagnostic' && args[1]) flag(args[1], 'new Diagnostic message');
      if (name === 'report' && args[0] && talksToVscode) flagObject(args[0], 'progress.report', new Set(['message']));
      if (name === 'appendMarkdown' && args[0] && talksToVscode) flag(args[0], 'MarkdownString.appendMarkdown');
    }
    if (talksToVscode && ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && ts.isPropertyAccessExpression(node.left) && UI_PROPS.has(node.left.name.text)) {
      flag(node.right, `.${node.left.name.text} =`);
    }
    // Quick pick items, progress and input options built away from the call: `{ label: '...' }` anywhere in a file that talks to VS Code.
    if (talksToVscode && ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && ITEM_PROPS.has(node.name.text)
      && !isArgOf(node.parent, ARGS_NOT_UI)) {
      flag(node.initializer, `{ ${node.name.text} }`);
    }
    if (talksToVscode && ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && node.name.text === 'validateInput') {
      const fn = node.initializer;
      if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
        if (!ts.isBlock(fn.body)) flag(fn.body, 'validateInput');
        else ts.forEachChild(fn.body, function returns(n: ts.Node): void {
          if (ts.isReturnStatement(n) && n.expression) flag(n.expression, 'validateInput');
          else if (!ts.isFunctionLike(n)) ts.forEachChild(n, returns);
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { calls, escapes };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Folders whose text stays English on purpose: the sandbox (emulates Vendaze; its consent page has its own two languages), the CLIs. */
export const ENGLISH_ONLY = ['src/sandbox/', 'src/cli/', 'src/action/', 'src/practices/cli.ts'];

export function scanSources(root: string): { calls: Call[]; escapes: Escape[] } {
  const calls: Call[] = [];
  const escapes: Escape[] = [];
  for (const file of tsFiles(join(root, 'src'))) {
    const rel = relative(root, file).split('\\').join('/');
    if (ENGLISH_ONLY.some((p) => rel.startsWith(p))) continue;
    const result = scanFile(file, readFileSync(file, 'utf8'), root);
    calls.push(...result.calls);
    escapes.push(...result.escapes);
  }
  return { calls, escapes };
}
