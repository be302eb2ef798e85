/** Zod-free half of scopes.ts: light modules (views, prompts) import these without loading zod (docs/startup.md). */
/**
 * OAuth scopes of the Vendaze API (spec section 4). `webhooks:manage` arrived later ([L], 2026-07-04) but is
 * accepted so payloads written against the newer docs still validate.
 */
export const SCOPES = [
  'people:read',
  'people:write',
  'companies:read',
  'companies:write',
  'deals:read',
  'deals:write',
  'tasks:read',
  'tasks:write',
  'activities:read',
  'activities:write',
  'products:read',
  'products:write',
  'tags:read',
  'tags:write',
  'lists:read',
  'lists:write',
  'custom_fields:read',
  'custom_fields:write',
  'webhooks:manage',
] as const;

export type Scope = (typeof SCOPES)[number];

/** What each scope grants, in words a user approving it (consent page) or writing it (completion/hover) understands. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  'people:read': 'Read people (contacts) in the workspace.',
  'people:write': 'Create, update and delete people (contacts).',
  'companies:read': 'Read companies.',
  'companies:write': 'Create, update and delete companies.',
  'deals:read': 'Read deals and pipelines.',
  'deals:write': 'Create, update and delete deals and pipelines.',
  'tasks:read': 'Read tasks and task types.',
  'tasks:write': 'Create, update and delete tasks and task types.',
  'activities:read': 'Read activities (notes, files) on people, companies and deals.',
  'activities:write': 'Create, update and delete activities and their files.',
  'products:read': 'Read products.',
  'products:write': 'Create, update and delete products.',
  'tags:read': 'Read tags.',
  'tags:write': 'Create, update and delete tags.',
  'lists:read': 'Read contact lists.',
  'lists:write': 'Create, update and delete contact lists.',
  'custom_fields:read': 'Read custom field definitions and values.',
  'custom_fields:write': 'Create, update and delete custom field definitions and values.',
  'webhooks:manage': 'Create, read, update and delete the webhooks this app manages through the API.',
};

/** The same in Brazilian Portuguese (docs/localization.md): the sandbox's consent page and the Apps view in pt-br. */
export const SCOPE_DESCRIPTIONS_PT_BR: Readonly<Record<Scope, string>> = {
  'people:read': 'Ler pessoas (contatos) do workspace.',
  'people:write': 'Criar, atualizar e excluir pessoas (contatos).',
  'companies:read': 'Ler empresas.',
  'companies:write': 'Criar, atualizar e excluir empresas.',
  'deals:read': 'Ler negócios e funis.',
  'deals:write': 'Criar, atualizar e excluir negócios e funis.',
  'tasks:read': 'Ler tarefas e tipos de tarefa.',
  'tasks:write': 'Criar, atualizar e excluir tarefas e tipos de tarefa.',
  'activities:read': 'Ler atividades (notas, arquivos) de pessoas, empresas e negócios.',
  'activities:write': 'Criar, atualizar e excluir atividades e seus arquivos.',
  'products:read': 'Ler produtos.',
  'products:write': 'Criar, atualizar e excluir produtos.',
  'tags:read': 'Ler tags.',
  'tags:write': 'Criar, atualizar e excluir tags.',
  'lists:read': 'Ler listas de contatos.',
  'lists:write': 'Criar, atualizar e excluir listas de contatos.',
  'custom_fields:read': 'Ler definições e valores de campos personalizados.',
  'custom_fields:write': 'Criar, atualizar e excluir definições e valores de campos personalizados.',
  'webhooks:manage': 'Criar, ler, atualizar e excluir os webhooks que este aplicativo gerencia pela API.',
};

/** What a scope grants, in the given display language (`vscode.env.language`, e.g. 'pt-br'). */
export function scopeDescription(scope: Scope, language: string): string {
  return (language.toLowerCase().startsWith('pt') ? SCOPE_DESCRIPTIONS_PT_BR : SCOPE_DESCRIPTIONS)[scope];
}

/** The security guide's least-privilege table ("Request only the scopes you need"). */
export const LEAST_PRIVILEGE: ReadonlyArray<{ need: string; scopes: readonly Scope[] }> = [
  { need: 'Read contacts only', scopes: ['people:read'] },
  { need: 'Create and update deals', scopes: ['deals:write'] },
  {
    need: 'Full CRM sync',
    scopes: ['people:read', 'people:write', 'companies:read', 'companies:write', 'deals:read', 'deals:write'],
  },
];

const SCOPE_SET: ReadonlySet<string> = new Set(SCOPES);

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && SCOPE_SET.has(value);
}

/** Splits the space-separated `scope` parameter of /oauth/authorize; empty pieces are dropped. */
export function splitScopeParam(param: string): string[] {
  return param.split(/\s+/).filter((s) => s.length > 0);
}

/** The scope that guards a resource action, e.g. requiredScope('people', 'write') -> 'people:write'. */
export function requiredScope(resource: string, access: 'read' | 'write'): Scope | undefined {
  const scope = `${resource}:${access}`;
  return isScope(scope) ? scope : undefined;
}
