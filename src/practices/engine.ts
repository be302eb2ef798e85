/**
 * The practice engine's public surface, and the module the editor loads lazily (dynamic import) on the first
 * document that talks to Vendaze, so activation does not pay for it.
 */
export { DEFAULT_API_GENERATION, PRACTICES, PRACTICE_NAMES, RULE_PREFIX, docsLink, ruleId, type ApiGeneration, type PracticeName, type PracticeSeverity } from './catalog';
export { ProjectIndex } from './project';
export { isRelevant, langOf } from './source';
export { reviewFile, type FileReview } from './review';
export { reviewProject, type ProjectFile, type ProjectOptions } from './reviewProject';
export { renderReport, type ReportFile } from './report';
export type { PracticeFinding, PracticeFix, PracticeEdit, RuleSettings, RuleSetting } from './types';
