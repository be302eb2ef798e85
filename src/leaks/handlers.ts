/**
 * The leak feature's on-demand half, one lazy bundle (dist/lazy-leaks-handlers.js) required by src/leaks/activate.ts
 * when VS Code first asks for quick fixes or one of these commands runs: the workspace scan, the rotate/revoke
 * remedies and the quick fixes are not needed at activation (docs/startup.md).
 */
export { LeakCodeActions } from './codeActions';
export { remedyCommand } from './remedies';
export { scanWorkspace } from './scanWorkspace';
