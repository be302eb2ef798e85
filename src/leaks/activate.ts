import * as vscode from 'vscode';
import { Commands } from '../commands/ids';
import type { Logger } from '../common/logger';
import { LeakCodeActions } from './codeActions';
import { LeakDiagnostics, type FindingPolicy } from './diagnostics';
import { GitTracking } from './gitTracking';
import { noKnownSecrets, type KnownSecretsProvider } from './knownSecrets';
import { remedyCommand } from './remedies';
import { LEAK_SCHEMES } from './schemes';
import { DeadSecrets, type LeakRemediation } from './remediation';
import { scanWorkspace } from './scanWorkspace';
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

/** Wires secret-leak detection: live diagnostics, quick fixes, workspace scan. */
export function activateLeaks(deps: LeakDetectionDeps) {
  const knownSecrets = deps.knownSecrets ?? noKnownSecrets;
  let remediation = deps.remediation;
  const git = new GitTracking();
  const dead = new DeadSecrets();
  const verified = new VerifiedSecrets();
  const diagnostics = new LeakDiagnostics(deps.policy ? { knownSecrets, git, dead, verified, policy: deps.policy } : { knownSecrets, git, dead, verified });
  const log = deps.log;
  const actions = new LeakCodeActions(diagnostics, dead, () => remediation);
  const disposable = vscode.Disposable.from(
    git,
    dead,
    verified,
    diagnostics,
    // Quick fixes wherever diagnostics are published (vscode-vfs and vscode-remote included).
    vscode.languages.registerCodeActionsProvider(LEAK_SCHEMES.map((scheme) => ({ scheme })), actions, LeakCodeActions.metadata),
  );
  return {
    disposable,
    diagnostics,
    /** For the composition root, once the apps and auth features can rotate and revoke. */
    setRemediation: (value: LeakRemediation | undefined) => {
      remediation = value;
    },
    commands: {
      [Commands.scanWorkspace]: scanWorkspace({ diagnostics, log }),
      [Commands.rotateLeakedSecret]: remedyCommand('rotate', { remediation: () => remediation, dead, log }),
      [Commands.revokeLeakedTokens]: remedyCommand('revoke', { remediation: () => remediation, dead, log }),
      [Commands.checkSecretLive]: checkLiveCommand({ verified, confirmSecretHost: () => deps.confirmSecretHost, log }),
    },
  };
}
