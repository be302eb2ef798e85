/** What every check receives: the source model and the API generation the rules assume. */
import type { ApiGeneration } from '../catalog';
import type { SourceModel } from '../source';
import type { RawFinding } from '../types';

export interface CheckContext {
  src: SourceModel;
  apiGeneration: ApiGeneration;
}

export type Check = (ctx: CheckContext) => RawFinding[];

/** Names under which a value is a Vendaze client secret (env names, keys, variables). */
export const SECRET_NAME = /client[_-]?secret|clientSecret|CLIENT_SECRET/;
