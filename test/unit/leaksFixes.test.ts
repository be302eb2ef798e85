import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSecrets, SUPPRESSION_MARKER, type Finding } from '../../src/detector';
import {
  commentSyntax, envReference, envVarName, gitignoreAddition, gitignoreHas, isEnvStyleFile, remediesFor, suppressionComment, valueFingerprints,
} from '../../src/leaks/fixes';
import { addSkipped, addToSummary, emptySummary, excludeGlob, inAlwaysExcludedDir, summaryText } from '../../src/leaks/scanPlan';
import { CLIENT_ID, SECRET } from './support/detectorFixtures';

describe('leak quick fixes: environment variable names and references', () => {
  test('env-style keys are kept, others named after the kind or the key', () => {
    assert.equal(envVarName({ key: 'VENDAZE_CLIENT_SECRET', kind: 'client_secret' }), 'VENDAZE_CLIENT_SECRET');
    assert.equal(envVarName({ key: 'OAUTH_CLIENT_SECRET', kind: 'client_secret' }), 'VENDAZE_OAUTH_CLIENT_SECRET');
    assert.equal(envVarName({ key: 'clientSecret', kind: 'client_secret' }), 'VENDAZE_CLIENT_SECRET');
    assert.equal(envVarName({ key: 'vendaze.oauth.client-secret', kind: 'client_secret' }), 'VENDAZE_CLIENT_SECRET');
    assert.equal(envVarName({ kind: 'refresh_token' }), 'VENDAZE_REFRESH_TOKEN');
    assert.equal(envVarName({ key: 'apiToken', kind: 'generic_secret' }), 'VENDAZE_API_TOKEN');
    assert.equal(envVarName({ key: 'vendaze_api_token', kind: 'generic_secret' }), 'VENDAZE_API_TOKEN');
  });

  const cases: Array<[string, string, string, boolean]> = [
    ['typescript', 'process.env.VENDAZE_CLIENT_SECRET', 'a.ts', true],
    ['javascript', 'process.env.VENDAZE_CLIENT_SECRET', 'a.js', true],
    ['python', 'os.environ["VENDAZE_CLIENT_SECRET"]', 'a.py', true],
    ['go', 'os.Getenv("VENDAZE_CLIENT_SECRET")', 'a.go', true],
    ['java', 'System.getenv("VENDAZE_CLIENT_SECRET")', 'A.java', true],
    ['csharp', 'Environment.GetEnvironmentVariable("VENDAZE_CLIENT_SECRET")', 'A.cs', true],
    ['ruby', 'ENV.fetch("VENDAZE_CLIENT_SECRET")', 'a.rb', true],
    ['php', "getenv('VENDAZE_CLIENT_SECRET')", 'a.php', true],
    ['yaml', '${VENDAZE_CLIENT_SECRET}', 'compose.yaml', false],
    ['json', '${VENDAZE_CLIENT_SECRET}', 'config.json', false],
    ['shellscript', '${VENDAZE_CLIENT_SECRET}', 'token.sh', false],
  ];
  for (const [language, text, file, replacesLiteral] of cases) {
    test(`${language}: ${text}`, () => {
      const reference = envReference(language, 'VENDAZE_CLIENT_SECRET', file);
      assert.equal(reference?.text, text);
      assert.equal(reference?.replacesLiteral, replacesLiteral);
    });
  }

  test('python needs `import os`, and says how to tell it is there', () => {
    const requires = envReference('python', 'X')?.requires;
    assert.equal(requires?.line, 'import os');
    assert.ok(requires?.present.test('import json\nimport os\n'));
    assert.ok(!requires?.present.test('import osmosis\n'));
  });

  test('no reference inside a .env file: it is where variables are defined', () => {
    assert.equal(envReference('dotenv', 'X', '.env'), undefined);
    assert.equal(envReference('plaintext', 'X', '/app/.env.local'), undefined);
    assert.equal(envReference('unknown-language', 'X', 'a.zzz'), undefined);
  });
});

describe('leak quick fixes: suppression comments', () => {
  test('comment syntax per language; strict JSON has none', () => {
    assert.equal(suppressionComment(commentSyntax('typescript')!, SUPPRESSION_MARKER), '// vendaze:allow');
    assert.equal(suppressionComment(commentSyntax('python')!, SUPPRESSION_MARKER), '# vendaze:allow');
    assert.equal(suppressionComment(commentSyntax('dotenv')!, SUPPRESSION_MARKER), '# vendaze:allow');
    assert.equal(suppressionComment(commentSyntax('sql')!, SUPPRESSION_MARKER), '-- vendaze:allow');
    assert.equal(suppressionComment(commentSyntax('ini')!, SUPPRESSION_MARKER), '; vendaze:allow');
    assert.equal(suppressionComment(commentSyntax('markdown')!, SUPPRESSION_MARKER), '<!-- vendaze:allow -->');
    assert.equal(commentSyntax('json'), undefined);
  });

  test('the comment each language gets, on the line above, really suppresses the finding', () => {
    const samples: Array<[string, string]> = [
      ['typescript', `const vendaze = { clientSecret: "${SECRET}" };`],
      ['python', `VENDAZE_CLIENT_SECRET = "${SECRET}"`],
      ['dotenv', `VENDAZE_CLIENT_SECRET=${SECRET}`],
      ['yaml', `vendaze_client_secret: ${SECRET}`],
      ['markdown', `VENDAZE_CLIENT_SECRET=${SECRET}`],
      ['sql', `-- vendaze\nINSERT INTO t VALUES ('client_secret=${SECRET}');`],
    ];
    for (const [language, line] of samples) {
      assert.equal(detectSecrets(line).length, 1, language);
      const lines = line.split('\n');
      lines.splice(lines.length - 1, 0, suppressionComment(commentSyntax(language)!, SUPPRESSION_MARKER));
      assert.deepEqual(detectSecrets(lines.join('\n')), [], language);
    }
  });
});

