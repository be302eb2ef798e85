/**
 * "Doubling the input at most doubles the time", checked on a loaded machine without flakiness:
 *  - each size is timed several times and the minimum kept (the least disturbed run is the closest to the
 *    code's own cost);
 *  - the input grows 8x over four sizes; the smallest is a warm-up and a baseline only (allocation regimes of the
 *    engine change at small sizes: V8's young generation, result caches), and from the second to the largest
 *    (4x the input) the time may grow at most 4 x SLACK (SLACK = 2, plus a few ms of timer noise): a linear
 *    scan grows 4x and passes with room to spare, a quadratic one grows 16x and fails;
 *  - a failed measurement is taken again (up to 3 times) before it counts: noise does not repeat, a
 *    quadratic cost does.
 * Times are CPU times of this process (user + system), which other processes on the machine disturb far less
 * than wall time.
 */
import assert from 'node:assert/strict';

const SIZES = [1, 2, 4, 8];
const SLACK = 2;
const NOISE_MS = 2;

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function minTime(run: () => void, repeats: number): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const started = cpuMs();
    run();
    best = Math.min(best, cpuMs() - started);
  }
  return best;
}

export interface Growth {
  sizes: number[];
  times: number[];
}

function measure(make: (length: number) => string, run: (input: string) => void, base: number, repeats: number): Growth {
  const inputs = SIZES.map((k) => make(base * k));
  run(inputs[0]!); // warm-up: compile before timing
  return { sizes: inputs.map((i) => i.length), times: inputs.map((input) => minTime(() => run(input), repeats)) };
}

function isLinear({ times }: Growth): boolean {
  const [, second, third, largest] = times as [number, number, number, number];
  return largest <= 4 * SLACK * second + NOISE_MS && third <= 2 * SLACK * second + NOISE_MS;
}

/** Asserts that `run` takes time linear in the length of `make(length)`, from `base` characters to 8x that. */
export function assertLinearTime(name: string, make: (length: number) => string, run: (input: string) => void, base: number, repeats = 5): Growth {
  let growth: Growth | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    growth = measure(make, run, base, repeats);
    if (isLinear(growth)) return growth;
  }
  const g = growth!;
  assert.fail(`${name}: time is not linear in the input: ${g.sizes.map((s, i) => `${s} chars ${g.times[i]!.toFixed(2)} ms`).join(', ')}`);
}
