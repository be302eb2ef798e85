/**
 * The workspace index behind the project-level practices (4: tokens exchanged but never revoked anywhere; 8: scopes
 * requested beyond what the calls need). Each file contributes small facts, replaced when that file changes; the
 * project findings are derived from the facts alone, so an edit costs one file's review, never a rescan.
 */
import { type ApiGeneration, type PracticeName } from './catalog';
import { finish, type FileFacts } from './review';
import type { SourceModel } from './source';
import type { PracticeFinding, RawFinding, RuleSettings } from './types';

interface Entry {
  facts: FileFacts;
  src: SourceModel;
}

export class ProjectIndex {
  private readonly files = new Map<string, Entry>();

  /** Records (or, with no facts, forgets) a file's facts. Returns whether anything project-level may have changed. */
  update(key: string, facts: FileFacts | undefined, src: SourceModel | undefined): boolean {
    const had = this.files.has(key);
    if (!facts || !src || (facts.revoke.exchange === undefined && !facts.revoke.revokes && facts.scopes.sites.length === 0 && facts.scopes.needs.length === 0)) {
      this.files.delete(key);
      return had;
    }
    const previous = this.files.get(key)?.facts;
    this.files.set(key, { facts, src });
    return !previous || JSON.stringify(summary(previous)) !== JSON.stringify(summary(facts)) || facts.scopes.sites.length > 0 || facts.revoke.exchange !== undefined;
  }

  delete(key: string): boolean {
    return this.files.delete(key);
  }

  get size(): number {
    return this.files.size;
  }

  /** Project-level findings, per file key. */
  findings(apiGeneration: ApiGeneration, rules: RuleSettings | undefined): Map<string, PracticeFinding[]> {
    const raw = new Map<string, RawFinding[]>();
    const add = (key: string, f: RawFinding): void => {
      const list = raw.get(key) ?? [];
      list.push(f);
      raw.set(key, list);
    };
    let revokes = false;
    let firstExchange: { key: string; at: number } | undefined;
    const needs = new Set<string>();
    for (const [key, { facts }] of this.files) {
      revokes ||= facts.revoke.revokes;
      if (facts.revoke.exchange !== undefined && (!firstExchange || key < firstExchange.key)) firstExchange = { key, at: facts.revoke.exchange };
      for (const need of facts.scopes.needs) needs.add(need);
    }
    if (firstExchange && !revokes) {
      add(firstExchange.key, {
        name: 'revoke-on-disconnect',
        start: firstExchange.at,
        end: firstExchange.at + 'grant_type'.length,
        message: 'This project exchanges Vendaze tokens but never calls POST /oauth/revoke: when a user disconnects, their tokens stay valid until they expire. Revoke the access token on disconnect.',
      });
    }
    if (needs.size > 0) {
      for (const [key, { facts, src }] of this.files) for (const site of facts.scopes.sites) {
        const finding = scopeFinding(src.text, site.tokens, needs, apiGeneration);
        if (finding) add(key, finding);
      }
    }
    const out = new Map<string, PracticeFinding[]>();
    for (const [key, list] of raw) out.set(key, finish(this.files.get(key)!.src, list, rules));
    return out;
  }
}

function summary(facts: FileFacts): unknown {
  return [facts.revoke.exchange !== undefined, facts.revoke.revokes, facts.scopes.needs, facts.scopes.sites.map((s) => s.tokens.map((t) => t.scope))];
}

function scopeFinding(text: string, tokens: readonly { scope: string; start: number; end: number }[], needs: ReadonlySet<string>, apiGeneration: ApiGeneration): RawFinding | undefined {
  const requested = [...new Set(tokens.map((t) => t.scope))];
  const excess = requested.filter((s) => !needs.has(s));
  if (excess.length === 0) return undefined;
  // What the project's calls need: smaller than what is asked for (a scope it calls without is needed too).
  const smaller = [...needs].sort();
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  const name: PracticeName = 'least-privilege';
  const smallerText = smaller.length > 0 ? smaller.join(' ') : '(none of these)';
  const message =
    apiGeneration === '2026-07'
      ? `Scopes ${excess.join(', ')} are requested but no call in this project needs them. On the 2026-07 API scopes are fixed at registration: register an app with only ${smallerText}.`
      : `Scopes ${excess.join(', ')} are requested but no call in this project needs them: request only ${smallerText}.`;
  if (smaller.length === 0 || apiGeneration === '2026-07') return { name, start: first.start, end: last.end, message };
  const separator = tokens.length > 1 ? text.slice(tokens[0]!.end, tokens[1]!.start) : ' ';
  return { name, start: first.start, end: last.end, message, fixes: [{ title: `Narrow the scopes to ${smaller.join(' ')}`, edits: [{ start: first.start, end: last.end, newText: smaller.join(separator) }] }] };
}
