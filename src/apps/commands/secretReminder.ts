import type { AppsDeps } from '../appsDeps';
import { resolveApp } from '../commandArgs';
import type { SecretAgeReminder } from '../reminder/secretAgeReminder';
import { l10n } from '../../common/l10n';

/** `Vendaze: Remind Me Later About the Secret` (app context menu): no notification about that app for a week. */
export function remindSecretLater(deps: AppsDeps, reminder: SecretAgeReminder) {
  return async (arg?: unknown): Promise<boolean> => {
    const app = await resolveApp(deps.apps, arg, l10n.t('Remind me later about the secret of which app?'));
    if (!app) return false;
    await reminder.remindLater(app.clientId);
    return true;
  };
}

/** `Vendaze: Don't Remind Me About the Secret` (app context menu): no notification about that app again. */
export function muteSecretReminder(deps: AppsDeps, reminder: SecretAgeReminder) {
  return async (arg?: unknown): Promise<boolean> => {
    const app = await resolveApp(deps.apps, arg, l10n.t('Stop reminding about the secret of which app?'));
    if (!app) return false;
    await reminder.mute(app.clientId);
    return true;
  };
}
