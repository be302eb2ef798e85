import * as vscode from 'vscode';
import { generationRules } from '../api/generation';
import type { GenerationResolver } from '../api/generationResolver';
import { readConfig, SettingKeys } from '../config';

/** Context key for menus: Delete App is offered only when vendaze.apiBaseUrl speaks API 2026-07. */
export const DELETE_APP_CONTEXT = 'vendaze.deleteAppAvailable';

export function trackGenerationContext(resolver: GenerationResolver): vscode.Disposable {
  const update = () => {
    const available = generationRules(resolver.current(readConfig().apiBaseUrl).generation).deleteApp;
    void vscode.commands.executeCommand('setContext', DELETE_APP_CONTEXT, available);
  };
  update();
  const learned = resolver.onDidChange(update);
  const config = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`vendaze.${SettingKeys.apiGeneration}`) || e.affectsConfiguration(`vendaze.${SettingKeys.apiBaseUrl}`)) update();
  });
  return vscode.Disposable.from(config, { dispose: () => learned.dispose() });
}
