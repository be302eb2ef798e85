/**
 * Character statistics used to tell random secrets from words, identifiers and placeholders. Called for every
 * candidate value, several times, so both run without allocating for ASCII: a reused counting table for the
 * entropy, four 32-bit masks for the distinct characters.
 */

const counts = new Int32Array(128);

/** log2 of small integers: values are at most MAX_VALUE (512) long, so every count and length is in the table. */
const LOG2 = new Float64Array(1025);
for (let i = 1; i < LOG2.length; i++) LOG2[i] = Math.log2(i);

function log2(k: number): number {
  return k < LOG2.length ? LOG2[k]! : Math.log2(k);
}

/**
 * Shannon entropy in bits per UTF-16 code unit. Random base64 scores ~4.5-6, hex ~3.7-4, words ~2.5-3.5.
 * Computed as log2(n) - (1/n)·Σ c·log2(c) over the character counts c: the same sum as -Σ p·log2(p), with
 * table lookups instead of a logarithm per distinct character.
 */
export function shannonEntropy(value: string): number {
  const n = value.length;
  if (n === 0) return 0;
  let wide: Map<number, number> | undefined;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) counts[c]!++;
    else (wide ??= new Map()).set(c, (wide.get(c) ?? 0) + 1);
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 128 && counts[c]! > 0) {
      sum += counts[c]! * log2(counts[c]!);
      counts[c] = 0;
    }
  }
  wide?.forEach((k) => {
    sum += k * log2(k);
  });
  return log2(n) - sum / n;
}

export interface CharProfile {
  lower: number;
  upper: number;
  digits: number;
  other: number;
  distinct: number;
  hexOnly: boolean;
}

export function charProfile(value: string): CharProfile {
  let lower = 0;
  let upper = 0;
  let digits = 0;
  let other = 0;
  let distinct = 0;
  let hexOnly = value.length > 0;
  // Distinct ASCII characters as bits of four 32-bit masks (codes 0-31, 32-63, 64-95, 96-127).
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let wide: Set<number> | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128) {
      // Which mask holds this code's bit; a bit seen for the first time is a new distinct character.
      const bit = 1 << (c & 31);
      const block = c >> 5;
      const mask = block === 0 ? m0 : block === 1 ? m1 : block === 2 ? m2 : m3;
      if ((mask & bit) === 0) {
        distinct++;
        if (block === 0) m0 |= bit;
        else if (block === 1) m1 |= bit;
        else if (block === 2) m2 |= bit;
        else m3 |= bit;
      }
    } else if (!(wide ??= new Set()).has(c)) {
      wide.add(c);
      distinct++;
    }
    if (c >= 97 && c <= 122) {
      lower++;
      if (c > 102) hexOnly = false; // past "f"
    } else if (c >= 65 && c <= 90) {
      upper++;
      if (c > 70) hexOnly = false; // past "F"
    } else if (c >= 48 && c <= 57) digits++;
    else {
      other++;
      hexOnly = false;
    }
  }
  return { lower, upper, digits, other, distinct, hexOnly };
}
