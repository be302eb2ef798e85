import { z } from 'zod';
import { SCOPES, SCOPE_DESCRIPTIONS } from './scopeList';

export * from './scopeList';

export const ScopeSchema = z.enum(SCOPES, {
  error: (issue) =>
    `Unknown scope ${JSON.stringify(issue.input)}. Known scopes: ${SCOPES.join(', ')}.`,
}).meta({
  description: 'A Vendaze OAuth scope.',
  // VS Code's JSON language service shows these next to each enum value in completion and hover.
  markdownEnumDescriptions: SCOPES.map((s) => SCOPE_DESCRIPTIONS[s]),
});
