import * as vscode from 'vscode';
import type { ConfirmSecretHost } from '../api/secretHost';
import type { Logger } from '../common/logger';

const KEY = 'vendaze.secretHosts.allowed';

/**
 * The question asked before a secret first goes to a host other than api.vendaze.com or loopback (the transport
 * asks through ConfirmSecretHost). Modal, naming the host. "Allow" is remembered per host in global state (every
 * window, every workspace); "no" is remembered for this window only: a remembered refusal would break every call
 * to that host for good with no visible way back, while the question reappearing in a new window is the reminder
 * to fix the setting or the app that points there. Concurrent calls to one host share one question.
 */
export function secretHostConsent(state: vscode.Memento, log: Logger): ConfirmSecretHost {
  const refused = new Set<string>();
  const asking = new Map<string, Promise<boolean>>();
  return (host) => {
    if ((state.get<string[]>(KEY) ?? []).includes(host)) return Promise.resolve(true);
    if (refused.has(host)) return Promise.resolve(false);
    let answer = asking.get(host);
    if (!answer) {
      answer = ask(host).then(async (allowed) => {
        asking.delete(host);
        if (allowed) await state.update(KEY, [...new Set([...(state.get<string[]>(KEY) ?? []), host])]);
        else refused.add(host);
        log.info(`Sending Vendaze secrets to ${host}: ${allowed ? 'allowed (remembered)' : 'refused for this window'}.`);
        return allowed;
      });
      asking.set(host, answer);
    }
    return answer;
  };
}

async function ask(host: string): Promise<boolean> {
  const allow = vscode.l10n.t('Send to {0}', host);
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Send Vendaze secrets to {0}?', host),
    {
      modal: true,
      detail: vscode.l10n.t('This request carries a client_secret, an authorization code or a token, and {0} is not api.vendaze.com. A repository\'s settings or a look-alike address could point here to collect them. Allow it only if {0} is your own Vendaze API endpoint. The answer is remembered for this host.', host),
    },
    allow,
  );
  return choice === allow;
}
