import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffLists, formatPreview, previewPayload, type PreviewContext } from '../../src/payloads/preview';
import type { AppRecord } from '../../src/apps/registry';
import type { PayloadRequest } from '../../src/payloads/documentSchema';

const CLIENT_ID = '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d';
const BASE = 'http://127.0.0.1:7450';

const app: AppRecord = {
  clientId: CLIENT_ID,
  appName: 'My Integration',
  email: 'dev@yourapp.test',
  description: 'Syncs contacts.',
  redirectUris: ['https://yourapp.test/cb', 'http://localhost:3000/cb'],
  scopes: ['people:read', 'deals:read'],
  apiBaseUrl: BASE,
  addedAt: '2026-01-01T00:00:00Z',
};

const rotate = (body: Partial<Extract<PayloadRequest, { kind: 'rotate' }>['body']> = {}): PayloadRequest => ({
  kind: 'rotate',
  body: {
    client_id: CLIENT_ID,
    app_name: app.appName,
    description: app.description,
    redirect_uris: app.redirectUris,
    scopes: app.scopes as Array<'people:read' | 'deals:read'>,
    ...body,
  },
});

const ctx = (extra: Partial<PreviewContext> = {}): PreviewContext => ({ previous: app, sessionCount: 2, apiBaseUrl: BASE, advice: [], ...extra });

describe('diffLists', () => {
  test('order alone is not a change', () => {
    assert.equal(diffLists(['a', 'b'], ['b', 'a']).changed, false);
  });
  test('added, removed and kept are listed in order', () => {
    assert.deepEqual(diffLists(['a', 'b', 'c'], ['c', 'd']), { added: ['d'], removed: ['a', 'b'], kept: ['c'], changed: true });
  });
});

describe('previewPayload: rotate', () => {
  test('same values: no field change, scopes unchanged, sessions kept, no name to type', () => {
    const preview = previewPayload(rotate(), ctx());
    assert.deepEqual(preview.fields, []);
    assert.equal(preview.scopes.changed, false);
    assert.equal(preview.redirectUris.changed, false);
    assert.equal(preview.scopesMayChange, false);
    assert.equal(preview.confirmName, undefined);
    assert.ok(preview.consequences.some((c) => /client_secret stops working immediately/.test(c)));
    assert.ok(preview.consequences.some((c) => /unchanged: active user sessions keep working/.test(c)));
    assert.ok(preview.consequences.some((c) => c.includes('dev@yourapp.test')));
  });

  test('a scope change revokes sessions and asks for the app name', () => {
    const preview = previewPayload(rotate({ scopes: ['people:read', 'people:write'] }), ctx());
    assert.deepEqual(preview.scopes.added, ['people:write']);
    assert.deepEqual(preview.scopes.removed, ['deals:read']);
    assert.equal(preview.scopesMayChange, true);
    assert.equal(preview.confirmName, 'My Integration');
    const revoke = preview.consequences.find((c) => /revokes every user session/.test(c));
    assert.ok(revoke);
    assert.match(revoke, /\+people:write, -deals:read/);
    assert.match(revoke, /2 signed-in workspace\(s\)/);
  });

  test('the name to type is the CURRENT name when the payload renames the app', () => {
    const preview = previewPayload(rotate({ app_name: 'Renamed', scopes: ['people:read'] }), ctx());
    assert.equal(preview.confirmName, 'My Integration');
    assert.deepEqual(preview.fields, [{ field: 'app_name', from: 'My Integration', to: 'Renamed' }]);
  });

  test('redirect URIs replaced and description removed are shown', () => {
    const preview = previewPayload(rotate({ redirect_uris: ['https://new.test/cb'], description: undefined }), ctx());
    assert.deepEqual(preview.redirectUris.added, ['https://new.test/cb']);
    assert.deepEqual(preview.redirectUris.removed, app.redirectUris);
    assert.deepEqual(preview.fields, [{ field: 'description', from: 'Syncs contacts.', to: undefined }]);
    const text = formatPreview(preview);
    assert.match(text, /\+ https:\/\/new\.test\/cb/);
    assert.match(text, /- https:\/\/yourapp\.test\/cb/);
    assert.match(text, /description: "Syncs contacts\." -> \(none\)/);
  });

  test('an app VS Code does not know: assume the scopes may change', () => {
    const preview = previewPayload(rotate(), ctx({ previous: undefined }));
    assert.equal(preview.previousKnown, false);
    assert.equal(preview.scopesMayChange, true);
    assert.equal(preview.confirmName, app.appName);
  });

  test('warns when the request goes to another API than the app was added for', () => {
    const preview = previewPayload(rotate(), ctx({ apiBaseUrl: 'https://api.vendaze.com' }));
    assert.ok(preview.warnings.some((w) => /added for http:\/\/127\.0\.0\.1:7450/.test(w)));
  });
});

describe('previewPayload: register', () => {
  const register = (email: string): PayloadRequest => ({
    kind: 'register',
    body: { app_name: 'New', email, redirect_uris: ['https://n.test/cb'], scopes: ['people:read'] },
  });

  test('says where the secret goes and never asks for a name', () => {
    const preview = previewPayload(register('me@company.test'), ctx({ previous: undefined }));
    assert.equal(preview.confirmName, undefined);
    assert.ok(preview.consequences[0].includes('me@company.test'));
    assert.deepEqual(preview.scopes.added, ['people:read']);
    assert.deepEqual(preview.warnings, []);
    assert.match(formatPreview(preview), /Scopes:\n {2}people:read/);
  });

  test('flags a placeholder email', () => {
    const preview = previewPayload(register('dev@example.com'), ctx({ previous: undefined }));
    assert.match(preview.warnings[0], /placeholder/);
  });

  test('advice is carried into the warnings', () => {
    const preview = previewPayload(register('me@company.test'), ctx({ previous: undefined, advice: [{ scope: 'x', kind: 'unused', message: 'hint!' }] }));
    assert.deepEqual(preview.warnings, ['hint!']);
  });
});
