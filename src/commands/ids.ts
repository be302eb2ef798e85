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
  rotateApp: 'vendaze.rotateApp',
  openPayload: 'vendaze.openPayload',
  copyClientId: 'vendaze.copyClientId',
  copyRedirectUri: 'vendaze.copyRedirectUri',
  submitPayload: 'vendaze.submitPayload',
  refreshApps: 'vendaze.refreshApps',
  // Sign-in and tokens (src/auth/activate.ts)
  signIn: 'vendaze.signIn',
  signOut: 'vendaze.signOut',
  revokeToken: 'vendaze.revokeToken',
  copyAccessToken: 'vendaze.copyAccessToken',
  refreshSession: 'vendaze.refreshSession',
  showSessions: 'vendaze.showSessions',
  retryPendingRevokes: 'vendaze.retryPendingRevokes',
  // Secret-leak detection (src/leaks/activate.ts)
  scanWorkspace: 'vendaze.scanWorkspace',
  rotateLeakedSecret: 'vendaze.rotateLeakedSecret',
  revokeLeakedTokens: 'vendaze.revokeLeakedTokens',
  // Usage monitor, incident response, audit trail (src/usage, src/incident, src/audit)
  checkUsage: 'vendaze.checkUsage',
  copyRequestId: 'vendaze.copyRequestId',
  incidentResponse: 'vendaze.incidentResponse',
  showAuditLog: 'vendaze.showAuditLog',
  exportAuditLog: 'vendaze.exportAuditLog',
  // Integration security practices (src/practices/editor)
  reviewIntegrationSecurity: 'vendaze.reviewIntegrationSecurity',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const Views = {
  apps: 'vendaze.apps',
  activity: 'vendaze.activity',
} as const;

export type ViewId = (typeof Views)[keyof typeof Views];
