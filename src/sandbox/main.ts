/**
 * `npm run sandbox [-- --port N] [--state FILE] [--auto-approve[=browser]] [--workspaces a,b]`
 * Starts the local Vendaze sandbox on 127.0.0.1 and prints how to use it. Bundled to dist/sandbox.js.
 */
import { resolve } from 'node:path';
import { allowedHostNames } from '../common/httpGuard';
import { API_GENERATIONS, isApiGeneration, type ApiGeneration } from '../api/generation';
import { redirectUriProblem } from '../schemas/app';
import { LATEST_OPTION_VALUES, type LatestBehaviour } from './generation';
import { startSandbox } from './server';
import type { AutoApprove } from './types';

// dist/sandbox.js is also loaded as a library by the extension ("Vendaze: Start Local Sandbox"), so it runs the CLI
// only when started as a program, and exports what the extension needs.
export { startSandbox };

export const DEFAULT_PORT = 7450;
export const DEFAULT_STATE_FILE = '.vendaze-sandbox.json';

const USAGE = `Usage: npm run sandbox -- [options]
  --port N              port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 = any free port)
  --state FILE          persist the sandbox state to FILE so it survives a restart (e.g. ./${DEFAULT_STATE_FILE});
                        without it everything stays in memory and is forgotten on exit
  --auto-approve        skip the consent page: authorize redirects straight back with a code
  --auto-approve=browser  serve the consent page but let it approve itself
  --workspaces a,b      workspace slugs (default acme-corp,globex)
  --demo-redirect-uri U  one more redirect URI for the demo app (repeatable), e.g. an editor's proxied callback
  --allow-host NAME     also answer requests addressed to NAME (repeatable), e.g. a forwarded dev-container host;
                        any other Host than 127.0.0.1/localhost is refused (DNS rebinding)
  --api GEN             API generation: 2026-05 (default; PKCE era) or 2026-07 (latest docs)
  --rotate-scopes M     2026-07 only, rotate-app with other scopes: refuse (default) or ignore
  --extra-params M      2026-07 only, PKCE/scope/redirect_uri sent anyway: refuse (default) or ignore
  --revoke-expired M    2026-07 only, revoking an expired access token: removes-grant (default) or keeps-grant
  --quiet               do not print one line per request
  --help`;

export interface CliOptions {
  port: number;
  stateFile?: string;
  autoApprove: AutoApprove;
  workspaces?: string[];
  demoRedirectUris?: string[];
  allowedHosts?: string[];
  api?: ApiGeneration;
  latest?: Partial<LatestBehaviour>;
  quiet: boolean;
}

