/**
 * The app commands' handlers, one lazy bundle (dist/lazy-apps-commands-index.js) required on the first app command
 * (src/apps/activate.ts): the API calls, the payload preview and the prompts are not needed at activation.
 */
export { addExistingApp } from './addExistingApp';
export { deleteApp } from './deleteApp';
export { registerApp } from './registerApp';
export { removeApp } from './removeApp';
export { rotateApp } from './rotateApp';
export { submitPayload } from './submitPayload';
