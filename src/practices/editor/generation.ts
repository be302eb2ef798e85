/**
 * Which API generation the practice rules assume: the one the extension's own API client uses for the configured
 * base URL (`vendaze.apiGeneration`, else what was detected and cached for that URL). Handed in by the composition
 * root so this feature never reaches into the API layer's resolver itself.
 */
import * as vscode from 'vscode';
import type { GenerationResolver } from '../../api/generationResolver';
import { readConfig, SettingKeys } from '../../config';
import { practiceGeneration, type ApiGeneration } from '../catalog';

export interface PracticeGenerationSource {
  current(): ApiGeneration;
  /** Fires when the setting, the base URL or what was detected about it changes. */
  onDidChange(listener: () => void): { dispose(): void };
}

/** Before the composition root says otherwise: the PKCE era, our documents' default. */
export const PKCE_ERA: PracticeGenerationSource = { current: () => 'pkce', onDidChange: () => ({ dispose: () => undefined }) };

/** The source the extension uses: the API client's resolver for `vendaze.apiBaseUrl`. */
export function resolverGenerationSource(resolver: GenerationResolver): PracticeGenerationSource {
  return {
    current: () => practiceGeneration(resolver.current(readConfig().apiBaseUrl).generation),
    onDidChange(listener) {
      const learned = resolver.onDidChange(() => listener());
      const config = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`vendaze.${SettingKeys.apiBaseUrl}`) || e.affectsConfiguration(`vendaze.${SettingKeys.apiGeneration}`)) listener();
      });
      return { dispose: () => (learned.dispose(), config.dispose()) };
    },
  };
}
