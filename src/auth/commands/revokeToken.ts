import { SignOutResult } from '../signOut';
import { AuthServices } from '../services';
import { confirmModal } from '../../apps/confirmModal';
import { pickSession, sessionLabel } from './pickSession';
import { signOutWithUi } from './signOut';
import { l10n } from '../../common/l10n';

/**
 * `Revoke Token` on a token node of the Apps tree. Vendaze revocation removes the whole grant (access and refresh
 * token die together), so this is sign-out with a confirmation that says so.
 */
export function revokeTokenCommand(svc: AuthServices) {
  return async (arg?: unknown): Promise<SignOutResult | undefined> => {
    const session = await pickSession(svc, arg, l10n.t('Revoke the tokens of which Vendaze session?'));
    if (!session) return undefined;
    const confirmed = await confirmModal(
      l10n.t('Revoke the tokens of {0}?', sessionLabel(svc, session)),
      l10n.t('The access and refresh token stop working at once, for every program using them. You can sign in again afterwards.'),
      l10n.t('Revoke'),
    );
    if (!confirmed) return undefined;
    return signOutWithUi(svc, session.id);
  };
}
