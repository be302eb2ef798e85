import * as vscode from 'vscode';
import { DEFAULT_API_BASE_URL } from './api/baseUrl';
import { parseGenerationSetting, type ApiGenerationSetting } from './api/generation';

/** Setting keys in one place (`vendaze.<key>`), with their typed readers. */
export const SettingKeys = {
  apiBaseUrl: 'apiBaseUrl',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  secretMaxAgeDays: 'secretMaxAgeDays',
  usageSpikeThresholdPercent: 'usage.spikeThresholdPercent',
  apiGeneration: 'apiGeneration',
} as const;

export interface ExtensionConfig {
  apiBaseUrl: string;
  requestTimeoutMs: number;
}

export function readConfig(): ExtensionConfig {
  const config = vscode.workspace.getConfiguration('vendaze');
  return {
    apiBaseUrl: config.get<string>(SettingKeys.apiBaseUrl, DEFAULT_API_BASE_URL),
    requestTimeoutMs: Math.round(config.get<number>(SettingKeys.requestTimeoutSeconds, 30) * 1000),
  };
}

/** vendaze.apiGeneration: `auto` (detect per base URL) or a generation the user pins. */
export function readApiGenerationSetting(): ApiGenerationSetting {
  return parseGenerationSetting(vscode.workspace.getConfiguration('vendaze').get<string>(SettingKeys.apiGeneration, 'auto'));
}

/** vendaze.secretMaxAgeDays: age after which a client_secret earns a rotation reminder (0 = no reminders). */
export function readSecretMaxAgeDays(): number {
  const days = vscode.workspace.getConfiguration('vendaze').get<number>(SettingKeys.secretMaxAgeDays, 90);
  return Number.isFinite(days) && days > 0 ? days : 0;
}

/** vendaze.usage.spikeThresholdPercent: share of a rate limit others may use unseen before a warning (0 = off). */
export function readUsageSpikeThresholdPercent(): number {
  const percent = vscode.workspace.getConfiguration('vendaze').get<number>(SettingKeys.usageSpikeThresholdPercent, 25);
  return Number.isFinite(percent) && percent > 0 ? Math.min(percent, 100) : 0;
}
