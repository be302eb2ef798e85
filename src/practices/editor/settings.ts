/** The practice settings: `vendaze.practices.rules` (the API generation the rules assume comes from ./generation). */
import * as vscode from 'vscode';
import type { RuleSetting, RuleSettings } from '../types';

export const RULES_SETTING = 'vendaze.practices.rules';

const VALID = new Set<RuleSetting>(['off', 'error', 'warning', 'information']);

export function ruleSettings(): RuleSettings {
  const raw = vscode.workspace.getConfiguration().get<Record<string, unknown>>(RULES_SETTING) ?? {};
  const out: Record<string, RuleSetting> = {};
  for (const [name, value] of Object.entries(raw)) if (typeof value === 'string' && VALID.has(value as RuleSetting)) out[name] = value as RuleSetting;
  return out;
}

export function affectsPractices(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(RULES_SETTING);
}
