/**
 * The severity policy is one function (src/scanPolicy/severity.ts) and one table (docs/secret-scanning.md,
 * "Severity policy"). This test reads the table and checks every row against the function, so the two cannot
 * drift; then the properties no row spells out.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explain, NOTES, rateFinding, toSeverity, type GitState, type Reason, type SeverityInput, type Verification } from '../../src/scanPolicy/severity';

const ROOT = join(__dirname, '..', '..', '..');

interface Row {
  text: string;
  input: SeverityInput;
  rating: string;
  reasons: string[];
}

function tableRows(): Row[] {
  const doc = readFileSync(join(ROOT, 'docs', 'secret-scanning.md'), 'utf8');
  const start = doc.indexOf('<!-- severity-table -->');
  const end = doc.indexOf('<!-- /severity-table -->');
  assert.ok(start >= 0 && end > start, 'docs/secret-scanning.md has the severity table between its markers');
  const lines = doc.slice(start, end).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('|---'));
  return lines.map((text) => {
    const [severity, git, value, baseline, rating, notes] = text.split('|').slice(1, -1).map((c) => c.trim()) as [string, string, string, string, string, string];
    const configuredMatch = /^(\w+) \(configured\)$/.exec(severity);
    const input: SeverityInput = { severity: 'error', git: git as GitState, inBaseline: baseline === 'listed' };
    if (configuredMatch) input.configured = configuredMatch[1] as SeverityInput['severity'];
    else if (severity === 'off') input.configured = 'off';
    else input.severity = severity as SeverityInput['severity'];
    if (value === 'known live') input.knownLive = true;
    else if (value === 'known dead') input.knownDead = true;
    else if (value.startsWith('verif')) input.verification = value.replace(/^verif(ied|y) /, '') as Verification;
    else assert.equal(value, '—', text);
    return { text, input, rating, reasons: [...notes.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!) };
  });
}

describe('severity policy: docs/secret-scanning.md table = rateFinding', () => {
  const rows = tableRows();

  test('the table covers every git state, every value state, the baseline and the config', () => {
    assert.ok(rows.length >= 20, `${rows.length} rows`);
    for (const git of ['tracked', 'unignored', 'ignored', 'outside', 'unknown']) assert.ok(rows.some((r) => r.input.git === git), git);
    for (const v of ['live', 'dead', 'unknown'] as const) assert.ok(rows.some((r) => r.input.verification === v), v);
    assert.ok(rows.some((r) => r.input.knownLive) && rows.some((r) => r.input.knownDead) && rows.some((r) => r.input.configured === 'off'));
    // Every reason the code can give is documented by at least one row.
    for (const reason of Object.keys(NOTES)) assert.ok(rows.some((r) => r.reasons.includes(reason)), `no row shows ${reason}`);
  });

  for (const row of tableRows()) {
    test(row.text, () => {
      const rating = rateFinding(row.input);
      if (row.rating === 'dropped') return assert.deepEqual(rating, { drop: true });
      assert.equal(rating.drop, false);
      if (rating.drop) return;
      assert.equal(rating.level, row.rating);
      assert.deepEqual(rating.reasons, row.reasons);
      assert.equal(rating.accepted, row.input.inBaseline === true && !rating.reasons.includes('baseline-refused-live'));
    });
  }
});

describe('severity policy: properties', () => {
  const gits: GitState[] = ['tracked', 'unignored', 'ignored', 'outside', 'unknown'];
  const severities = ['error', 'warning', 'info'] as const;
  const all: SeverityInput[] = [];
  for (const git of gits)
    for (const severity of severities)
      for (const configured of [undefined, 'off', ...severities] as const)
        for (const value of [{}, { knownLive: true }, { knownDead: true }, { verification: 'live' as const }, { verification: 'dead' as const }, { verification: 'unknown' as const }])
          for (const inBaseline of [false, true]) all.push({ severity, git, inBaseline, ...(configured ? { configured } : {}), ...value });

  test('a live value is never accepted by a baseline, never dropped by the config, and is an error unless git-ignored or outside git', () => {
    for (const input of all.filter((i) => i.knownLive || i.verification === 'live')) {
      const rating = rateFinding(input);
      assert.equal(rating.drop, false, JSON.stringify(input));
      if (rating.drop) continue;
      assert.equal(rating.accepted, false);
      assert.equal(rating.level, input.git === 'ignored' || input.git === 'outside' ? 'warning' : 'error', JSON.stringify(input));
    }
  });

  test('an unignored file is rated exactly like a tracked one, only the message differs', () => {
    for (const input of all.filter((i) => i.git === 'unignored')) {
      const a = rateFinding(input);
      const b = rateFinding({ ...input, git: 'tracked' });
      assert.equal(a.drop, b.drop);
      if (a.drop || b.drop) continue;
      assert.equal(a.level, b.level);
      assert.deepEqual(a.reasons.filter((r) => r !== 'unignored'), b.reasons);
      // A dead value is information wherever it is: its message says it is dead, not where it is.
      assert.equal(a.reasons.includes('unignored'), !a.reasons.includes('dead'));
    }
  });

  test('an ignored file is never rated above a tracked one; a dead value is always information', () => {
    const order = ['error', 'warning', 'information', 'hint'];
    for (const input of all) {
      const rating = rateFinding(input);
      const tracked = rateFinding({ ...input, git: 'tracked' });
      if (rating.drop || tracked.drop) continue;
      if (input.git === 'ignored') assert.ok(order.indexOf(rating.level) >= order.indexOf(tracked.level));
      if ((input.knownDead || input.verification === 'dead') && !input.knownLive) assert.equal(rating.level, 'information');
    }
  });

  test('explanations are one sentence per reason; the CLI maps levels onto its three severities', () => {
    const reasons: Reason[] = ['live', 'unignored'];
    assert.equal(explain(reasons), `${NOTES.live} ${NOTES.unignored}`);
    assert.match(NOTES.unignored, /git add \./);
    assert.deepEqual(['error', 'warning', 'information', 'hint'].map((l) => toSeverity(l as never)), ['error', 'warning', 'info', 'info']);
  });
});
