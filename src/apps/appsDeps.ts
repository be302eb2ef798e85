import type { VendazeClient } from '../api/client';
import type { SessionStore } from '../auth/sessionStore';
import type { Logger } from '../common/logger';
import type { PayloadDiagnostics } from '../payloads/editor/diagnostics';
import type { WorkspaceUsageScanner } from '../payloads/editor/workspaceUsage';
import type { AppsTreeProvider } from '../tree/appsTreeProvider';
import type { AppRegistry } from './registry';

/** What the app commands share; built once by `activateApps` (src/apps/activate.ts). */
export interface AppsDeps {
  apps: AppRegistry;
  sessions: SessionStore;
  log: Logger;
  /** A fresh client per call, so a changed vendaze.apiBaseUrl applies at once. */
  createClient: () => VendazeClient;
  diagnostics: PayloadDiagnostics;
  usage: WorkspaceUsageScanner;
  tree: AppsTreeProvider;
}
