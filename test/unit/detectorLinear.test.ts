/**
 * The detector's cost is bounded per candidate and linear in the text, on inputs crafted against each part of
 * the scan (support/adversarial.ts, also what `npm run bench` measures in ms per MB), and on fuzzed ones.
 * A file made of findings reports at most MAX_FINDINGS_PER_FILE of them, then one summary finding.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSecrets, MAX_FINDINGS_PER_FILE, SUPPRESSION_MARKER } from '../../src/detector';
import { DETECTOR_ALL_FINDINGS, DETECTOR_NO_FINDINGS, fuzzedUnits, repeatTo } from './support/adversarial';
import { assertLinearTime } from './support/linearTime';
import { SECRET } from './support/detectorFixtures';

const KB = 1024;

describe('detector: linear time on adversarial text', () => {
  for (const [name, unit] of Object.entries(DETECTOR_NO_FINDINGS)) {
    test(name, () => {
      assert.deepEqual(detectSecrets(repeatTo(unit, 64 * KB)), [], 'the generator holds no finding (what the bench assumes)');
      assertLinearTime(name, (n) => repeatTo(unit, n), (text) => detectSecrets(text), 64 * KB, 3);
    });
  }

  test('fuzzed: random strings of keys, client_ids, quotes, escapes, markers and JWT heads', () => {
    for (const unit of fuzzedUnits(0xde7ec7, 12)) {
      assertLinearTime(JSON.stringify(unit), (n) => repeatTo(unit, n), (text) => detectSecrets(text, { fileName: 'vendaze.env' }), 32 * KB, 3);
    }
  });

  test('a file made of findings: linear too, thanks to the cap', () => {
    assertLinearTime('all findings', (n) => repeatTo(DETECTOR_ALL_FINDINGS, n), (text) => detectSecrets(text), 64 * KB, 3);
  });

  test('thousands of candidates on one long line below a suppression comment', () => {
    const make = (n: number) => `# ${SUPPRESSION_MARKER}\n${repeatTo(`vendaze client_secret="${SECRET}" `, n)}`;
    assertLinearTime('suppressed line', make, (text) => detectSecrets(text), 64 * KB, 3);
  });
});

describe('detector: at most MAX_FINDINGS_PER_FILE findings per file', () => {
  test('past the cap, one summary finding sits on the first value not reported and counts the rest', () => {
    const count = MAX_FINDINGS_PER_FILE + 250;
    const text = Array.from({ length: count }, (_, i) => `VENDAZE_CLIENT_SECRET_${i}=${SECRET}${i}\n`).join('');
    const findings = detectSecrets(text);
    assert.equal(findings.length, MAX_FINDINGS_PER_FILE + 1);
    const summary = findings.at(-1)!;
    assert.equal(summary.summary, true);
    assert.equal(summary.line, MAX_FINDINGS_PER_FILE);
    assert.match(summary.message, /^250 more possible secrets/);
    assert.ok(!summary.message.includes(SECRET));
    assert.ok(findings.slice(0, -1).every((f) => f.summary === undefined && f.ruleId === 'vendaze/client-secret'));
  });

  test('exactly at the cap, no summary', () => {
    const text = Array.from({ length: MAX_FINDINGS_PER_FILE }, (_, i) => `VENDAZE_CLIENT_SECRET_${i}=${SECRET}${i}\n`).join('');
    const findings = detectSecrets(text);
    assert.equal(findings.length, MAX_FINDINGS_PER_FILE);
    assert.ok(findings.every((f) => !f.summary));
  });
});
