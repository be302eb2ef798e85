import { l10n } from '../common/l10n';
import type { UsageFinding } from './types';

/**
 * A usage finding in the display language, for what the person reads (the warning notification, the Activity view).
 * `finding.message` stays English: it is the audit record's detail and the incident report's reason, which go to
 * security teams and Vendaze security (docs/localization.md). Built from the finding's fields, so both say the same.
 */
export function findingText(finding: UsageFinding): string {
  if (finding.kind === 'unexplained-usage') {
    const seen = finding.resetAt
      ? l10n.t('X-RateLimit-Remaining for {0} fell from {1} to {2} (limit {3}, window resets {4})', finding.bucket, finding.from, finding.remaining, finding.limit, finding.resetAt)
      : l10n.t('X-RateLimit-Remaining for {0} fell from {1} to {2} (limit {3})', finding.bucket, finding.from, finding.remaining, finding.limit);
    return `${seen} ${l10n.t('while this VS Code made {0} of those requests: {1} came from elsewhere (warning threshold {2}).', finding.ownCalls, finding.unexplained, finding.threshold)}`;
  }
  const call = finding.method ? `${finding.method} ${finding.path}` : finding.path;
  const session = finding.workspace
    ? l10n.t('{0} answered 401 for a session (workspace {1}) whose access token should be valid until {2} and that this VS Code did not revoke', call, finding.workspace, finding.tokenExpiresAt)
    : l10n.t('{0} answered 401 for a session whose access token should be valid until {1} and that this VS Code did not revoke', call, finding.tokenExpiresAt);
  const requestId = finding.requestIds[0] ? ` ${l10n.t('(request id {0})', finding.requestIds[0])}` : '';
  return `${session}${requestId}: ${l10n.t('someone may have revoked it, or the grant was revoked after a refresh token was replayed.')}`;
}
