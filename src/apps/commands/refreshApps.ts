import type { AppsDeps } from '../appsDeps';
import type { RenderedNode } from '../../tree/appsTreeProvider';

/**
 * `Vendaze: Refresh Apps`: re-reads the registry and sessions. Returns the tree as rendered (labels,
 * descriptions, context values), which is also how tests read the view.
 */
export function refreshApps(deps: AppsDeps) {
  return async (): Promise<{ apps: RenderedNode[] }> => {
    deps.tree.refresh();
    return { apps: await deps.tree.render() };
  };
}
