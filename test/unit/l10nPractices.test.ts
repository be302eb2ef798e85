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
import { formatMessage, installTranslator } from '../../src/common/l10n';
import { PRACTICES } from '../../src/practices/catalog';
import { renderReport } from '../../src/practices/report';
import type { PracticeFinding } from '../../src/practices/types';
import type { WorkerL10n, WorkerRequest, WorkerResponse } from '../../src/practices/workerProtocol';

const root = join(__dirname, '..', '..', '..');
const bundlePt = JSON.parse(readFileSync(join(root, 'l10n/bundle.l10n.pt-br.json'), 'utf8')) as Record<string, string>;
// No state, and PKCE with the plain method: two rules, one of them with a quick fix.
const code =
  "const verifier = crypto.randomUUID() + crypto.randomUUID();\nconst url = new URL('https://api.vendaze.com/oauth/authorize');\n" +
  "url.searchParams.set('code_challenge', verifier);\nurl.searchParams.set('code_challenge_method', 'plain');\n";

async function findingsIn(l10n: WorkerL10n | undefined): Promise<Array<{ message: string; reason: string; fixes?: Array<{ title: string }> }>> {
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
    // The guide's reason the diagnostic ends with, from the catalogue.
    const reasons = findings.map((f) => f.reason);
    assert.ok(reasons.includes('O parâmetro state protege contra CSRF: gere-o de forma imprevisível e compare-o no retorno (callback).'), reasons.join('\n'));
  });

  test('without a bundle (English), it writes English', async () => {
    const findings = await findingsIn(undefined);
    const messages = findings.map((f) => f.message);
    assert.ok(messages.some((m) => m.startsWith('This authorize URL carries no state')), messages.join('\n'));
    assert.ok(findings.some((f) => f.reason === PRACTICES.state.reason && f.reason.startsWith('The state parameter protects against CSRF')));
  });

  test('the workspace report is written in the display language, file text still escaped', () => {
    const finding: PracticeFinding = {
      name: 'state',
      ruleId: 'vendaze/practice/state',
      start: 40,
      end: 45,
      line: 3,
      column: 0,
      endLine: 3,
      endColumn: 5,
      severity: 'warning',
      message: 'no state',
      reason: PRACTICES.state.reason,
      docs: '',
      fixes: [],
    };
    const files = [{ path: 'src/[auth].ts', uri: 'file:///w/src/auth.ts', findings: [finding] }];
    const english = renderReport(files, { apiGeneration: 'pkce', reviewedFiles: 2 });
    installTranslator((message: string, ...args: unknown[]) => formatMessage(bundlePt[message] ?? message, args), 'pt-br');
    try {
      const report = renderReport(files, { apiGeneration: 'pkce', reviewedFiles: 2 });
      assert.match(report, /^# Revisão de segurança da integração com a Vendaze$/m);
      assert.match(report, /\*\*Pontuação do checklist: 9\/10 práticas seguidas \(90%\)\*\*/);
      assert.match(report, /2 arquivos que falam com a Vendaze revisados segundo o guia de segurança, considerando a API da era PKCE\./);
      assert.match(report, /\| 6 \| \[Valide o parâmetro state\]\(#state\) \| ❌ 1 achado \|/);
      assert.match(report, /\| 7 \| \[Use PKCE com S256\]\(#pkce\) \| ✅ seguida \|/);
      assert.match(report, /`vendaze\/practice\/state`: O parâmetro state protege contra CSRF.*\[A prática\]\(/);
      assert.ok(report.includes('src/\\[auth\\].ts:4'), 'the file path stays escaped');
      assert.notEqual(report, english);
    } finally {
      installTranslator(undefined);
    }
    assert.match(english, /^# Vendaze integration security review$/m);
    assert.match(english, /\| 6 \| \[Validate the state parameter\]\(#state\) \| ❌ 1 finding \|/);
  });
});
