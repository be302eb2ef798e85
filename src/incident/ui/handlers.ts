/**
 * The incident response's handlers, one lazy bundle (dist/lazy-incident-ui-handlers.js) required when an incident
 * starts (src/incident/ui/activate.ts): the runner, its prompts and the API calls are not needed at activation.
 */
export { incidentResponseCommand } from './command';
export { incidentLeakRemediation } from './leakRemediation';