describe('leak quick fixes: .gitignore', () => {
  test('.env-style files', () => {
    for (const name of ['.env', '.env.local', 'config/.env.production', 'prod.env', 'secrets.json', 'id_rsa.pem', '.npmrc']) assert.ok(isEnvStyleFile(name), name);
    for (const name of ['.env.example', '.env.sample', 'env.ts', 'environment.yaml', 'README.md']) assert.ok(!isEnvStyleFile(name), name);
  });

  test('detects an existing entry and appends on a line of its own', () => {
    assert.ok(gitignoreHas('node_modules/\n/config/.env\n', 'config/.env'));
    assert.ok(!gitignoreHas('node_modules/\n', 'config/.env'));
    assert.equal(gitignoreAddition('node_modules/', '.env'), '\n.env\n');
    assert.equal(gitignoreAddition('node_modules/\n', '.env'), '.env\n');
    assert.equal(gitignoreAddition('', '.env'), '.env\n');
  });
});

describe('leak diagnostics: severity and remediation', () => {
  test('rotate for a held client_secret, revoke for held tokens, nothing for values the extension does not hold', () => {
    assert.deepEqual(remediesFor({ knownSecretRef: { kind: 'client_secret', clientId: CLIENT_ID } }), ['rotate']);
    assert.deepEqual(remediesFor({ knownSecretRef: { kind: 'access_token', clientId: CLIENT_ID } }), ['revoke']);
    assert.deepEqual(remediesFor({ knownSecretRef: { kind: 'refresh_token', clientId: CLIENT_ID } }), ['revoke']);
    assert.deepEqual(remediesFor({ knownSecretRef: { kind: 'client_secret' } }), []);
    assert.deepEqual(remediesFor({}), []);
  });

  test('value fingerprints cover the finding of that value whatever its rule', () => {
    const known = detectSecrets(`x ${SECRET}`, { knownSecrets: [{ value: SECRET, kind: 'client_secret' }] })[0]!;
    const keyed = detectSecrets(`VENDAZE_CLIENT_SECRET=${SECRET}`)[0]!;
    const fingerprints = valueFingerprints(SECRET);
    assert.ok(fingerprints.includes(known.fingerprint) && fingerprints.includes(keyed.fingerprint));
    assert.ok(!fingerprints.join().includes(SECRET));
  });
});

describe('workspace scan plan', () => {
  test('files.exclude patterns join the always-excluded ones in one glob', () => {
    assert.equal(excludeGlob({ '**/.git': true, '**/dist': true, '**/off': false }), '{**/node_modules/**,**/.git/**,**/.git,**/dist}');
    assert.equal(excludeGlob(undefined), '{**/node_modules/**,**/.git/**}');
  });

  test('a user pattern with braces falls back to VS Code applying files.exclude itself', () => {
    assert.equal(excludeGlob({ '**/*.{js,map}': true }), undefined);
    assert.ok(inAlwaysExcludedDir('/w/node_modules/x/.env'));
    assert.ok(inAlwaysExcludedDir('C:\\w\\.git\\config'));
    assert.ok(!inAlwaysExcludedDir('/w/src/node_modules_helper.ts'));
  });

  test('the summary counts per rule and carries no value', () => {
    const summary = emptySummary();
    const findings: Finding[] = detectSecrets(`VENDAZE_CLIENT_SECRET=${SECRET}\n`);
    addToSummary(summary, '.env', findings);
    addToSummary(summary, 'clean.ts', []);
    assert.equal(summary.filesScanned, 2);
    assert.equal(summary.filesWithFindings, 1);
    assert.deepEqual(summary.byRule, { 'vendaze/client-secret': 1 });
    assert.equal(summary.files[0]?.findings[0]?.line, 0);
    assert.ok(!JSON.stringify(summary).includes(SECRET));
  });

  test('the summary text says what was skipped and why, and what open files already show', () => {
    const summary = emptySummary();
    addToSummary(summary, 'a.ts', []);
    addToSummary(summary, 'b.ts', []);
    addToSummary(summary, 'c.ts', []);
    assert.equal(summaryText(summary), 'Vendaze: No secrets found in 3 files scanned.');
    addSkipped(summary, 'gitIgnored', 2);
    addSkipped(summary, 'gitIgnored');
    addSkipped(summary, 'binary');
    assert.equal(summary.filesSkipped, 3);
    assert.equal(
      summaryText(summary),
      'Vendaze: No secrets found in 3 files scanned. Not scanned: 3 files (2 git-ignored, 1 binary). 2 more finding(s) are shown in open files the scan skips (Problems view).',
    );
    summary.openUnlistedFindings = 1;
    assert.match(summaryText(summary), /\(Problems view\)\. 1 more finding\(s\) are shown in open files outside the scan \(Problems view\)\.$/);
    summary.openUnlistedFindings = 0;
    addToSummary(summary, '.env', detectSecrets(`VENDAZE_CLIENT_SECRET=${SECRET}\n`));
    summary.cancelled = true;
    assert.match(summaryText(summary), /^Vendaze: Scan cancelled after 4 files; 1 possible secret\(s\) so far\. Not scanned: 3 files/);
  });
});
