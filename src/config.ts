import * as vscode from 'vscode';

/** Setting keys in one place (`vendaze.<key>`), with their typed readers. */
export const SettingKeys = {
  apiBaseUrl: 'apiBaseUrl',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
} as const;

export interface ExtensionConfig {
  apiBaseUrl: string;
  requestTimeoutMs: number;
}

export function readConfig(): ExtensionConfig {
  const config = vscode.workspace.getConfiguration('vendaze');
  return {
    apiBaseUrl: config.get<string>(SettingKeys.apiBaseUrl, 'https://api.vendaze.com'),
    requestTimeoutMs: Math.round(config.get<number>(SettingKeys.requestTimeoutSeconds, 30) * 1000),
  };
}
