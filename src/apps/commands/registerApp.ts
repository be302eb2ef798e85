import type { ApiGeneration } from '../../api/generation';
import * as vscode from 'vscode';
import type { AppsDeps } from '../appsDeps';
import { optionsOf } from '../commandArgs';
import { openNewPayload } from '../../payloads/editor/documents';
import { payloadFileName, registerTemplate, type RegisterDefaults } from '../../payloads/templates';

export interface OpenedPayload {
  uri: string;
  kind: 'register' | 'rotate';
  /** True when an already open payload (with the user's edits) was shown instead of a new one. */
  reused: boolean;
  clientId?: string;
  /** Rotate: the API generation the payload follows. */
  generation?: ApiGeneration;
}

/**
 * `Vendaze: Register App`: opens a new register payload, prefilled (from the arguments if any). Nothing is sent
 * until the user submits it, after a preview.
 */
export function registerApp(_deps: AppsDeps) {
  return async (arg?: RegisterDefaults): Promise<OpenedPayload> => {
    const defaults = optionsOf<RegisterDefaults>(arg);
    const { document, reused } = await openNewPayload(payloadFileName(defaults.appName ?? 'new-app', 'register'), registerTemplate(defaults));
    if (!reused) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Fill in the register payload (completion lists every scope), then use "Submit to Vendaze" above it. The client_secret will be emailed to the address you give.'),
      );
    }
    return { uri: document.uri.toString(), kind: 'register', reused };
  };
}
