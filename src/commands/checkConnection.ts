import * as vscode from 'vscode';
import { probeApi, ProbeResult } from '../api/probe';
import { sharedHttp } from '../clientFactory';
import { readConfig } from '../config';
import { Logger } from '../common/logger';

/** `Vendaze: Check API Connection`: says whether the configured API answers, and how fast. */
export function checkConnection(log: Logger) {
  return async (): Promise<ProbeResult> => {
    const { apiBaseUrl, requestTimeoutMs } = readConfig();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Vendaze: checking API connection') },
      () => probeApi(apiBaseUrl, requestTimeoutMs, undefined, sharedHttp()),
    );
    if (result.reachable) {
      log.info(`API reachable at ${result.baseUrl} in ${result.millis} ms (request id ${result.requestId ?? 'none'})`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Vendaze API reachable at {0} ({1} ms).', result.baseUrl, result.millis));
    } else {
      log.warn(result.message);
      void vscode.window.showErrorMessage(result.message);
    }
    return result;
  };
}
