import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', 'test/fixtures/practices/**', 'test/fixtures/workspace/practices-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', performance: 'readonly', fetch: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', globalThis: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly', URLSearchParams: 'readonly', crypto: 'readonly', atob: 'readonly', btoa: 'readonly', document: 'readonly', window: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The pure layers (api, detector, sandbox, schemas, auth flows) must run in node --test without VS Code.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/api/**', 'src/detector/**', 'src/sandbox/**', 'src/schemas/**', 'src/common/redact.ts', 'src/common/diagnosticSource.ts', 'src/auth/pkce.ts', 'src/auth/attempts.ts', 'src/auth/errors.ts', 'src/auth/grantedScopes.ts', 'src/auth/loopbackServer.ts', 'src/auth/pendingRevokes.ts', 'src/auth/redirect.ts', 'src/auth/refreshCoordinator.ts', 'src/auth/refreshFn.ts', 'src/auth/refreshScheduler.ts', 'src/auth/sessionArgs.ts', 'src/auth/sessionStore.ts', 'src/auth/signInFlow.ts', 'src/auth/signOut.ts', 'src/apps/registry.ts', 'src/localSandbox/alive.ts', 'src/localSandbox/settingRestore.ts', 'src/storage/**', 'src/common/logger.ts', 'src/cli/**', 'src/payloads/*.ts', 'src/tree/format.ts', 'src/tree/nodes.ts', 'src/apps/existingAppInput.ts', 'src/usage/*.ts', 'src/audit/*.ts', 'src/incident/*.ts', 'src/practices/*.ts', 'src/practices/checks/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This layer is tested without VS Code: keep vscode imports in the glue.' }] }] },
  },
);
