/**
 * The elements of the Apps tree: plain data, so menus hand them to commands as arguments (every command reads
 * `clientId`, `uri` or `sessionId` from whatever it is given). `contextValue` = `type`, which is what package.json
 * menus match with `view == vendaze.apps && viewItem == <type>`.
 */

export type GroupKind = 'scopes' | 'redirectUris' | 'tokens';

export type AppsTreeNode =
  | { type: 'app'; clientId: string }
  | { type: 'group'; clientId: string; group: GroupKind }
  | { type: 'scope'; clientId: string; scope: string }
  | { type: 'redirectUri'; clientId: string; uri: string }
  | { type: 'token'; clientId: string; sessionId: string; workspaceSlug: string }
  | { type: 'notSignedIn'; clientId: string };

export function nodeId(node: AppsTreeNode): string {
  switch (node.type) {
    case 'app':
      return `app/${node.clientId}`;
    case 'group':
      return `app/${node.clientId}/${node.group}`;
    case 'scope':
      return `app/${node.clientId}/scopes/${node.scope}`;
    case 'redirectUri':
      return `app/${node.clientId}/redirectUris/${node.uri}`;
    case 'token':
      return `app/${node.clientId}/tokens/${node.sessionId}`;
    case 'notSignedIn':
      return `app/${node.clientId}/tokens/none`;
  }
}

export function parentOf(node: AppsTreeNode): AppsTreeNode | undefined {
  switch (node.type) {
    case 'app':
      return undefined;
    case 'group':
      return { type: 'app', clientId: node.clientId };
    case 'scope':
      return { type: 'group', clientId: node.clientId, group: 'scopes' };
    case 'redirectUri':
      return { type: 'group', clientId: node.clientId, group: 'redirectUris' };
    case 'token':
    case 'notSignedIn':
      return { type: 'group', clientId: node.clientId, group: 'tokens' };
  }
}
