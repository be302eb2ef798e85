/** The editor's sliced full scan: chunks fitted to the text's cost, the same findings as one scan. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHUNK_MARGIN, detectSecrets } from '../../src/detector';
import { ChunkSizer, MAX_CHUNK_LENGTH, MIN_CHUNK_LENGTH, scanInSlices } from '../../src/leaks/editorScan';
import { DETECTOR_ALL_FINDINGS, repeatTo } from './support/adversarial';

describe('ChunkSizer', () => {
  test('a costly chunk makes the next one small, down to the minimum', () => {
    const sizer = new ChunkSizer();
    sizer.measured(30);
    assert.equal(sizer.length, MIN_CHUNK_LENGTH);
  });

  test('a cheap chunk lets the next one grow, at most 4x at a time and never past the maximum', () => {
    const sizer = new ChunkSizer();
    sizer.measured(30);
    sizer.measured(0);
    assert.equal(sizer.length, Math.min(MAX_CHUNK_LENGTH, 4 * MIN_CHUNK_LENGTH));
    sizer.measured(0);
    assert.equal(sizer.length, MAX_CHUNK_LENGTH);
  });

  test('aims at the cost per character it measured', () => {
    const sizer = new ChunkSizer();
    sizer.measured(30);
    const read = sizer.length + 2 * CHUNK_MARGIN;
    // 1.2 ms for `read` characters: a 1.5 ms chunk reads 1.25x as much, margins included.
    sizer.measured(1.2);
    assert.equal(sizer.length, Math.round((1.5 / 1.2) * read - 2 * CHUNK_MARGIN));
    assert.ok(sizer.length > MIN_CHUNK_LENGTH && sizer.length < MAX_CHUNK_LENGTH);
  });
});

describe('scanInSlices', () => {
  test('reports what one scan does, yielding as its clock says, with chunks of varying length', async () => {
    const text = `${'const a = 1;\n'.repeat(20_000)}${repeatTo(DETECTOR_ALL_FINDINGS, 150_000)}${'x\n'.repeat(30_000)}`;
    let now = 0;
    let yields = 0;
    // A clock that runs 2 ms per reading: every chunk looks costly, then the yields come often.
    const findings = await scanInSlices(text, {
      stillWanted: () => true,
      clock: () => (now += 2),
      yieldNow: async () => void yields++,
    });
    assert.deepEqual(findings, detectSecrets(text));
    assert.ok(yields > 10, `yielded ${yields} times`);
  });

  test('stops when the scan is no longer wanted', async () => {
    const findings = await scanInSlices('vendaze\n'.repeat(100_000), { stillWanted: () => false, yieldNow: async () => undefined });
    assert.equal(findings, undefined);
  });
});
