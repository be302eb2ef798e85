/**
 * The practice review's findings in the display language: the real worker thread (out/src/practices/worker.js, as
 * PracticeClient starts it) receives VS Code's loaded bundle with `configure` and writes its findings and quick-fix
 * titles in Portuguese; configured without a bundle (English), it writes English.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WorkerL10n, WorkerRequest, WorkerResponse } from '../../src/practices/workerProtocol';

const root = join(__dirname, '..', '..', '..');
const bundlePt = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.pt-br.json'), 'utf8')) as Record<string, string>;
// No state, and PKCE with the plain method: two rules, one of them with a quick fix.
const code =
  "const verifier = crypto.randomUUID() + crypto.randomUUID();\nconst url = new URL('https://api.vendaze.com/oauth/authorize');\n" +
  "url.searchParams.set('code_challenge', verifier);\nurl.searchParams.set('code_challenge_method', 'plain');\n";

async function findingsIn(l10n: WorkerL10n | undefined): Promise<Array<{ message: string; fixes?: Array<{ title: string }> }>> {
  const worker = new Worker(join(root, 'out', 'src', 'practices', 'worker.js'));
  try {
    const ask = (request: WorkerRequest) =>
      new Promise<WorkerResponse>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage(request);
      });
    await ask({ id: 1, type: 'configure', apiGeneration: 'pkce', rules: {}, l10n });
    const answer = await ask({ id: 2, type: 'review', key: 'auth.ts', fileName: 'auth.ts', text: code, version: 1 });
    assert.equal(answer.error, undefined);
    return answer.files?.['auth.ts']?.findings ?? [];
  } finally {
    await worker.terminate();
  }
}

describe('practice findings in the display language', () => {
  test('with the pt-br bundle, the worker writes Portuguese', async () => {
    const findings = await findingsIn({ language: 'pt-br', bundle: bundlePt });
    const messages = findings.map((f) => f.message);
    assert.ok(messages.includes(bundlePt['This authorize URL carries no state: without it the callback cannot tell your own redirect from a forged one (CSRF). Send a random state and compare it on return.']!), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('code_challenge_method=plain não é aceito pela Vendaze')), messages.join('\n'));
    const titles = findings.flatMap((f) => f.fixes ?? []).map((f) => f.title);
    assert.ok(titles.includes('Mudar para S256 e calcular code_challenge = BASE64URL(SHA256(code_verifier))'), titles.join('\n'));
  });

  test('without a bundle (English), it writes English', async () => {
    const messages = (await findingsIn(undefined)).map((f) => f.message);
    assert.ok(messages.some((m) => m.startsWith('This authorize URL carries no state')), messages.join('\n'));
  });
});
