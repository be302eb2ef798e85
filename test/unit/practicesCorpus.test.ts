import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PRACTICE_NAMES, PRACTICES } from '../../src/practices/catalog';
import { CORPUS, corpusEntries, reviewCorpusFile } from './support/practiceCorpus';

const entries = corpusEntries();
const blocking = (name: string) => PRACTICES[name as keyof typeof PRACTICES].severity !== 'information';

describe('practice corpus (test/fixtures/practices/index.json)', () => {
  test('has at least 20 violation files, 20 traps, and 3 violating files per rule 1, 2, 3, 5, 6, 7, 9', () => {
    const violations = entries.filter((e) => e.path.startsWith('violations/') && e.expect.some(blocking));
    const traps = entries.filter((e) => e.path.startsWith('traps/'));
    assert.ok(violations.length >= 20, `${violations.length} violation files`);
    assert.ok(traps.length >= 20, `${traps.length} traps`);
    for (const name of PRACTICE_NAMES.filter(blocking)) {
      const count = entries.filter((e) => e.expect.includes(name)).length;
      assert.ok(count >= 3, `${name}: ${count} files`);
    }
    for (const e of entries) {
      assert.ok(existsSync(join(CORPUS, e.path)), `${e.path} is missing`);
      assert.ok(e.source.length > 0 && e.licence.length > 0, `${e.path} names no source or licence`);
    }
  });

  for (const entry of entries) {
    test(`${entry.path} -> ${entry.expect.join(', ') || 'nothing'}`, () => {
      const findings = reviewCorpusFile(entry);
      assert.deepEqual([...new Set(findings.map((f) => f.name))].sort(), [...entry.expect].sort());
      if (entry.path.startsWith('traps/')) assert.deepEqual(findings.filter((f) => f.severity !== 'information').map((f) => f.ruleId), []);
      for (const f of findings) {
        assert.equal(f.ruleId, `vendaze/practice/${f.name}`);
        assert.equal(f.severity, PRACTICES[f.name].severity);
        assert.match(f.docs, new RegExp(`docs/practices\\.md#${f.name}$`));
      }
    });
  }
});
