/**
 * Every rule family the CLI runs, in report order. Add a family here (see ./types.ts for the contract); nothing
 * else in src/cli needs to change.
 */
import type { RuleFamily, RuleInfo } from './types';
import { vendazeSecrets } from './vendazeSecrets';

export const FAMILIES: readonly RuleFamily[] = [vendazeSecrets];

export function allRules(): RuleInfo[] {
  return FAMILIES.flatMap((f) => f.rules);
}

export type { CliFinding, FamilyScan, RuleFamily, RuleInfo, VerifiableValue } from './types';
