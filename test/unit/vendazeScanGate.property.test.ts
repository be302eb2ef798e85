import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectSecrets } from '../../src/detector';
import { mayMatch } from '../../src/cli/rules/vendazeSecrets';
import { CLIENT_ID, SECRET, vendazeJwt } from './support/detectorFixtures';

/** Pieces that make findings (context, keys, values, JWTs) and pieces that move them apart (unicode, noise). */
const FRAGMENTS = [
  'vendaze', 'Vendaze', 'VENDAZE', 'vENDAZE', 'VendaZe', `client_id: "${CLIENT_ID}"`, `CLIENT_ID=${CLIENT_ID}`, `clientId = '${CLIENT_ID}'`,
  'client_secret = ', 'VENDAZE_CLIENT_SECRET=', 'api_token: ', 'Authorization: Bearer ', `"${SECRET}"`, SECRET, 'whsec_Zq81LmN0pRs7VwX2yK4h',
  vendazeJwt({}), 'eyJ', '\u00e9\u00e9\u00e9', '\u{1F600}', '\u65e5\u672c\u8a9e', '\n', ' ', '-', '--------', 'client', 'CLIENT', 'x'.repeat(300),
];

test('the byte gate never refuses a file the detector reports on (so skipping the decode loses nothing)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }), fc.constantFrom('a.env', 'src/x.ts', 'vendaze.yml'), (parts, name) => {
      const text = parts.join('');
      if (detectSecrets(text, { fileName: name }).length > 0) assert.equal(mayMatch(Buffer.from(text, 'utf8'), name), true, text);
    }),
    { numRuns: 3000 },
  );
});

test('the gate refuses ordinary code without any anchor', () => {
  assert.equal(mayMatch(Buffer.from('const client = createClient({ secret: process.env.X }); // a-b-c\n'), 'src/app.ts'), false);
  assert.equal(mayMatch(Buffer.from(`client_id: "${CLIENT_ID}"`), 'src/app.ts'), true);
  assert.equal(mayMatch(Buffer.from('x'), 'config/vendaze.env'), true);
});
