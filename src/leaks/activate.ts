import * as vscode from 'vscode';
import { Commands } from '../commands/ids';
import { lazyHandler } from '../commands/lazy';
import type { Logger } from '../common/logger';
import type { LeakCodeActions } from './codeActions';
import { LeakDiagnostics, type FindingPolicy } from './diagnostics';
import { GitTracking } from './gitTracking';
import { noKnownSecrets, type KnownSecretsProvider } from './knownSecrets';
import { LEAK_SCHEMES } from './schemes';
import { DeadSecrets, type LeakRemediation } from './remediation';
import { checkLiveCommand, VerifiedSecrets } from './verifyLive';
import type { ConfirmSecretHost } from '../api/secretHost';

export interface LeakDetectionDeps {
  log: Logger;
  /** Exact secrets the extension holds (tier 1). Defaults to none until SecretStorage is connected. */
  knownSecrets?: KnownSecretsProvider;
  /** Rotate / revoke for known leaked values; the two quick fixes appear once it is set. */
  remediation?: LeakRemediation;
  /** The team's vendaze-scan config and baseline (src/scanner/policy.ts). */
  policy?: FindingPolicy;
  /** Asked before "Check whether this secret is live" sends a value to a host other than api.vendaze.com. */
  confirmSecretHost?: ConfirmSecretHost;
}

/** The quick fixes and the heavier commands, required on first use (docs/startup.md). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy-load boundary (scripts/build.mjs)
const handlers = () => require('./handlers') as typeof import('./handlers');

/** Wires secret-leak detection: live diagnostics, quick fixes, workspace scan. */
export function activateLeaks(deps: LeakDetectionDeps) {
  const knownSecrets = deps.knownSecrets ?? noKnownSecrets;
  let remediation = deps.remediation;
  const git = new GitTracking();
  const dead = new DeadSecrets();
  const verified = new VerifiedSecrets();
  const diagnostics = new LeakDiagnostics(deps.policy ? { knownSecrets, git, dead, verified, policy: deps.policy } : { knownSecrets, git, dead, verified });
  const log = deps.log;
  // The quick fixes load when VS Code first asks for code actions (a click or a cursor move in an editor).
  let fixes: LeakCodeActions | undefined;
  const actions: vscode.CodeActionProvider = {
    provideCodeActions: (document, range, context) => (fixes ??= new (handlers().LeakCodeActions)(diagnostics, dead, () => remediation)).provideCodeActions(document, range, context),
  };
  const disposable = vscode.Disposable.from(
    git,
    dead,
    verified,
    diagnostics,
    // Quick fixes wherever diagnostics are published (vscode-vfs and vscode-remote included).
    vscode.languages.registerCodeActionsProvider(LEAK_SCHEMES.map((scheme) => ({ scheme })), actions, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
  return {
    disposable,
    diagnostics,
    /** For the composition root, once the apps and auth features can rotate and revoke. */
    setRemediation: (value: LeakRemediation | undefined) => {
      remediation = value;
    },
    commands: {
      [Commands.scanWorkspace]: lazyHandler(() => handlers().scanWorkspace({ diagnostics, log })),
      [Commands.rotateLeakedSecret]: lazyHandler(() => handlers().remedyCommand('rotate', { remediation: () => remediation, dead, log })),
      [Commands.revokeLeakedTokens]: lazyHandler(() => handlers().remedyCommand('revoke', { remediation: () => remediation, dead, log })),
      [Commands.checkSecretLive]: checkLiveCommand({ verified, confirmSecretHost: () => deps.confirmSecretHost, log }),
    },
  };
}
