import * as vscode from 'vscode';
import { parseBaseUrl } from '../api/baseUrl';
import { hostNeedingConsent, type ConfirmSecretHost } from '../api/secretHost';
import { readConfig } from '../config';
import type { Logger } from '../common/logger';
import type { Verification } from '../scanPolicy/severity';
import type { VerifyAnswer } from '../verify/online';
import { valueFingerprints } from './fixes';

/**
 * "Check whether this secret is live": the editor's --verify for one finding. What it found is kept for the
 * window (by the value's fingerprints under every rule, never the value) and the diagnostics say it through the
 * severity policy (src/scanPolicy/severity.ts): a live value is an error and never accepted by a baseline.
 */
export class VerifiedSecrets implements vscode.Disposable {
  private readonly states = new Map<string, Verification>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get(fingerprint: string): Verification | undefined {
    return this.states.get(fingerprint);
  }

  set(value: string, state: Verification): void {
    for (const fingerprint of valueFingerprints(value)) this.states.set(fingerprint, state);
    this.changed.fire();
  }

  dispose(): void {
    this.states.clear();
    this.changed.dispose();
  }
}

/** Where the finding is, never the value (command arguments travel through the workbench). */
export interface CheckLiveArgs {
  uri: string;
  start: number;
  end: number;
  kind: string;
  /** The app's client_id when the extension holds the value. */
  clientId?: string;
}

export type CheckLiveResult = VerifyAnswer | { state: 'not-checked'; why: string };

function validArgs(args: Partial<CheckLiveArgs> | undefined): args is CheckLiveArgs {
  return !!args && typeof args.uri === 'string' && Number.isInteger(args.start) && Number.isInteger(args.end) && args.end! > args.start! && args.end! - args.start! <= 8192 && typeof args.kind === 'string';
}

/**
 * The API asked is the user's vendaze.apiBaseUrl (machine scope: a repository cannot set it); a host other than
 * api.vendaze.com or loopback goes through the secret-host consent first. The host's fetch follows VS Code's proxy
 * and certificate settings. At most two token-endpoint requests per check.
 */
export function checkLiveCommand(deps: { verified: VerifiedSecrets; confirmSecretHost?: () => ConfirmSecretHost | undefined; log: Logger }) {
  return async (args?: Partial<CheckLiveArgs>): Promise<CheckLiveResult> => {
    if (!validArgs(args)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Vendaze: run this from the quick fix of a leaked-secret diagnostic.'));
      return { state: 'not-checked', why: 'bad arguments' };
    }
    // Only the verifier is loaded on the first check (docs/startup.md); a lazy require of a module the main bundle
    // already holds (config, baseUrl, secretHost) would turn it into a lazy chunk that activation then loads.
    /* eslint-disable @typescript-eslint/no-require-imports -- the lazy-load boundary (scripts/build.mjs) */
    const { Verifier } = require('../verify/online') as typeof import('../verify/online');
    const { clientIdNear } = require('../verify/clientId') as typeof import('../verify/clientId');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const base = parseBaseUrl(readConfig().apiBaseUrl);
    if (!base.ok) {
      void vscode.window.showErrorMessage(`Vendaze: ${base.userMessage}`);
      return { state: 'not-checked', why: base.message };
    }
    const baseUrl = base.url.toString();
    const host = hostNeedingConsent(baseUrl);
    const confirm = deps.confirmSecretHost?.();
    if (host && !(confirm && (await confirm(host)))) return { state: 'not-checked', why: `not allowed to send secrets to ${host}` };
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const text = document.getText();
    const value = text.slice(args.start, args.end);
    const clientId = args.clientId ?? (args.kind === 'client_secret' ? clientIdNear(text, args.start) : undefined);
    const verifier = new Verifier({
      baseUrl,
      maxTokenCalls: 2,
      fetch: async (url, init) => {
        const response = await globalThis.fetch(url, { ...init, redirect: 'manual' });
        return { status: response.status, text: () => response.text() };
      },
    });
    const answer = await verifier.verify({ kind: args.kind, value, ...(clientId ? { clientId } : {}) });
    deps.verified.set(value, answer.state);
    const what = args.kind.replace('_', ' ');
    deps.log.info(`Checked a ${what} in ${vscode.workspace.asRelativePath(document.uri, false)}: ${answer.state} (${answer.why}).`);
    const say = answer.state === 'live' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const said =
      answer.state === 'live'
        ? vscode.l10n.t('Vendaze: this {0} is live: {1}.', what, answer.why)
        : answer.state === 'dead'
          ? vscode.l10n.t('Vendaze: this {0} is dead: {1}.', what, answer.why)
          : vscode.l10n.t('Vendaze: this {0} is of unknown state: {1}.', what, answer.why);
    void say(said);
    return answer;
  };
}
