import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { ApiGeneration } from '../../api/generation';
import { generationFromRefusal } from '../../api/generationSignals';
import type { AppsDeps } from '../../apps/appsDeps';
import { generationResolver } from '../../clientFactory';
import type { PayloadRequest } from '../documentSchema';
import { latestRotate } from '../lazySchema';
import { openNewPayload } from './documents';
import { payloadFileName, registerTemplate } from '../templates';

/**
 * The API 2026-07 parts of "Submit Payload": a scope change is refused here, before anything is sent (the server
 * would refuse it or, worse, silently ignore it), with a one-click register payload carrying the new scopes; and
 * what a rotation's answer says about the server's generation is remembered.
 */

export type ScopesFixedResult = { status: 'scopes-fixed'; message: string };

export function refuseScopeChange(deps: AppsDeps, document: vscode.TextDocument, request: PayloadRequest): ScopesFixedResult | undefined {
  if (request.kind !== 'rotate' || request.api !== '2026-07') return undefined;
  const previous = deps.apps.get(request.body.client_id);
  const problem = latestRotate().scopesChangeProblem(request.scopes, previous);
  if (!problem || !previous) return undefined;
  const root = parseTree(document.getText());
  const node = root && findNodeAtLocation(root, ['scopes']);
  deps.diagnostics.showProblems(document, [{ offset: node?.offset ?? 0, length: node?.length ?? 1, message: problem, path: ['scopes'], code: 'scopes-fixed' }]);
  const action = vscode.l10n.t('Create Register Payload with These Scopes');
  void vscode.window.showErrorMessage(vscode.l10n.t('Vendaze: nothing was sent. {0}', problem), action).then(async (choice) => {
    if (choice !== action) return;
    const text = registerTemplate({
      appName: previous.appName,
      description: previous.description,
      redirectUris: previous.redirectUris,
      scopes: request.scopes,
      // One app per email: the new app needs an address other than the registered one.
    });
    await openNewPayload(payloadFileName(`${previous.appName} new scopes`, 'register'), text);
  });
  deps.log.info(`Rotate payload for ${previous.clientId} not sent: it changes the scopes, which API 2026-07 fixes at registration.`);
  return { status: 'scopes-fixed', message: problem };
}

/** A rotate answer (200 = 2026-07, 201 = 2026-05) or a refusal that names the generation, for the next calls. */
export async function learnFromRotate(baseUrl: string, answeredAs: ApiGeneration | undefined, error?: unknown): Promise<void> {
  const generation = answeredAs ?? (error ? generationFromRefusal('rotate', error) : undefined);
  if (!generation) return;
  await generationResolver()?.learn(baseUrl, generation, answeredAs ? `rotate-app answered ${answeredAs === '2026-07' ? 200 : 201}` : 'rotate-app refused with 422');
}
