import * as vscode from 'vscode';
import { join } from 'node:path';
import type { AppRegistry } from '../apps/registry';
import type { SessionStore } from '../auth/sessionStore';
import type { Logger } from '../common/logger';
import { readAuthConfig } from '../auth/authConfig';
import { redirectCandidates } from '../auth/redirectCandidates';
import type { RunningSandbox, SandboxOptions } from '../sandbox/types';
import type { ApiGeneration } from '../api/generation';
import { generationResolver } from '../clientFactory';
import { sandboxAnswers } from './alive';
import { decideRestore, type SandboxPointer } from './settingRestore';

/** Port `npm run sandbox` uses too, so docs and muscle memory agree; a busy port falls back to a free one. */
export const LOCAL_SANDBOX_PORT = 7450;
const POINTER_KEY = 'vendaze.localSandbox.pointer';
const RUNNING_CONTEXT = 'vendaze.sandboxRunning';

type SandboxLibrary = { startSandbox(options: SandboxOptions): Promise<RunningSandbox> };

export interface StartedSandbox {
  baseUrl: string;
  demoClientId: string;
  demoAppName: string;
  /** The API generation the sandbox speaks. */
  api: ApiGeneration;
}

/**
 * The local Vendaze sandbox inside the extension host, for users who installed the extension and have no
 * `npm run sandbox`: starts it on 127.0.0.1, adds its demo app (secret read from the sandbox's mailbox, as a user
 * would from the email), points vendaze.apiBaseUrl at it, and undoes all of that on stop. Its state lives in memory
 * only: the sandbox's tokens and secrets never touch disk.
 */
