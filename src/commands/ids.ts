/**
 * Every command and view id the extension contributes, in one place. The manifest test compares these with
 * package.json, and `registerCommands` requires a handler for each id, so neither side can drift.
 */
export const Commands = {
  showLog: 'vendaze.showLog',
  checkConnection: 'vendaze.checkConnection',
  startSandbox: 'vendaze.startSandbox',
  stopSandbox: 'vendaze.stopSandbox',
  // Apps tree and payloads (src/apps/activate.ts)
  registerApp: 'vendaze.registerApp',
  addExistingApp: 'vendaze.addExistingApp',
  removeApp: 'vendaze.removeApp',
  deleteApp: 'vendaze.deleteApp',
  rotateApp: 'vendaze.rotateApp',
  openPayload: 'vendaze.openPayload',
  copyClientId: 'vendaze.copyClientId',
  copyRedirectUri: 'vendaze.copyRedirectUri',
  submitPayload: 'vendaze.submitPayload',
  refreshApps: 'vendaze.refreshApps',
  remindSecretLater: 'vendaze.remindSecretLater',
  muteSecretReminder: 'vendaze.muteSecretReminder',
  // Sign-in and tokens (src/auth/activate.ts)
  signIn: 'vendaze.signIn',
  signOut: 'vendaze.signOut',
  revokeToken: 'vendaze.revokeToken',
  copyAccessToken: 'vendaze.copyAccessToken',
  refreshSession: 'vendaze.refreshSession',
  showSessions: 'vendaze.showSessions',
  retryPendingRevokes: 'vendaze.retryPendingRevokes',
  copySignInLink: 'vendaze.copySignInLink',
  pasteSignInUrl: 'vendaze.pasteSignInUrl',
  // Secret-leak detection (src/leaks/activate.ts)
  scanWorkspace: 'vendaze.scanWorkspace',
  rotateLeakedSecret: 'vendaze.rotateLeakedSecret',
  revokeLeakedTokens: 'vendaze.revokeLeakedTokens',
  checkSecretLive: 'vendaze.checkSecretLive',
  // vendaze-scan in the editor (src/scanner/commands)
  installPreCommitHook: 'vendaze.installPreCommitHook',
  // Usage monitor, incident response, audit trail (src/usage, src/incident, src/audit)
  checkUsage: 'vendaze.checkUsage',
  copyRequestId: 'vendaze.copyRequestId',
  incidentResponse: 'vendaze.incidentResponse',
  showAuditLog: 'vendaze.showAuditLog',
  exportAuditLog: 'vendaze.exportAuditLog',
  // MCP server for agent mode (src/mcp)
  showMcpServer: 'vendaze.showMcpServer',
  // Integration security practices (src/practices/editor)
  reviewIntegrationSecurity: 'vendaze.reviewIntegrationSecurity',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  apps: 'vendaze.apps',
  activity: 'vendaze.activity',
} as const;

export type ViewId = (typeof Views)[keyof typeof Views];
