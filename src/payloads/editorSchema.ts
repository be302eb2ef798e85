/**
 * Turns a JSON schema generated from zod into the schema the editor is given for payload files: everything that
 * drives completion and hovers stays (descriptions, titles, examples, defaultSnippets, enum values with their
 * descriptions), every validating keyword goes. Why: VS Code's JSON language service reports schema violations as
 * WARNINGS in its own wording, and an extension cannot change that; our live "Vendaze" diagnostics
 * (src/payloads/editor/diagnostics.ts) already report every zod rule as an ERROR. Keeping both showed two entries
 * per mistake. The zod schemas stay the single source of the rules; this only decides what the editor sees.
 */

type Json = Record<string, unknown>;

/** Keywords that only validate (the JSON service would warn on them); zod checks all of them live. */
const VALIDATING = new Set([
  'type',
  'pattern',
  'patternErrorMessage',
  'format',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'required',
  'additionalProperties',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minProperties',
  'maxProperties',
  'propertyNames',
  'not',
  'errorMessage',
]);

/** Keywords that validate AND feed completion/hover: kept inside an `anyOf` whose other branch accepts anything. */
const PROPOSING = ['enum', 'const', 'enumDescriptions', 'markdownEnumDescriptions'] as const;

export function editorSchema(schema: Json): Json {
  return strip(discriminate(schema));
}

function strip(node: Json): Json {
  const out: Json = {};
  const proposals: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (VALIDATING.has(key)) continue;
    if ((PROPOSING as readonly string[]).includes(key)) {
      proposals[key] = value;
      continue;
    }
    out[key] = stripValue(key, value);
  }
  const filler = fillerSnippet(node);
  if (filler && out.defaultSnippets === undefined && proposals.enum === undefined && proposals.const === undefined) {
    out.defaultSnippets = [filler];
  }
  if (proposals.const !== undefined) {
    // A single value's description belongs to that value: hovering another value must not show it.
    for (const key of ['description', 'markdownDescription'] as const) {
      if (out[key] !== undefined) [proposals[key], out[key]] = [out[key], undefined];
    }
    delete out.description;
    delete out.markdownDescription;
  }
  if (proposals.enum !== undefined || proposals.const !== undefined) {
    // The values still complete (with their descriptions) and hover; `{}` accepts anything, so no warning ever.
    out.anyOf = [...((out.anyOf as Json[] | undefined) ?? []), proposals, {}];
  }
  return out;
}

function stripValue(key: string, value: unknown): unknown {
  if (key === 'properties' || key === 'definitions' || key === '$defs') {
    return Object.fromEntries(Object.entries(value as Json).map(([name, child]) => [name, strip(child as Json)]));
  }
  if (key === 'items' && value && typeof value === 'object' && !Array.isArray(value)) return strip(value as Json);
  if ((key === 'anyOf' || key === 'allOf' || key === 'oneOf') && Array.isArray(value)) return value.map((child) => strip(child as Json));
  if ((key === 'then' || key === 'else') && value && typeof value === 'object') return strip(value as Json);
  return value; // descriptions, examples, defaultSnippets, `if` (never reported, only chooses a branch)…
}

/**
 * Without `type`, a completed property would get no value skeleton; a single default snippet gives it back
 * (`""`, `[""]`, `{}`) without any validation attached.
 */
function fillerSnippet(node: Json): Json | undefined {
  if (node.type === 'string') return { body: '$1' };
  if (node.type === 'array') return { body: (node.items as Json | undefined)?.type === 'string' ? ['$1'] : [] };
  if (node.type === 'object') return { body: {} };
  return undefined;
}

/**
 * A zod discriminated union becomes `oneOf` of objects told apart by a `const` property; without validation every
 * branch would match and the JSON service would warn "matches multiple schemas". `if`/`then` picks the branch
 * instead (an `if` that fails is never reported), and the discriminator itself completes from the top level.
 */
function discriminate(schema: Json): Json {
  const branches = schema.oneOf as Json[] | undefined;
  const key = branches && discriminator(branches);
  if (!branches || !key) return schema;
  const { oneOf: _oneOf, ...rest } = schema;
  const values = branches.map((b) => (b.properties as Record<string, Json>)[key]);
  const chain = branches.reduceRight<Json | undefined>((otherwise, branch, i) => {
    const { [key]: _k, ...properties } = branch.properties as Record<string, Json>;
    const then = { ...branch, properties };
    return { if: { properties: { [key]: { const: values[i].const } }, required: [key] }, then, ...(otherwise ? { else: otherwise } : {}) };
  }, undefined) as Json;
  return {
    ...rest,
    properties: { [key]: { anyOf: values.map((v) => v) } },
    ...chain,
  };
}

function discriminator(branches: Json[]): string | undefined {
  const first = branches[0]?.properties as Record<string, Json> | undefined;
  if (!first) return undefined;
  return Object.keys(first).find((name) =>
    branches.every((b) => {
      const property = (b.properties as Record<string, Json> | undefined)?.[name];
      return property !== undefined && property.const !== undefined;
    }),
  );
}
