/**
 * Character statistics used to tell random secrets from words, identifiers and placeholders. Called for every
 * candidate value, so ASCII goes through a reused counting table instead of a Map or Set per call.
 */

const counts = new Int32Array(128);

/** Shannon entropy in bits per UTF-16 code unit. Random base64 scores ~4.5-6, hex ~3.7-4, words ~2.5-3.5. */
export function shannonEntropy(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  let wide: Map<number, number> | undefined;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) counts[c]!++;
    else (wide ??= new Map()).set(c, (wide.get(c) ?? 0) + 1);
  }
  let bits = 0;
  const add = (count: number): void => {
    const p = count / n;
    bits -= p * Math.log2(p);
  };
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 128 && counts[c]! > 0) {
      add(counts[c]!);
      counts[c] = 0;
    }
  }
  wide?.forEach(add);
  return bits;
}

export interface CharProfile {
  lower: number;
  upper: number;
  digits: number;
  other: number;
  distinct: number;
  hexOnly: boolean;
}

const seen = new Uint8Array(128);

export function charProfile(value: string): CharProfile {
  const profile: CharProfile = { lower: 0, upper: 0, digits: 0, other: 0, distinct: 0, hexOnly: value.length > 0 };
  let wide: Set<number> | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) {
      if (seen[c] === 0) {
        seen[c] = 1;
        profile.distinct++;
      }
    } else if (!(wide ??= new Set()).has(c)) {
      wide.add(c);
      profile.distinct++;
    }
    if (c >= 97 && c <= 122) profile.lower++;
    else if (c >= 65 && c <= 90) profile.upper++;
    else if (c >= 48 && c <= 57) profile.digits++;
    else profile.other++;
    const hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    if (!hex) profile.hexOnly = false;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) seen[c] = 0;
  }
  return profile;
}
