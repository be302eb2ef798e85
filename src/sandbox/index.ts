/**
 * Local Vendaze API emulator over real HTTP on 127.0.0.1 ([P] behaviour of the spec). Pure node: no vscode,
 * no framework. `startSandbox()` is what tests and the `npm run sandbox` CLI (./main.ts) call.
 */
export { startSandbox, SANDBOX_HOST } from './server';
export { defaultFaults } from './faults';
export { DEFAULT_LATEST_BEHAVIOUR, LATEST_OPTION_VALUES, type LatestBehaviour } from './generation';
export { DEFAULT_RATE_LIMITS } from './rateLimit';
export { DEFAULT_WORKSPACES } from './state';
export { DEMO_APP_NAME, DEMO_EMAIL, DEMO_REDIRECT_URIS, DEMO_SCOPES } from './seed';
export type {
  AppSnapshot,
  AutoApprove,
  DemoApp,
  Faults,
  FaultsPatch,
  Mailbox,
  MailMessage,
  RateLimitRule,
  RateLimits,
  RequestLogEntry,
  RunningSandbox,
  SandboxOptions,
  TokenCounts,
  WorkspaceSeed,
} from './types';
