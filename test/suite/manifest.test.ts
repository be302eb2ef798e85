/**
 * What package.json contributes and what the running extension registers must match, both ways, and every id a
 * menu, welcome view or `when` clause names must exist. The unit tier checks the manifest against
 * src/commands/ids; this suite checks it against the real host after activation.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { contributedCommands, contributedViews, isViewCommand, Manifest, menuCommands, referencedViews, welcomeCommands } from './manifestRules';

suite('manifest vs. registered ids', () => {
  let manifest: Manifest;
  let registered: Set<string>;

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension('vendaze.vendaze-vscode');
    assert.ok(extension, 'extension not loaded');
    await extension.activate();
    manifest = extension.packageJSON as Manifest;
    registered = new Set(await vscode.commands.getCommands(true));
  });

  test('every contributed command is registered by the code', () => {
    const missing = contributedCommands(manifest).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed in package.json but not registered: ${missing.join(', ')}`);
  });

  test('every registered vendaze.* command is contributed in package.json', () => {
    const contributed = new Set(contributedCommands(manifest));
    const views = contributedViews(manifest);
    const ours = [...registered].filter((id) => id.startsWith('vendaze.') && !isViewCommand(id, views));
    assert.ok(ours.length > 0, 'no vendaze.* command registered at all');
    const extra = ours.filter((id) => !contributed.has(id));
    assert.deepEqual(extra, [], `registered but missing from contributes.commands: ${extra.join(', ')}`);
  });

  test('menus name only existing commands', () => {
    const bad = menuCommands(manifest).filter(({ command }) => !registered.has(command));
    assert.deepEqual(bad, [], `menu items naming unknown commands: ${JSON.stringify(bad)}`);
  });

  test('viewsWelcome command links name existing commands', () => {
    const links = welcomeCommands(manifest);
    const bad = links.filter((id) => !registered.has(id));
    assert.deepEqual(bad, [], `welcome links to unknown commands: ${bad.join(', ')}`);
  });

  test('views named in menus, welcome content and when clauses are contributed', () => {
    const views = new Set(contributedViews(manifest));
    assert.ok(views.size > 0, 'no view contributed');
    const bad = referencedViews(manifest).filter((id) => !views.has(id));
    assert.deepEqual(bad, [], `unknown view ids: ${bad.join(', ')}`);
  });

  test('each contributed view can be focused (VS Code knows it)', async () => {
    for (const view of contributedViews(manifest)) {
      assert.ok(registered.has(`${view}.focus`), `VS Code registered no ${view}.focus: view not known to the workbench`);
    }
  });
});
