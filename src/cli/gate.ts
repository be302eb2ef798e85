/**
 * The rule families' byte gates over a file read in windows (readFile.ts): the encoding is sniffed from the
 * first window (it holds the first BINARY_SNIFF_LENGTH bytes, all the sniff reads), and each family's mayMatch
 * runs on every window until it passes. Each window starts with the last `carry` bytes of the previous one, the
 * widest reach of any gate, so the windows decide exactly as one mayMatch over the whole file would.
 */
import { sniffEncoding, type Encoding } from './decode';
import type { Inspector } from './readFile';
import { FAMILIES, type RuleFamily } from './rules';

export const GATE_CARRY = Math.max(...FAMILIES.map((f) => f.gateReach));

export class WindowGate implements Inspector {
  readonly carry = GATE_CARRY;
  /** Undefined until the first window. */
  encoding: Encoding | undefined;
  private readonly passed = new Set<RuleFamily>();

  constructor(
    private readonly path: string,
    private readonly families: readonly RuleFamily[] = FAMILIES,
  ) {}

  see(window: Buffer): boolean {
    if (this.encoding === undefined) {
      this.encoding = sniffEncoding(window);
      // Binary: nothing to scan. UTF-16: the gates search UTF-8 anchors, so the file is always scanned.
      if (this.encoding !== 'utf8') return true;
    }
    for (const family of this.families) if (!this.passed.has(family) && family.mayMatch(window, this.path)) this.passed.add(family);
    return this.passed.size === this.families.length;
  }

  get wantsWhole(): boolean {
    return this.encoding === 'utf16le' || this.encoding === 'utf16be' || this.passed.size > 0;
  }

  /** The families to run on the decoded text, in report order: every one for UTF-16 text. */
  get open(): RuleFamily[] {
    return this.encoding === 'utf8' ? this.families.filter((f) => this.passed.has(f)) : [...this.families];
  }
}
