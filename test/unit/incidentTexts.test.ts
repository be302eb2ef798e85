import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { draftSecurityEmail, MAX_MAILTO_LENGTH, userNotice } from '../../src/incident/texts';
import { world } from './support/incidentWorld';

describe('incident texts', () => {
  const state = () => {
    const w = world();
    return w.runner.open('app-1', 'spike').then((s) => ({ ...s, timeline: Array.from({ length: 80 }, (_, i) => ({ at: s.openedAt, text: `event number ${i} with some words` })) }));
  };

  test('the mailto link stays short enough for mail clients; the full text is kept for copying', async () => {
    const s = await state();
    const draft = draftSecurityEmail({ state: s, observations: [], recentRequestIds: Array.from({ length: 30 }, (_, i) => `rid-${i}`) });
    assert.ok(draft.mailto.length <= MAX_MAILTO_LENGTH);
    assert.ok(draft.truncated);
    assert.match(decodeURIComponent(draft.mailto), /Shortened to fit/);
    assert.ok(draft.mailto.startsWith('mailto:security@vendaze.com?subject='));
    assert.match(draft.body, /event number 79/);
  });

  test('the user notice names the app and what users should do', async () => {
    const text = userNotice({ state: await state(), contact: 'support@acme.test' });
    assert.match(text, /^# Security notice: Acme Sync/);
    assert.match(text, /authorize it again/);
    assert.match(text, /support@acme\.test/);
  });
});
