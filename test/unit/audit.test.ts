import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { AuditFiles, AuditLog } from '../../src/audit/auditLog';
import { AuditInput, MAX_DETAIL_LENGTH, sanitizeAuditInput } from '../../src/audit/entry';
import { nodeAuditFiles } from '../../src/audit/nodeFiles';
import { audit, installAudit } from '../../src/audit/recorder';
import { SecretRedactor } from '../../src/common/redact';

/** AuditFiles in memory, with a switch to make the next append fail (full disk). */
function memoryFiles() {
  const files = new Map<string, string>();
  let failNext = false;
  const ops: AuditFiles = {
    async append(path, text) {
      if (failNext) {
        failNext = false;
        throw new Error('ENOSPC: no space left on device');
      }
      files.set(path, (files.get(path) ?? '') + text);
    },
    async size(path) {
      return Buffer.byteLength(files.get(path) ?? '');
    },
    async rename(from, to) {
      files.set(to, files.get(from) ?? '');
      files.delete(from);
    },
    async read(path) {
      return files.get(path) ?? '';
    },
  };
  return { ops, files, failNext: () => (failNext = true), all: () => [...files.values()].join('') };
}

const CLIENT_SECRET = 'vz_sec_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const ACCESS_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXZhbHVl';
const fixedNow = () => new Date('2026-03-01T10:00:00.000Z');

