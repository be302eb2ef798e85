/** A full scan in chunks (the editor's, so it never blocks) reports exactly what one detectSecrets call does. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectSecrets, detectSecretsInChunks, MAX_FINDINGS_PER_FILE, type KnownSecret } from '../../src/detector';
import { CLIENT_ID, SECRET, SECRET_B, vendazeJwt } from './support/detectorFixtures';
import { DETECTOR_ALL_FINDINGS, repeatTo } from './support/adversarial';

const FRAGMENTS = [
  'vendaze', 'VENDAZE_CLIENT_SECRET', 'client_secret', 'clientSecret', 'client_id', CLIENT_ID, 'api_token', 'password',
  '=', ':', ': ', ' = ', '"', "'", '\n', ' ', '&', '# vendaze:allow', '// ', 'Bearer ', 'whsec_', 'eyJ', '.',
  vendazeJwt({}), SECRET, SECRET_B, 'a81f9c2e4b7d6a0f3c5e8b1d', '\u0000',
];
const fragment = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const filler = fc.constantFrom('', 'x'.repeat(3000), 'const a = 1;\n'.repeat(300), '\n'.repeat(40), ' '.repeat(5000));
const text = fc.array(fc.tuple(fragment, filler, fragment), { maxLength: 30 }).map((parts) => parts.flat().join(''));
const KNOWN: KnownSecret[] = [{ value: SECRET_B, kind: 'client_secret', label: 'App' }];

const resume = () => Promise.resolve(true);

describe('detectSecretsInChunks', () => {
  test('equals a full scan, whatever the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 20_000 }), async (t, chunkLength) => {
        const options = { knownSecrets: KNOWN, now: 1_800_000_000_000, fileName: 'app.env' };
        const chunked = await detectSecretsInChunks(t, { ...options, chunkLength, pause: resume });
        assert.deepEqual(chunked, detectSecrets(t, options));
      }),
      { numRuns: 300 },
    );
  });

  test('equals a full scan when every chunk has its own length', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.integer({ min: 1, max: 9_000 }), { minLength: 1, maxLength: 20 }), async (t, lengths) => {
        let i = 0;
        const chunkLength = () => lengths[i++ % lengths.length]!;
        const chunked = await detectSecretsInChunks(t, { fileName: 'app.env', now: 1_800_000_000_000, chunkLength, pause: resume });
        assert.deepEqual(chunked, detectSecrets(t, { fileName: 'app.env', now: 1_800_000_000_000 }));
      }),
      { numRuns: 100 },
    );
  });

  test('applies the same cap, and pauses between chunks and between batches of findings', async () => {
    const t = repeatTo(DETECTOR_ALL_FINDINGS, 200_000);
    let pauses = 0;
    const chunked = await detectSecretsInChunks(t, { chunkLength: 10_000, pause: () => Promise.resolve(++pauses > 0) });
    // 19 between the 20 chunks, and 9 more between the 10 batches of 100 findings (the first 4 chunks hold 1,000).
    assert.equal(pauses, 19 + 9);
    assert.equal(chunked?.length, MAX_FINDINGS_PER_FILE + 1);
    assert.deepEqual(chunked, detectSecrets(t));
  });

  test('stops when the caller says so', async () => {
    const result = await detectSecretsInChunks('x'.repeat(50_000), { chunkLength: 10_000, pause: () => Promise.resolve(false) });
    assert.equal(result, undefined);
  });
});
