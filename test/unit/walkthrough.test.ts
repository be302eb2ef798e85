import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, Views } from '../../src/commands/ids';
import { localizeManifest } from '../suite/manifestRules';

// This file runs as out/test/unit/walkthrough.test.js.
const root = join(__dirname, '..', '..', '..');
interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string; svg?: string; altText: string };
  completionEvents?: string[];
}
// The English manifest, its %key% placeholders filled from package.nls.json (docs/localization.md).
const pkg = localizeManifest(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')), JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'))) as { contributes: { walkthroughs?: Array<{ id: string; title: string; steps: Step[] }> } };
const ours = new Set<string>(Object.values(Commands));
const views = new Set<string>(Object.values(Views));

describe('walkthrough "Get started with Vendaze"', () => {
  const walkthrough = pkg.contributes.walkthroughs?.find((w) => w.id === 'getStarted');

  test('covers the sandbox, apps, sign-in, rotation and leak scanning', () => {
    assert.ok(walkthrough);
    assert.equal(walkthrough.title, 'Get started with Vendaze');
    assert.deepEqual(walkthrough.steps.map((s) => s.id).slice(0, 5), ['sandbox', 'app', 'signIn', 'rotate', 'scan']);
  });

  test('every step completes on an event of a command or view the extension contributes', () => {
    for (const step of walkthrough!.steps) {
      assert.ok(step.completionEvents?.length, `${step.id} has no completion event`);
      for (const event of step.completionEvents!) {
        const [kind, id] = event.split(':') as [string, string];
        if (kind === 'onCommand') assert.ok(ours.has(id), `${step.id}: ${event} is not a contributed command`);
        else if (kind === 'onView') assert.ok(views.has(id), `${step.id}: ${event} is not a contributed view`);
        else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  test('command links name contributed commands (or VS Code built-ins), and each step links at least one', () => {
    for (const step of walkthrough!.steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.-]+)/g)].map((m) => m[1]!);
      assert.ok(linked.length, `${step.id} has no command link`);
      for (const id of linked.filter((c) => c.startsWith('vendaze.'))) assert.ok(ours.has(id), `${step.id} links unknown ${id}`);
    }
  });

  test('every step has its image (a real file) and alt text', () => {
    for (const step of walkthrough!.steps) {
      const file = step.media.svg ?? step.media.image;
      assert.ok(file && existsSync(join(root, file)), `${step.id}: missing ${file}`);
      assert.ok(step.media.altText.trim(), `${step.id}: no alt text`);
      if (file.endsWith('.svg')) assert.match(readFileSync(join(root, file), 'utf8'), /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
  });
});
