import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAssignment } from '../../src/detector/assignment';
import { ContextIndex } from '../../src/detector/context';
import { isRealLookingUuid } from '../../src/detector/decoys';
import { findContextHits } from '../../src/detector/keywords';
import { CLIENT_ID } from './support/detectorFixtures';

/**
 * The definition the prefilter must honour, written the direct way: every client_id-like key in the text,
 * whose assignment holds a real-looking UUID. The detector finds the same positions from the other end (UUID
 * first, then a key before it), which costs half as much; this test pins the two together.
 */
function clientIdContextByKeys(text: string): number[] {
  const out = new Set<number>();
  const key = /[cC]lient[_-]?[iI][dD]|[cC]LIENT[_-]?ID/g;
  for (let m = key.exec(text); m !== null; m = key.exec(text)) {
    const assignment = parseAssignment(text, m.index, m.index + m[0].length);
    if (assignment && isRealLookingUuid(assignment.value)) out.add(assignment.valueStart);
    key.lastIndex = m.index + 1;
  }
  return [...out].sort((a, b) => a - b);
}

function clientIdContextByIndex(text: string): number[] {
  const hits = findContextHits(text);
  return [...new Set(new ContextIndex(text, { ...hits, vendaze: [] }, false).positions)];
}

const KEYS = ['client_id', 'clientId', 'ClientID', 'CLIENT_ID', 'client-id', 'clientid', 'CLIENT-ID', 'client_Id', 'OAUTH_CLIENT_ID', 'client_id_prod', 'clientIdentifier', 'cLIENT_ID', 'client', 'id'];
const VALUES = [CLIENT_ID, CLIENT_ID.toUpperCase(), '9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d', '11111111-1111-1111-1111-111111111111', `${CLIENT_ID}x`, `x${CLIENT_ID}`, '3f2c9a1e-7b44-4d2a-9c1f', '--------', 'a-b-c-d-e'];
const GLUE = ['=', ': ', ' = ', ':=', '=>', '"', "'", '(', ',', ' ', '\n', '&', '?', '<', '>', ': string = ', '-', 'x'.repeat(150), ' '.repeat(20)];

const piece = fc.oneof(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), fc.constantFrom(...GLUE), fc.string({ unit: 'grapheme-ascii', maxLength: 6 }));

describe('client_id context', () => {
  test('the UUID-first search finds exactly the values client_id keys hold', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')), (text) => {
        assert.deepEqual(clientIdContextByIndex(text), clientIdContextByKeys(text));
      }),
      { numRuns: 3000 },
    );
  });

  test('a key at the far end of the allowed lead still counts, one further does not', () => {
    // A type annotation may stand between key and value (`clientId: T = "…"`) as long as the `=` is at most
    // MAX_LEAD (160) characters after the keyword: the longest lead the lookback has to cover.
    const near = `clientId: ${'T'.repeat(150)} = "${CLIENT_ID}"`;
    const far = `clientId: ${'T'.repeat(160)} = "${CLIENT_ID}"`;
    assert.deepEqual(clientIdContextByIndex(near), clientIdContextByKeys(near));
    assert.equal(clientIdContextByIndex(near).length, 1);
    assert.deepEqual(clientIdContextByIndex(far), []);
  });
});