export function parseArgs(argv: string[]): CliOptions | { help: true } | { error: string } {
  const options: CliOptions = { port: DEFAULT_PORT, stateFile: undefined, autoApprove: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (!raw || !Number.isInteger(port) || port < 0 || port > 65535) return { error: `--port needs a number 0-65535, got ${raw ?? 'nothing'}.` };
        options.port = port;
        break;
      }
      case '--state': {
        const file = value();
        if (!file) return { error: '--state needs a file name.' };
        options.stateFile = file;
        break;
      }
      case '--memory':
        options.stateFile = undefined;
        break;
      case '--auto-approve':
        if (inline !== undefined && inline !== 'browser' && inline !== 'true' && inline !== 'false') {
          return { error: '--auto-approve takes no value, or =browser.' };
        }
        options.autoApprove = inline === 'browser' ? 'browser' : inline !== 'false';
        break;
      case '--workspaces': {
        const list = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        if (!list.length || list.some((s) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s))) return { error: '--workspaces needs slugs like acme-corp,globex.' };
        options.workspaces = list;
        break;
      }
      case '--demo-redirect-uri': {
        const uri = value();
        if (!uri || redirectUriProblem(uri)) return { error: `--demo-redirect-uri needs a redirect URI Vendaze accepts${uri ? `: ${redirectUriProblem(uri)}` : '.'}` };
        options.demoRedirectUris = [...(options.demoRedirectUris ?? []), uri];
        break;
      }
      case '--allow-host': {
        const host = value();
        if (!host || allowedHostNames([host]).size === 0) return { error: `--allow-host needs a host name, got ${host ?? 'nothing'}.` };
        options.allowedHosts = [...(options.allowedHosts ?? []), host];
        break;
      }
      case '--api': {
        const api = value();
        if (!isApiGeneration(api)) return { error: `--api takes ${API_GENERATIONS.join(' or ')}, got ${api ?? 'nothing'}.` };
        options.api = api;
        break;
      }
      case '--rotate-scopes':
      case '--extra-params':
      case '--revoke-expired': {
        const key = ({ '--rotate-scopes': 'rotateScopes', '--extra-params': 'extraParams', '--revoke-expired': 'revokeExpired' } as const)[flag];
        const choice = value();
        const allowed = LATEST_OPTION_VALUES[key] as readonly string[];
        if (!choice || !allowed.includes(choice)) return { error: `${flag} takes ${allowed.join(' or ')}, got ${choice ?? 'nothing'}.` };
        options.latest = { ...options.latest, [key]: choice };
        break;
      }
      case '--quiet':
        options.quiet = true;
        break;
      case '--help':
      case '-h':
        return { help: true };
      default:
        return { error: `Unknown option ${arg}.` };
    }
  }
  if (options.latest && options.api !== '2026-07') return { error: '--rotate-scopes, --extra-params and --revoke-expired need --api 2026-07.' };
  return options;
}

async function main(): Promise<void> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('help' in parsed) {
    console.log(USAGE);
    return;
  }
  if ('error' in parsed) {
    console.error(`${parsed.error}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const stateFile = parsed.stateFile ? resolve(parsed.stateFile) : undefined;
  const sandbox = await startSandbox({
    port: parsed.port,
    stateFile,
    autoApprove: parsed.autoApprove,
    workspaces: parsed.workspaces,
    seedDemoApp: true,
    demoRedirectUris: parsed.demoRedirectUris,
    allowedHosts: parsed.allowedHosts,
    api: parsed.api,
    latest: parsed.latest,
    log: (line) => {
      // Emails always print (they are how a user reads a secret); request lines unless --quiet.
      if (!parsed.quiet || line.startsWith('[')) console.log(line);
    },
  });
  const demo = sandbox.demoApp!;
  console.log(
    [
      '',
      `Vendaze sandbox listening on ${sandbox.baseUrl} (127.0.0.1 only)`,
      `  state:        ${stateFile ?? 'in memory (use --state FILE to keep it)'}`,
      `  API:          ${sandbox.api}${sandbox.latest ? ` (rotate scopes: ${sandbox.latest.rotateScopes}; extra params: ${sandbox.latest.extraParams}; revoke expired: ${sandbox.latest.revokeExpired})` : ' (PKCE era)'}`,
      `  workspaces:   ${sandbox.workspaces().map((w) => w.slug).join(', ')}`,
      `  consent page: ${parsed.autoApprove === true ? 'auto-approved' : parsed.autoApprove === 'browser' ? 'shown, approves itself' : 'shown, waits for you'}`,
      '',
      'Demo app (ready to use):',
      `  app_name:      ${demo.app_name}`,
      `  client_id:     ${demo.client_id}`,
      `  redirect URIs: ${demo.redirect_uris.join(', ')}`,
      `  scopes:        ${demo.scopes.join(' ')}`,
      `  client_secret: sent to ${demo.email}; read it at ${sandbox.baseUrl}/_sandbox/mailbox${sandbox.latest ? ' (a one-time link, 15 minutes)' : ''}`,
      '',
      'Point the extension at it (settings.json):',
      `  "vendaze.apiBaseUrl": "${sandbox.baseUrl}"`,
      '',
      `Mailbox ${sandbox.baseUrl}/_sandbox/mailbox · faults ${sandbox.baseUrl}/_sandbox/faults · health ${sandbox.baseUrl}/_sandbox/health`,
      'Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`vendaze sandbox: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
