import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generationRules, parseGenerationSetting, resolveGeneration } from '../../src/api/generation';
import type { AppRecord } from '../../src/apps/registry';
import { effectiveRotateBody, rotateTemplateLatest, scopesChangeProblem } from '../../src/payloads/latestRotate';
import { parsePayload, unvalidatedRequest } from '../../src/payloads/parse';
import { formatPreview, previewPayload } from '../../src/payloads/preview';
import { parseArgs } from '../../src/sandbox/main';

/** The API 2026-07 rotate payload, pure parts: template -> parse -> wire body, the scope guard, the preview. */

const app: AppRecord = {
  clientId: '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d',
  appName: 'My SaaS',
  email: 'dev@mysaas.test',
  redirectUris: ['https://mysaas.test/cb'],
  scopes: ['people:read', 'deals:read'],
  apiBaseUrl: 'https://api.vendaze.com',
  addedAt: '2026-07-01T00:00:00Z',
};

describe('API 2026-07 rotate payload', () => {
  test('the template parses; the wire body carries email, never scopes or $ keys', () => {
    const text = rotateTemplateLatest(app, app.email!);
    assert.match(text, /"\$schema": "vendaze-schema:\/\/schemas\/vendaze-app-2026-07\.schema\.json"/);
    const parsed = parsePayload(text);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
    assert.equal(parsed.request.api, '2026-07');
    assert.deepEqual(parsed.request.body, { client_id: app.clientId, email: app.email, app_name: app.appName, redirect_uris: app.redirectUris });
    assert.deepEqual(parsed.ok && parsed.request.api === '2026-07' ? parsed.request.scopes : undefined, app.scopes, 'kept for the local check');
  });

  test('email is required; the 2026-05 fields are optional', () => {
    const missing = parsePayload(JSON.stringify({ $kind: 'rotate', $api: '2026-07', client_id: app.clientId }));
    assert.equal(missing.ok, false);
    assert.deepEqual(!missing.ok && missing.problems.map((p) => p.path.join('.')), ['email']);
    const minimal = parsePayload(JSON.stringify({ $kind: 'rotate', $api: '2026-07', client_id: app.clientId, email: app.email }));
    assert.equal(minimal.ok, true);
  });

  test('"Submit anyway" keeps the generation and drops scopes', () => {
    const request = unvalidatedRequest({ $kind: 'rotate', $api: '2026-07', $schema: 'x', client_id: 'abc', email: 'x', scopes: ['people:read'] });
    assert.deepEqual(request, { kind: 'rotate', api: '2026-07', body: { client_id: 'abc', email: 'x' } });
  });

  test('a scope change is a local problem with the reason; the same set in another order is not', () => {
    assert.match(scopesChangeProblem(['people:read'], app) ?? '', /^Scopes are fixed at registration: register a new app to change them. \(this payload changes them: -deals:read\)/);
    assert.equal(scopesChangeProblem(['deals:read', 'people:read'], app), undefined);
    assert.equal(scopesChangeProblem(undefined, app), undefined);
  });

  test('omitted fields keep their values after the rotation; scopes never change', () => {
    assert.deepEqual(effectiveRotateBody({ client_id: app.clientId, email: app.email!, app_name: 'Renamed' }, app), {
      client_id: app.clientId,
      email: app.email,
      app_name: 'Renamed',
      description: undefined,
      avatar_url: undefined,
      redirect_uris: app.redirectUris,
      scopes: app.scopes,
    });
  });

  test('the preview: tokens keep working, client_id stays, refreshes need the new secret, one-time link, no name to type', () => {
    const preview = previewPayload(
      { kind: 'rotate', api: '2026-07', body: { client_id: app.clientId, email: app.email!, app_name: 'Renamed' } },
      { previous: app, sessionCount: 2, apiBaseUrl: app.apiBaseUrl, advice: [] },
    );
    const text = formatPreview(preview);
    assert.match(text, /keep working until they expire/);
    assert.match(text, /client_id stays the same/);
    assert.match(text, /Refreshing those tokens needs the new client_secret/);
    assert.match(text, /one-time link .* 15 minutes/);
    assert.match(text, /Scopes \(fixed at registration\):\n {2}unchanged \(2\)/);
    assert.equal(preview.confirmName, undefined);
    assert.deepEqual(preview.fields, [{ field: 'app_name', from: 'My SaaS', to: 'Renamed' }]);
    const mismatch = previewPayload({ kind: 'rotate', api: '2026-07', body: { client_id: app.clientId, email: 'other@mysaas.test' } }, { previous: app, sessionCount: 0, apiBaseUrl: app.apiBaseUrl, advice: [] });
    assert.match(mismatch.warnings[0] ?? '', /must be the registered one/);
  });
});

describe('generation model and CLI choice', () => {
  test('the setting wins, then detection, then the default', () => {
    assert.deepEqual(resolveGeneration('auto', undefined), { generation: '2026-05', source: 'default' });
    assert.deepEqual(resolveGeneration('auto', '2026-07'), { generation: '2026-07', source: 'detected' });
    assert.deepEqual(resolveGeneration('2026-05', '2026-07'), { generation: '2026-05', source: 'setting' });
    assert.equal(parseGenerationSetting('2026-06'), 'auto');
    assert.equal(generationRules('2026-07').codeTtlSeconds, 600);
    assert.equal(generationRules('2026-05').codeTtlSeconds, 300);
  });

  test('npm run sandbox -- --api 2026-07 and the undocumented-point options', () => {
    const parsed = parseArgs(['--api', '2026-07', '--rotate-scopes=ignore', '--extra-params', 'ignore', '--revoke-expired', 'keeps-grant']);
    assert.ok(!('error' in parsed) && !('help' in parsed));
    assert.equal(parsed.api, '2026-07');
    assert.deepEqual(parsed.latest, { rotateScopes: 'ignore', extraParams: 'ignore', revokeExpired: 'keeps-grant' });
    for (const bad of [['--api', '2027-01'], ['--rotate-scopes', 'ignore'], ['--api', '2026-07', '--extra-params', 'maybe']]) {
      assert.ok('error' in parseArgs(bad), bad.join(' '));
    }
  });
});
