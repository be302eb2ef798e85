import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectSecrets, LineIndex, looksBinary, mergeRangeScan, scanRange, shiftFindings, type Finding, type KnownSecret } from '../../src/detector';
import { CLIENT_ID, SECRET, SECRET_B, vendazeJwt } from './support/detectorFixtures';

/** Pieces that steer random text into every rule: keys, separators, quotes, values, context, markers. */
const FRAGMENTS = [
  'vendaze', 'VENDAZE_CLIENT_SECRET', 'client_secret', 'clientSecret', 'client_id', CLIENT_ID, 'api_token', 'password',
  '=', ':', ': ', ' = ', ':=', '=>', '(', ')', '"', "'", '`', '\n', '\r\n', ' ', '\t', '&', '?', ',', '{', '}', '[', ']',
  '# vendaze:allow', '// ', '<', '>', 'Bearer ', 'whsec_', 'eyJ', '.', vendazeJwt({}), SECRET, SECRET_B, 'a81f9c2e4b7d6a0f3c5e8b1d',
  'process.env.X', '${X}', '\u0000', '🔐', 'é', 'https://api.vendaze.com',
];

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 24 }) },
);

const smallText = fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join(''));

/** Larger texts: fragments separated by filler, so edits land far from (and near) findings. */
const filler = fc.constantFrom('', 'x'.repeat(3000), `${'const a = 1;\n'.repeat(400)}`, 'z'.repeat(9000), '\n'.repeat(50));
const largeText = fc.array(fc.tuple(fragment, filler, fragment), { maxLength: 30 }).map((parts) => parts.flat().join(''));

const KNOWN: KnownSecret[] = [{ value: SECRET_B, kind: 'client_secret', clientId: CLIENT_ID, label: 'App' }];

function assertWellFormed(text: string, findings: Finding[]): void {
  const lines = LineIndex.of(text);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    assert.ok(0 <= f.literalStart && f.literalStart <= f.start && f.start < f.end && f.end <= f.literalEnd && f.literalEnd <= text.length);
    assert.deepEqual({ line: f.line, column: f.column }, lines.positionAt(f.start));
    if (i > 0) assert.ok(findings[i - 1]!.start <= f.start, 'findings are sorted');
    assert.ok(!f.message.includes(text.slice(f.start, f.end)) || f.end - f.start < 4);
  }
}

describe('detector properties', () => {
  test('never throws on arbitrary unicode, and findings are in bounds, sorted and positioned', () => {
    fc.assert(
      fc.property(fc.oneof(smallText, fc.string({ unit: 'binary' })), (text) => {
        assertWellFormed(text, detectSecrets(text, { knownSecrets: KNOWN }));
      }),
      { numRuns: 1500 },
    );
  });

  test('output never contains the secret value', () => {
    const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-');
    const templates = [
      (v: string) => `VENDAZE_CLIENT_SECRET=${v}\n`,
      (v: string) => `{"vendaze": {"client_secret": "${v}"}}`,
      (v: string) => `curl https://api.vendaze.com/oauth/token -d client_secret=${v}`,
      (v: string) => `vendaze:\n  api_token: "${v}"\n`,
      (v: string) => `Authorization: Bearer ${v} (vendaze)`,
      (v: string) => `log: ${v}`,
    ];
    fc.assert(
      fc.property(fc.string({ unit: alnum, minLength: 8, maxLength: 64 }), fc.nat(templates.length - 1), fc.boolean(), (value, which, known) => {
        const text = templates[which]!(value);
        const findings = detectSecrets(text, { knownSecrets: known ? [{ value, kind: 'client_secret', label: 'App' }] : [] });
        const output = JSON.stringify(findings);
        assert.ok(!output.includes(value), `${value} leaked in ${output}`);
      }),
      { numRuns: 1500 },
    );
  });

  test('incremental rescan of the changed range equals a full scan', () => {
    fc.assert(
      fc.property(largeText, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40), fragment, (before, where, removeLength, inserted) => {
        const offset = Math.floor(where * before.length);
        const removed = Math.min(removeLength, before.length - offset);
        const after = before.slice(0, offset) + inserted + before.slice(offset + removed);
        const options = { knownSecrets: KNOWN, now: 1_800_000_000_000 };
        const lines = LineIndex.of(after);
        const shifted = shiftFindings(detectSecrets(before, options), offset, removed, inserted.length, (o) => lines.positionAt(o));
        const scan = scanRange(after, offset, offset + inserted.length, { ...options, positionAt: (o) => lines.positionAt(o) });
        assert.ok(scan.from <= offset && scan.to >= offset + inserted.length);
        // The one documented exception: a binary text that became text again needs a full scan.
        const merged = looksBinary(before) && !scan.binary ? detectSecrets(after, options) : mergeRangeScan(shifted, scan);
        assert.deepEqual(merged, detectSecrets(after, options));
      }),
      { numRuns: 400 },
    );
  });

  test('typing a secret one character at a time into a 1 MB file: every rescan equals a full scan', () => {
    const block = 'export function handler(event) {\n  return { statusCode: 200, body: JSON.stringify(event) };\n}\n';
    let text = `${block.repeat(6000)}// vendaze client\n${block.repeat(6000)}`;
    const typed = `const clientSecret = "${SECRET}";\n`;
    let at = text.indexOf('// vendaze client\n') + '// vendaze client\n'.length;
    let findings = detectSecrets(text);
    for (const ch of typed) {
      text = text.slice(0, at) + ch + text.slice(at);
      const lines = LineIndex.of(text);
      const positionAt = (o: number) => lines.positionAt(o);
      findings = mergeRangeScan(shiftFindings(findings, at, 0, 1, positionAt), scanRange(text, at, at + 1, { positionAt }));
      at++;
    }
    assert.deepEqual(findings, detectSecrets(text));
    assert.equal(findings.length, 1);
  });

  test('an edit that removes the NUL making a text binary says so, and a full scan then finds what is far away', () => {
    const before = `\u0000${'const a = 1;\n'.repeat(3000)}VENDAZE_CLIENT_SECRET=${SECRET}\n`;
    assert.deepEqual(detectSecrets(before), []);
    const after = before.slice(1);
    const scan = scanRange(after, 0, 0);
    assert.equal(scan.binary, false);
    assert.ok(scan.to < after.indexOf(SECRET), 'the secret is outside the rescanned region');
    assert.equal(detectSecrets(after).length, 1);
    assert.deepEqual(scanRange(before, 0, 1), { from: 0, to: before.length, findings: [], binary: true });
  });

  test('adversarial inputs finish (every pattern is linear)', { timeout: 120_000 }, () => {
    const inputs = [
      'eyJ'.repeat(200_000),
      `eyJ${'a'.repeat(600_000)}.${'b'.repeat(600_000)}.`,
      'client_secret='.repeat(80_000),
      `client_secret="${'a'.repeat(1_000_000)}`,
      'secret'.repeat(200_000),
      `vendaze ${'api_token: '.repeat(80_000)}`,
      `${'"'.repeat(500_000)}vendaze`,
      `Bearer ${'A1'.repeat(500_000)} vendaze`,
      `whsec_${'x9'.repeat(500_000)} vendaze`,
      `${'\n'.repeat(500_000)}client_secret: ${SECRET} vendaze`,
      `vendaze ${'$'.repeat(500_000)}`,
    ];
    for (const input of inputs) {
      const findings = detectSecrets(input);
      assertWellFormed(input, findings);
    }
  });
});
