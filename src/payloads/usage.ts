/**
 * Which Vendaze resources a piece of code calls, told cheaply from the literal paths it contains ("/v1/people",
 * `${base}/v1/deals/${id}`...). A hint for least-privilege advice, not an analysis: code that builds paths from
 * pieces is invisible to it, so callers only say "never used" when the workspace shows SOME /v1 usage.
 */

/** Resource (the part before ":" in a scope) -> the /v1 path segments guarded by its scopes (spec 3.4). */
export const RESOURCE_PATHS: Readonly<Record<string, readonly string[]>> = {
  people: ['people'],
  companies: ['companies'],
  deals: ['deals', 'pipelines'],
  tasks: ['tasks', 'task-types'],
  activities: ['activities'],
  products: ['products'],
  tags: ['tags'],
  lists: ['lists'],
  custom_fields: ['custom-fields'],
  webhooks: ['webhooks'],
};

const SEGMENT_TO_RESOURCE = new Map(
  Object.entries(RESOURCE_PATHS).flatMap(([resource, segments]) => segments.map((s) => [s, resource] as const)),
);

// `/v1/<segment>` followed by a non-word character (or the end), so /v1/tasks does not also count /v1/task-types.
const V1_PATH = /\/v1\/([a-z-]+)(?![a-z-])/g;

export function resourcesUsedIn(text: string): Set<string> {
  const used = new Set<string>();
  for (const match of text.matchAll(V1_PATH)) {
    const resource = SEGMENT_TO_RESOURCE.get(match[1]);
    if (resource) used.add(resource);
  }
  return used;
}

/** The resource a scope guards: "people:write" -> "people", "webhooks:manage" -> "webhooks". */
export function resourceOf(scope: string): string {
  return scope.split(':')[0];
}