export class LocalSandboxController implements vscode.Disposable {
  private running: RunningSandbox | undefined;
  private started: StartedSandbox | undefined;
  private starting: Promise<StartedSandbox> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: { apps: AppRegistry; sessions: SessionStore; log: Logger },
  ) {}

  get current(): StartedSandbox | undefined {
    return this.started;
  }

  /** Starts the sandbox, or returns the one starting or running (a double click must not start two). */
  start(port = LOCAL_SANDBOX_PORT, api?: ApiGeneration): Promise<StartedSandbox> {
    if (this.started) return Promise.resolve(this.started);
    this.starting ??= this.launch(port, api).finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async launch(port: number, api: ApiGeneration | undefined): Promise<StartedSandbox> {
    // Loaded on demand from its own bundle: activation stays light for the many users who never start it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path, not a module to bundle
    const library = require(join(this.context.extensionPath, 'dist', 'sandbox.js')) as SandboxLibrary;
    // The demo app must accept the callback sign-in will really use here (code-server proxies the loopback).
    const { loopbackExternal, uriHandlerExternal } = await redirectCandidates(readAuthConfig(), this.context.extension.id);
    const options: SandboxOptions = {
      api,
      seedDemoApp: true,
      demoRedirectUris: loopbackExternal ? [loopbackExternal] : [],
      // The browser may reach the consent page through this window's forwarded host (asExternalUri): serve that name.
      allowedHosts: [loopbackExternal, uriHandlerExternal].filter((u): u is string => !!u),
      // Request lines only, at trace level; the mailbox lines carry the emailed secret and are never forwarded.
      log: (line) => {
        if (!line.startsWith('[mailbox]')) this.deps.log.trace(line);
      },
    };
    const sandbox = await library.startSandbox({ ...options, port }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' || port === 0) throw error;
      this.deps.log.info(`Port ${port} is busy: the sandbox takes a free port instead.`);
      return library.startSandbox({ ...options, port: 0 });
    });
    try {
      this.started = await this.adopt(sandbox);
    } catch (error) {
      // All or nothing: no half-set-up sandbox left running behind the user's back.
      await sandbox.close();
      throw error;
    }
    this.running = sandbox;
    await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, true);
    this.deps.log.info(`Local sandbox started at ${sandbox.baseUrl}; demo app ${this.started.demoClientId} added.`);
    return this.started;
  }

  /** Adds the sandbox's demo app (secret from its mailbox, as a user would from the email) and points the setting at it. */
  private async adopt(sandbox: RunningSandbox): Promise<StartedSandbox> {
    const demo = sandbox.demoApp!;
    const { apps } = this.deps;
    await apps.upsert({
      clientId: demo.client_id,
      appName: demo.app_name,
      email: demo.email,
      redirectUris: demo.redirect_uris,
      scopes: demo.scopes,
      apiBaseUrl: sandbox.baseUrl,
      addedAt: new Date().toISOString(),
    });
    const secret = sandbox.mailbox.secretFor(demo.client_id);
    if (secret) await apps.setSecret(demo.client_id, secret);
    await this.pointSettingAt(sandbox.baseUrl);
    // The extension knows what it started: no detection needed for this base URL.
    await generationResolver()?.learn(sandbox.baseUrl, sandbox.api, 'the local sandbox was started with it');
    return { baseUrl: sandbox.baseUrl, demoClientId: demo.client_id, demoAppName: demo.app_name, api: sandbox.api };
  }

  /** Stops the sandbox, forgets the apps that lived only in it, and puts vendaze.apiBaseUrl back. */
  async stop(): Promise<{ forgottenApps: number } | undefined> {
    const sandbox = this.running;
    if (!sandbox) return undefined;
    this.running = undefined;
    this.started = undefined;
    const forgottenApps = await this.forgetAppsOf(sandbox.baseUrl);
    await sandbox.close();
    await this.restoreSetting(false);
    await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, false);
    this.deps.log.info(`Local sandbox at ${sandbox.baseUrl} stopped; ${forgottenApps} app(s) that lived in it forgotten.`);
    return { forgottenApps };
  }

  /** At activation: a previous window may have died with the sandbox running; undo what it left pointing at it. */
  async restoreIfStale(): Promise<void> {
    const pointer = this.context.globalState.get<SandboxPointer>(POINTER_KEY);
    if (!pointer || this.running) return;
    if (await sandboxAnswers(pointer.sandboxUrl)) return; // another window runs it: leave its apps and the setting
    await this.forgetAppsOf(pointer.sandboxUrl);
    await this.restoreSetting(false);
  }

  dispose(): void {
    // Window closing: the server goes with the extension host; the setting is put back at the next activation.
    void this.running?.close();
  }

  private async pointSettingAt(baseUrl: string): Promise<void> {
    const config = vscode.workspace.getConfiguration('vendaze');
    const inspected = config.inspect<string>('apiBaseUrl');
    const pointer: SandboxPointer = { sandboxUrl: baseUrl, previous: inspected?.globalValue };
    await this.context.globalState.update(POINTER_KEY, pointer);
    await config.update('apiBaseUrl', baseUrl, vscode.ConfigurationTarget.Global);
    const override = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
    if (override !== undefined && override !== baseUrl) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('This workspace sets vendaze.apiBaseUrl to {0}, which overrides the sandbox ({1}). Remove that workspace setting to use the sandbox here.', String(override), baseUrl),
      );
    }
  }

  private async restoreSetting(runningHere: boolean): Promise<void> {
    const pointer = this.context.globalState.get<SandboxPointer>(POINTER_KEY);
    const config = vscode.workspace.getConfiguration('vendaze');
    const decision = decideRestore(pointer, config.inspect<string>('apiBaseUrl')?.globalValue, runningHere);
    if (decision.restore) await config.update('apiBaseUrl', decision.value, vscode.ConfigurationTarget.Global);
    await this.context.globalState.update(POINTER_KEY, undefined);
  }

  private async forgetAppsOf(baseUrl: string): Promise<number> {
    const doomed = this.deps.apps.list().filter((app) => app.apiBaseUrl === baseUrl);
    for (const app of doomed) {
      // The sandbox keeps everything in memory: once it is gone, so are these apps and their tokens.
      await this.deps.sessions.deleteForApp(app.clientId);
      await this.deps.apps.remove(app.clientId);
    }
    return doomed.length;
  }
}
