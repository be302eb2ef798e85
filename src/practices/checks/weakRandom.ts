/**
 * Non-cryptographic random sources (Math.random, Python's random module, rand/mt_rand/uniqid, Go's math/rand) and
 * the name they feed: the variable or key on their line, else the function they sit in. Math.random for retry
 * jitter feeds `delay`, not `state`, and is left alone.
 */
import type { SourceModel } from '../source';
import { lineSpan, matches } from '../text';

const WEAK = /\bMath\.random\s*\(|\brandom\.(?:random|randint|randrange|choice|choices|sample|getrandbits)\s*\(|\bmt_rand\s*\(|\buniqid\s*\(|(?<![.\w])rand\s*\(|\bRandom\.rand\b|\bRandom\.new\b|\brand\.(?:Int|Intn|Int63|Int31|Int31n|Int63n|Uint32|Uint64|Float64|Read)\s*\(/g;
const ASSIGNED_NAME = /^\s*(?:(?:const|let|var|my|export\s+const)\s+)?\$?(?:[\w.]+\.)?\[?['"]?([A-Za-z_][\w]*)['"]?\]?\s*(?::\s*[\w<>[\]]+\s*)?(?::=|=(?!=)|:(?!:)|=>)/;
const ENCLOSING = /(?:function\s+|def\s+|func\s+(?:\([^)\n]{0,60}\)\s*)?)(\w+)|(\w+)\s*(?::\s*[\w<>[\]]+\s*)?=\s*(?:async\s*)?(?:\([^)\n]{0,80}\)|\w+)\s*=>|^\s*(?:async\s+)?(\w+)\s*\([^)\n]{0,80}\)\s*\{/;

export interface WeakRandom {
  start: number;
  end: number;
  name: string;
}

const cache = new WeakMap<SourceModel, WeakRandom[]>();

/** Computed once per source model: the state and the PKCE checks both ask. */
export function weakRandomUses(src: SourceModel): WeakRandom[] {
  let uses = cache.get(src);
  if (!uses) cache.set(src, (uses = findWeakRandom(src)));
  return uses;
}

function findWeakRandom(src: SourceModel): WeakRandom[] {
  const code = src.code;
  const callersOf = new Map<string, string[]>();
  const goCryptoOnly = src.lang === 'go' && /"crypto\/rand"/.test(code) && !/"math\/rand"/.test(code);
  const out: WeakRandom[] = [];
  for (const m of matches(WEAK, code, 200)) {
    if (goCryptoOnly && m[0].startsWith('rand.')) continue;
    if (m[0].startsWith('rand') && src.lang === 'js') continue;
    if (m[0].startsWith('rand(') && src.lang !== 'rb' && src.lang !== 'php') continue;
    const line = lineSpan(code, m.index);
    // Inline in a URL or an object (`state=${Math.random()}`, `{ state: Math.random() }`): the nearest key wins.
    const near = code.slice(Math.max(line.start, m.index - 40), m.index);
    const hint = /verifier/i.test(near) ? 'verifier' : /\bstate\b/.test(near) ? 'state' : undefined;
    const name = hint ?? ASSIGNED_NAME.exec(code.slice(line.start, m.index))?.[1] ?? enclosingName(src, line.start);
    const end = m.index + m[0].length - (m[0].endsWith('(') ? 1 : 0);
    out.push({ start: m.index, end, name: name ?? '' });
    // One level of indirection: `function randomString(n) { … Math.random … }` called as `verifier = randomString(64)`.
    if (name && !/state|nonce|csrf|verifier|pkce/i.test(name) && /^\w+$/.test(name)) {
      let callers = callersOf.get(name);
      if (!callers) {
        // Bounded: a file with many random helpers gets its first few followed, not one scan per call.
        callers = callersOf.size < 10 ? callerNames(src, name) : [];
        callersOf.set(name, callers);
      }
      for (const caller of callers) out.push({ start: m.index, end, name: caller });
    }
  }
  return out;
}

/** Names the calls of `name(…)` feed: the assigned variable, a nearby state/verifier key, or the calling function. */
function callerNames(src: SourceModel, name: string): string[] {
  const code = src.code;
  const out: string[] = [];
  for (const call of matches(new RegExp(`\\b${name}\\s*\\(`, 'g'), code, 20)) {
    const callLine = lineSpan(code, call.index);
    const near = code.slice(Math.max(callLine.start, call.index - 40), call.index);
    const caller = /verifier/i.test(near) ? 'verifier' : /\bstate\b/.test(near) ? 'state' : ASSIGNED_NAME.exec(code.slice(callLine.start, call.index))?.[1] ?? enclosingName(src, callLine.start);
    if (caller && caller !== name) out.push(caller);
  }
  return out;
}

/** The function a line sits in: the nearest definition in the 8 lines above (a generator is a few lines). */
function enclosingName(src: SourceModel, lineStart: number): string | undefined {
  const line = src.lines.positionAt(lineStart).line;
  for (let l = line - 1; l >= Math.max(0, line - 8); l--) {
    const start = src.lines.startOf(l);
    const text = src.code.slice(start, src.lines.startOf(l + 1));
    const m = ENCLOSING.exec(text);
    if (m) return m[1] ?? m[2] ?? m[3];
  }
  return undefined;
}
