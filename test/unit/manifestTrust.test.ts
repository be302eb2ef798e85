/**
 * The manifest's trust rules: where secrets and callbacks go is decided only by machine-scoped settings (a
 * repository's .vscode/settings.json must not redirect a client_secret), and the extension declares what it does
 * in Restricted Mode and virtual workspaces instead of being switched off there.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localizeManifest } from '../suite/manifestRules';

const root = join(__dirname, '..', '..', '..');
// The English manifest, its %key% placeholders filled from package.nls.json (docs/localization.md).
const pkg = localizeManifest(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')), JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'))) as {
  extensionKind?: string[];
  capabilities?: {
    untrustedWorkspaces?: { supported: unknown; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: { supported: unknown; description?: string };
  };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
};
const properties = pkg.contributes.configuration.properties;

/** Settings that decide where a secret, a code or a callback goes (and any API-generation setting, later). */
const DESTINATION = /^vendaze\.(apiBaseUrl|apiGeneration|auth\.(redirectBounceUrl|redirectStrategy|loopbackPort))$/;

describe('package.json trust rules', () => {
  test('the four destination settings exist and are machine-scoped', () => {
    for (const key of ['vendaze.apiBaseUrl', 'vendaze.auth.redirectBounceUrl', 'vendaze.auth.redirectStrategy', 'vendaze.auth.loopbackPort']) {
      assert.equal(properties[key]?.scope, 'machine', key);
    }
  });

  test('every destination setting (present or added later) is machine-scoped', () => {
    const loose = Object.entries(properties).filter(([key, p]) => DESTINATION.test(key) && p.scope !== 'machine' && p.scope !== 'application');
    assert.deepEqual(loose.map(([key]) => key), []);
  });

  test('Restricted Mode: limited support, explained, with restricted settings that exist', () => {
    const untrusted = pkg.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok((untrusted?.description ?? '').length > 20);
    for (const key of untrusted?.restrictedConfigurations ?? []) assert.ok(properties[key], `${key} is not a setting`);
  });

  test('virtual workspaces: limited support, explained', () => {
    assert.equal(pkg.capabilities?.virtualWorkspaces?.supported, 'limited');
    assert.ok((pkg.capabilities?.virtualWorkspaces?.description ?? '').length > 20);
  });

  test('runs as a workspace extension (next to the files it scans)', () => {
    assert.deepEqual(pkg.extensionKind, ['workspace']);
  });
});