describe('audit entries: secrets are kept out by construction', () => {
  test('known secrets, JWTs and secret-shaped pairs in detail are redacted; malformed id fields are dropped', async () => {
    const redactor = new SecretRedactor();
    redactor.add(CLIENT_SECRET);
    const mem = memoryFiles();
    const log = new AuditLog({ dir: '/g', files: mem.ops, redactor, now: fixedNow });
    const written = await log.record({
      action: 'rotate',
      outcome: 'ok',
      app: 'c0ffee00-1111-2222-3333-444455556666',
      workspace: 'acme-corp',
      requestId: '550e8400-e29b-41d4-a716-446655440000',
      detail: `stored ${CLIENT_SECRET}; token ${ACCESS_TOKEN}; form client_secret=abc123456789&x=1; Bearer ${ACCESS_TOKEN}`,
    });
    assert.ok(written);
    assert.equal(written.app, 'c0ffee00-1111-2222-3333-444455556666');
    assert.equal(written.workspace, 'acme-corp');
    assert.equal(written.time, '2026-03-01T10:00:00.000Z');
    const text = mem.all();
    for (const secret of [CLIENT_SECRET, ACCESS_TOKEN, 'abc123456789']) assert.ok(!text.includes(secret), `${secret.slice(0, 8)}… leaked`);
    assert.match(text, /\[REDACTED\]/);

    // A secret passed where an id belongs is dropped, not written (and the entry says a field was dropped).
    const dropped = await log.record({ action: 'sign-in', outcome: 'ok', app: ACCESS_TOKEN, workspace: CLIENT_SECRET, requestId: 'has spaces not an id' });
    assert.equal(dropped?.app, undefined);
    assert.equal(dropped?.workspace, undefined);
    assert.equal(dropped?.requestId, undefined);
    assert.match(dropped?.detail ?? '', /dropped malformed app, workspace, requestId/);
    assert.ok(!mem.all().includes(ACCESS_TOKEN) && !mem.all().includes(CLIENT_SECRET));
  });

  test('fields the entry type does not have are not written, even when a caller spreads a bigger record', () => {
    const input = { action: 'register', outcome: 'ok', app: 'app-1', clientSecret: CLIENT_SECRET, tokens: [ACCESS_TOKEN] } as unknown as AuditInput;
    const entry = sanitizeAuditInput(input, new SecretRedactor(), fixedNow());
    assert.deepEqual(Object.keys(entry).sort(), ['action', 'app', 'outcome', 'time']);
    assert.ok(!JSON.stringify(entry).includes(CLIENT_SECRET));
  });

  test('unknown actions and outcomes are normalised, long details truncated', () => {
    const entry = sanitizeAuditInput({ action: 'delete-everything', outcome: 'maybe', detail: 'x'.repeat(2000) } as unknown as AuditInput, new SecretRedactor(), fixedNow());
    assert.equal(entry.action, 'incident-step');
    assert.equal(entry.outcome, 'failed');
    assert.equal(entry.detail?.length, MAX_DETAIL_LENGTH);
  });

  test('property: a registered secret placed in any field never reaches the file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 8, maxLength: 40 }).filter((s) => s.trim().length >= 8 && !/\s/.test(s)),
        fc.constantFrom('app', 'workspace', 'requestId', 'folder', 'detail'),
        fc.string({ maxLength: 20 }),
        async (secret, field, around) => {
          const redactor = new SecretRedactor();
          redactor.add(secret);
          const mem = memoryFiles();
          const log = new AuditLog({ dir: '/g', files: mem.ops, redactor, now: fixedNow });
          await log.record({ action: 'revoke', outcome: 'ok', [field]: field === 'detail' ? `${around}${secret}${around}` : secret } as AuditInput);
          assert.ok(!mem.all().includes(secret));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('audit log: append-only JSON Lines with rotation', () => {
  test('past maxBytes the file rotates to audit.1.jsonl; the newest entries survive in order, size stays bounded', async () => {
    const mem = memoryFiles();
    const maxBytes = 600;
    const log = new AuditLog({ dir: '/g', files: mem.ops, redactor: new SecretRedactor(), now: fixedNow, maxBytes });
    for (let i = 0; i < 40; i++) await log.record({ action: 'refresh', outcome: 'ok', app: `app-${i}`, detail: `refresh number ${i}` });
    assert.ok((await mem.ops.size(log.current)) <= maxBytes, 'current file within bound');
    assert.ok((await mem.ops.size(log.rotated)) <= maxBytes, 'rotated file within bound');
    assert.ok((await mem.ops.size(log.rotated)) > 0, 'rotation happened');
    const entries = await log.entries();
    const numbers = entries.map((e) => Number(e.app?.slice(4)));
    assert.equal(numbers.at(-1), 39, 'newest entry kept');
    assert.ok(numbers[0]! > 0, 'oldest entries dropped');
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'oldest first');
    for (const text of mem.files.values()) for (const line of text.trim().split('\n')) assert.doesNotThrow(() => JSON.parse(line));
  });

  test('concurrent records keep call order and never interleave a rotation', async () => {
    const mem = memoryFiles();
    const log = new AuditLog({ dir: '/g', files: mem.ops, redactor: new SecretRedactor(), now: fixedNow, maxBytes: 400 });
    await Promise.all(Array.from({ length: 25 }, (_, i) => log.record({ action: 'revoke', outcome: 'ok', app: `a${i}` })));
    const apps = (await log.entries()).map((e) => Number(e.app?.slice(1)));
    assert.deepEqual(apps, [...apps].sort((a, b) => a - b));
    assert.equal(apps.at(-1), 24);
  });

  test('a failed write is reported, never thrown, and the next one works', async () => {
    const mem = memoryFiles();
    const errors: unknown[] = [];
    const log = new AuditLog({ dir: '/g', files: mem.ops, redactor: new SecretRedactor(), now: fixedNow, onError: (e) => errors.push(e) });
    mem.failNext();
    assert.equal(await log.record({ action: 'sign-in', outcome: 'ok' }), undefined);
    assert.equal(errors.length, 1);
    assert.ok(await log.record({ action: 'sign-in', outcome: 'ok' }));
    assert.equal((await log.entries()).length, 1);
  });

  test('corrupt lines (a torn write) are skipped when reading', async () => {
    const mem = memoryFiles();
    const log = new AuditLog({ dir: '/g', files: mem.ops, redactor: new SecretRedactor(), now: fixedNow });
    await log.record({ action: 'sign-in', outcome: 'ok' });
    await mem.ops.append(log.current, '{"time":"2026-03-01T10:00:00.000Z","act');
    await mem.ops.append(log.current, '\n');
    await log.record({ action: 'sign-out', outcome: 'ok' });
    assert.deepEqual((await log.entries()).map((e) => e.action), ['sign-in', 'sign-out']);
  });

  test('on the real disk: folder created, lines appended, rotation by rename', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vendaze-audit-')), 'nested', 'globalStorage');
    try {
      const log = new AuditLog({ dir, files: nodeAuditFiles, redactor: new SecretRedactor(), maxBytes: 300 });
      for (let i = 0; i < 6; i++) await log.record({ action: 'register', outcome: 'ok', app: `app-${i}` });
      const current = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
      const rotated = readFileSync(join(dir, 'audit.1.jsonl'), 'utf8');
      assert.ok(current.endsWith('\n') && rotated.endsWith('\n'));
      assert.equal((await log.entries()).at(-1)?.app, 'app-5');
    } finally {
      rmSync(dirname3(dir), { recursive: true, force: true });
    }
  });
});

describe('audit facade', () => {
  test('records go nowhere until installed, then to the installed sink, and stop on dispose', async () => {
    assert.equal(await audit.record({ action: 'sign-in', outcome: 'ok' }), undefined);
    const mem = memoryFiles();
    const installed = installAudit(new AuditLog({ dir: '/g', files: mem.ops, redactor: new SecretRedactor(), now: fixedNow }));
    assert.equal((await audit.record({ action: 'sign-in', outcome: 'ok', app: 'a1' }))?.app, 'a1');
    installed.dispose();
    assert.equal(await audit.record({ action: 'sign-in', outcome: 'ok' }), undefined);
    assert.equal(mem.all().trim().split('\n').length, 1);
  });
});

function dirname3(path: string): string {
  return join(path, '..', '..');
}
