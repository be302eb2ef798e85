/** The practice settings: `vendaze.practices.rules` and the API generation the rules assume. */
import * as vscode from 'vscode';
import { DEFAULT_API_GENERATION, type ApiGeneration } from '../catalog';
import type { RuleSetting, RuleSettings } from '../types';

export const RULES_SETTING = 'vendaze.practices.rules';
/** Added by the API-generation work (setting + detection); read here when present, PKCE-era until then. */
export const API_GENERATION_SETTING = 'vendaze.apiGeneration';

const VALID = new Set<RuleSetting>(['off', 'error', 'warning', 'information']);

export function ruleSettings(): RuleSettings {
  const raw = vscode.workspace.getConfiguration().get<Record<string, unknown>>(RULES_SETTING) ?? {};
  const out: Record<string, RuleSetting> = {};
  for (const [name, value] of Object.entries(raw)) if (typeof value === 'string' && VALID.has(value as RuleSetting)) out[name] = value as RuleSetting;
  return out;
}

export function configuredApiGeneration(): ApiGeneration {
  const value = vscode.workspace.getConfiguration().get<string>(API_GENERATION_SETTING);
  return value === '2026-07' || value === 'pkce' ? value : DEFAULT_API_GENERATION;
}

export function affectsPractices(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(RULES_SETTING) || event.affectsConfiguration(API_GENERATION_SETTING);
}
