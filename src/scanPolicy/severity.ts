/**
 * THE severity policy of a leak finding, for the editor's diagnostics and for vendaze-scan alike: one pure
 * function, no vscode import, no zod (the editor loads it at start-up). docs/secret-scanning.md carries the same
 * rules as one table ("Severity policy"); test/unit/severityPolicy.test.ts checks every row of it.
 *
 * Order of the rules (each one sees the previous one's answer):
 * 1. The configured rule severity (.vendazescan.json) replaces the detector's; `off` drops the finding, unless the
 *    value is live (a repository's config must not be able to hide a live credential from its own user).
 * 2. Live (the extension holds the value, or --verify said live): at least error; no baseline, config or git state
 *    lowers it, except a git-ignored file (rule 4).
 * 3. Dead (rotated/revoked by the extension, or --verify said dead): information, whatever else holds.
 * 4. Git: tracked, untracked-but-not-ignored (the next `git add .` commits it) and unknown (Restricted Mode runs no
 *    git; git missing) keep the level: they may be committed. Ignored files and files outside any repository
 *    (untitled, remote, no work tree) go one level down: nothing commits them by accident.
 * 5. Accepted in the baseline (fingerprint + path): one level down, never for a live value.
 */
import { l10n } from '../common/l10n';

export type Severity = 'error' | 'warning' | 'info';
export type Level = 'error' | 'warning' | 'information' | 'hint';

/** What git says about the file the finding is in. */
export type GitState = 'tracked' | 'unignored' | 'ignored' | 'outside' | 'unknown';

/** What --verify (or the editor's "Check whether this secret is live") found. */
export type Verification = 'live' | 'dead' | 'unknown';

export interface SeverityInput {
  /** The detector's (rule's default) severity. */
  severity: Severity;
  /** The configured rule severity, when .vendazescan.json sets one. */
  configured?: Severity | 'off';
  git: GitState;
  /** The extension holds this exact value (a known secret): it is live. */
  knownLive?: boolean;
  /** The extension rotated or revoked this value. */
  knownDead?: boolean;
  /** A baseline entry matches this finding (fingerprint and path). */
  inBaseline?: boolean;
  verification?: Verification;
}

/** Why the level is what it is; each reason has one sentence in NOTES, appended to the finding's message. */
export type Reason =
  | 'live'
  | 'dead'
  | 'unignored'
  | 'ignored'
  | 'git-unknown'
  | 'baselined'
  | 'baseline-refused-live'
  | 'config-off-refused-live'
  | 'verify-unknown';

export type Rating = { drop: true } | { drop: false; level: Level; reasons: Reason[]; /** the baseline accepted it */ accepted: boolean };

const LEVELS: readonly Level[] = ['error', 'warning', 'information', 'hint'];

function fromSeverity(severity: Severity): Level {
  return severity === 'info' ? 'information' : severity;
}

function lower(level: Level): Level {
  return LEVELS[Math.min(LEVELS.indexOf(level) + 1, LEVELS.length - 1)]!;
}

export function rateFinding(input: SeverityInput): Rating {
  const live = input.knownLive === true || input.verification === 'live';
  const dead = !live && (input.knownDead === true || input.verification === 'dead');
  const reasons: Reason[] = [];
  if (input.configured === 'off' && !live) return { drop: true };
  if (input.configured === 'off') reasons.push('config-off-refused-live');
  let level = fromSeverity(input.configured === undefined || input.configured === 'off' ? input.severity : input.configured);
  if (live) {
    level = 'error';
    reasons.push('live');
  }
  if (dead) {
    reasons.push('dead');
    return { drop: false, level: 'information', reasons, accepted: input.inBaseline === true };
  }
  if (input.verification === 'unknown') reasons.push('verify-unknown');
  switch (input.git) {
    case 'ignored':
      level = lower(level);
      reasons.push('ignored');
      break;
    case 'outside':
      level = lower(level);
      break;
    case 'unignored':
      reasons.push('unignored');
      break;
    case 'unknown':
      reasons.push('git-unknown');
      break;
    case 'tracked':
      break;
  }
  let accepted = false;
  if (input.inBaseline && live) reasons.push('baseline-refused-live');
  else if (input.inBaseline) {
    accepted = true;
    level = lower(level);
    reasons.push('baselined');
  }
  return { drop: false, level, reasons, accepted };
}

/**
 * One sentence per reason. In English wherever no translator is installed (the CLI, the Action); the extension's
 * translator gives the display language (src/common/l10n.ts). Getters, so each read asks the translator.
 */
export const NOTES: Readonly<Record<Reason, string>> = {
  get live() { return l10n.t('This value is live (one of your apps uses it, or a check against Vendaze said so).'); },
  get dead() { return l10n.t('This value no longer works (rotated, revoked or rejected by Vendaze).'); },
  get unignored() { return l10n.t('This file is not tracked but not git-ignored either, so the next `git add .` commits it: rated like a tracked file.'); },
  get ignored() { return l10n.t('This file is git-ignored, so it is rated one level lower.'); },
  get 'git-unknown'() { return l10n.t('Could not check .gitignore in Restricted Mode (or git is missing), so this file is rated as one that may be committed.'); },
  get baselined() { return l10n.t('Accepted in baseline.'); },
  get 'baseline-refused-live'() { return l10n.t('Listed in the baseline, but a live value is never accepted.'); },
  get 'config-off-refused-live'() { return l10n.t('The rule is turned off in the scanner config, but a live value is always reported.'); },
  get 'verify-unknown'() { return l10n.t('Could not tell whether this value is live.'); },
};

/** The reasons as one sentence each, for appending to a message. */
export function explain(reasons: readonly Reason[]): string {
  return reasons.map((r) => NOTES[r]).join(' ');
}

/** The CLI's three severities (SARIF error/warning/note). */
export function toSeverity(level: Level): Severity {
  return level === 'error' || level === 'warning' ? level : 'info';
}
