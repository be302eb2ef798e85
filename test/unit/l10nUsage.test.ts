/**
 * Usage warnings: the person reads them in the display language (findingText), while finding.message, the audit
 * record's detail and the incident report's reason, stays English. In English both are the same sentence.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMessage, installTranslator } from '../../src/common/l10n';
import { accountAnswer } from '../../src/usage/rateWindow';
import { unexpected401 } from '../../src/usage/unauthorized';
import { findingText } from '../../src/usage/findingText';
import type { BucketState, UsageFinding } from '../../src/usage/types';
import type { ResponseInfo } from '../../src/api/transport';

const root = join(__dirname, '..', '..', '..');
const bundlePt = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.pt-br.json'), 'utf8')) as Record<string, string>;
const now = Date.parse('2026-12-02T10:00:00Z');
const answer = (remaining: number, extra: Partial<ResponseInfo> = {}): ResponseInfo =>
  ({ method: 'GET', path: '/v1/people', status: 200, durationMs: 5, attempt: 1, requestId: 'req-1', rateLimit: { limit: 100, remaining, resetAt: new Date(now + 60_000) }, ...extra }) as ResponseInfo;

function spike(): UsageFinding {
  const state: BucketState = { key: 'app', scope: 'app' };
  const env = { now: () => now, ratio: () => 0.1, minUnexplained: 5, requestIds: () => ['req-1'] };
  assert.equal(accountAnswer('c1', state, answer(90), env), undefined);
  const finding = accountAnswer('c1', state, answer(40), env);
  assert.ok(finding, 'a fall of 50 with one own call is reported');
  return finding;
}
function unauthorized(workspace?: string): UsageFinding {
  const context = { clientId: 'c1', sessionId: 's1', workspace, tokenExpiresAt: new Date(now + 3_600_000).toISOString() };
  const finding = unexpected401('c1', answer(0, { status: 401 }), context, { now: () => now, skewMs: 30_000, revoked: new Set(), warned401: new Set() });
  assert.ok(finding);
  return finding;
}

describe('usage warnings in the display language', () => {
  test('in English, what the person reads is the audit sentence itself', () => {
    for (const finding of [spike(), unauthorized(), unauthorized('acme')]) assert.equal(findingText(finding), finding.message);
  });

  test('in pt-br, the person reads Portuguese and the audit detail stays English', () => {
    installTranslator((message, ...args) => formatMessage(bundlePt[message] ?? message, args), 'pt-br');
    try {
      const s = spike();
      assert.match(s.message, /^X-RateLimit-Remaining for app fell from 90 to 40/);
      assert.match(findingText(s), /^X-RateLimit-Remaining de app caiu de 90 para 40 \(limite 100, a janela reinicia .*\) enquanto este VS Code fez 1 dessas requisições: 49 vieram de outro lugar/);
      const u = unauthorized('acme');
      assert.match(u.message, /answered 401 for a session \(workspace acme\)/);
      assert.match(findingText(u), /^GET \/v1\/people respondeu 401 para uma sessão \(workspace acme\) .* \(request id req-1\): alguém pode/);
    } finally {
      installTranslator(undefined);
    }
  });
});
