/**
 * Unit twin of test/suite/manifest.test.ts: package.json against the id maps in src/commands/ids, without a host.
 * Catches drift in milliseconds; the host suite then proves the running code registers the same ids.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, Views } from '../../src/commands/ids';
import { contributedCommands, contributedViews, Manifest, menuCommands, referencedViews, welcomeCommands, localizeManifest } from '../suite/manifestRules';

// This file runs as out/test/unit/manifest.test.js.
const root = join(__dirname, '..', '..', '..');
// The English manifest, its %key% placeholders filled from package.nls.json (docs/localization.md).
const pkg = localizeManifest(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')), JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'))) as Manifest & {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  icon: string;
};
const sorted = (ids: Iterable<string>) => [...ids].sort();

describe('package.json manifest', () => {
  test('contributes.commands == Commands in src/commands/ids', () => {
    assert.deepEqual(sorted(contributedCommands(pkg)), sorted(Object.values(Commands)));
  });

  test('contributes.views == Views in src/commands/ids', () => {
    assert.deepEqual(sorted(contributedViews(pkg)), sorted(Object.values(Views)));
  });

  test('every command has the "Vendaze" category and a title', () => {
    for (const c of pkg.contributes?.commands ?? []) {
      assert.equal(c.category, 'Vendaze', `${c.command} category`);
      assert.ok(c.title.trim(), `${c.command} has no title`);
    }
  });

  test('menus and welcome links name contributed commands (or VS Code built-ins)', () => {
    const ours = new Set(contributedCommands(pkg));
    const named = [...menuCommands(pkg).map((m) => m.command), ...welcomeCommands(pkg)];
    const unknown = named.filter((id) => id.startsWith('vendaze.') && !ours.has(id));
    assert.deepEqual(unknown, []);
  });

  test('views named in menus, welcome content and when clauses exist', () => {
    const views = new Set(contributedViews(pkg));
    assert.deepEqual(referencedViews(pkg).filter((id) => !views.has(id)), []);
  });

  test('activation stays lazy: no "*" activation event', () => {
    assert.ok(!(pkg.activationEvents ?? []).includes('*'));
  });

  test('@types/vscode is not newer than engines.vscode (the API we compile against must exist at runtime)', () => {
    const version = (range: string) => range.replace(/^[^\d]*/, '').split('.').map(Number);
    const [engine, types] = [version(pkg.engines.vscode), version(pkg.devDependencies['@types/vscode'])];
    assert.ok(types[0] < engine[0] || (types[0] === engine[0] && types[1] <= engine[1]), `${types.join('.')} > ${engine.join('.')}`);
  });

  test('the marketplace page has its links and banner', () => {
    const page = pkg as unknown as Record<string, unknown>;
    for (const key of ['bugs', 'homepage', 'qna', 'galleryBanner', 'categories', 'keywords']) assert.ok(page[key], `${key} missing`);
  });

  test('the marketplace icon is a 256x256 PNG', () => {
    const png = readFileSync(join(root, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [256, 256]);
  });
});
