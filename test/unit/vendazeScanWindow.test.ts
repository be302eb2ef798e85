import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { detectSecrets } from '../../src/detector';
import { GATE_CARRY, WindowGate } from '../../src/cli/gate';
import { ScratchReader, type Inspector } from '../../src/cli/readFile';
import { FAMILIES } from '../../src/cli/rules';
import { KEY_WINDOW } from '../../src/cli/rules/vendazeSecrets';
import { scanSource } from '../../src/cli/scanCore';
import { CLIENT_ID, SECRET } from './support/detectorFixtures';

/** What fills a file between planted anchors: near-misses of every anchor, dashes, unicode, plain text. */
const FILLER = ['x', 'a b\n', '-', '-----', 'z', 'Z', 'J', 'ey', 'endaz', 'lient', 'client ', '1234-', '\u00e9', '\u65e5'];
/** Anchors, and pieces that only make an anchor together with a far-off neighbour (key ... UUID). */
const PLANTS = ['vendaze', 'VENDAZE', 'eyJ', `client_id: "${CLIENT_ID}"`, 'lient', CLIENT_ID, '-0000-0000-0000-'];

const OPTIONS = { maxBytes: 1 << 20, keepValues: false };

describe('vendaze-scan reads files through a window and gates each window', () => {
  let root: string;
  let count = 0;
  before(() => (root = mkdtempSync(join(tmpdir(), 'vendaze-scan-window-'))));
  after(() => rmSync(root, { recursive: true, force: true }));

  function file(content: string | Buffer): string {
    const path = join(root, `f${count++}.txt`);
    writeFileSync(path, content);
    return path;
  }

  test('the windowed gate decides exactly as mayMatch over the whole file, for anchors at and around window boundaries', () => {
    const plant = fc.oneof(
      fc.record({
        boundary: fc.integer({ min: 1, max: 3 }),
        // From a whole carry (and more) before the boundary to just after it.
        delta: fc.integer({ min: -GATE_CARRY - 24, max: 24 }),
        piece: fc.constantFrom(...PLANTS),
      }),
      // A client_id key up to the gate's whole reach before a UUID whose first dash lands near the boundary.
      fc.record({ boundary: fc.integer({ min: 1, max: 3 }), delta: fc.integer({ min: -24, max: 24 }), gap: fc.integer({ min: 0, max: GATE_CARRY }) }).map(
        ({ boundary, delta, gap }) => ({ boundary, delta: delta - gap - 13, piece: `lient${' '.repeat(gap)}${CLIENT_ID}` }),
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 8192, max: 12_000 }),
        fc.array(fc.constantFrom(...FILLER), { minLength: 1, maxLength: 6 }),
        fc.array(plant, { maxLength: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (window, filler, plants, extra) => {
          const length = window * (1 + Math.max(1, ...plants.map((p) => p.boundary))) + extra * 997;
          const unit = Buffer.from(filler.join(''));
          const bytes = Buffer.alloc(length);
          for (let at = 0; at < length; at += unit.length) unit.copy(bytes, at);
          for (const p of plants) Buffer.from(p.piece).copy(bytes, Math.max(0, p.boundary * window + p.delta));
          const path = file(bytes);
          const expected = FAMILIES.filter((f) => f.mayMatch(bytes, 'src/app.ts'));
          const gate = new WindowGate('src/app.ts');
          const read = new ScratchReader(window).read(path, OPTIONS.maxBytes, gate);
          assert.deepEqual(gate.open, expected);
          if (expected.length > 0) assert.ok('bytes' in read && read.bytes.equals(bytes), 'a file the gate lets through is returned whole');
          else assert.deepEqual(read, { inspected: true });
          rmSync(path);
        },
      ),
      { numRuns: 300 },
    );
  });

  /** `line` placed so that its byte `cut` lands on the first byte of the second window. */
  function straddling(line: string, cut: number, window: number): string {
    return `${'x'.repeat(window - cut - 1)}\n${line}\n${'y '.repeat(window)}`;
  }

  test('a planted secret cut by a window boundary anywhere is found, as in one whole scan', () => {
    const window = 8192;
    const lines = [`const vendaze = { client_secret: "${SECRET}" };`, `client_id = "${CLIENT_ID}"\nclient_secret = "${SECRET}"`];
    for (const line of lines) {
      for (let cut = 0; cut <= line.length; cut++) {
        const text = straddling(line, cut, window);
        const expected = detectSecrets(text, { fileName: 'app.ts' });
        assert.ok(expected.length > 0, 'the planted line is a finding');
        const result = scanSource({ path: 'app.ts', absolute: file(text) }, OPTIONS, new ScratchReader(window));
        assert.ok(result.status === 'scanned', result.status);
        assert.deepEqual(
          result.findings.map((f) => [f.line, f.column, f.ruleId]),
          expected.map((f) => [f.line, f.column, f.ruleId]),
          `cut at ${cut}`,
        );
      }
    }
  });

  test('a client_id key at the far end of the gate\'s reach before a UUID opens the gate, wherever the boundary falls', () => {
    const window = 8192;
    // The gate looks for "lient" up to KEY_WINDOW bytes before a UUID's first dash and reads 15 bytes past it.
    const keyWindow = KEY_WINDOW;
    const keyed = `lient${' '.repeat(keyWindow - 13)}${CLIENT_ID}`; // the first dash is keyWindow bytes after "l"
    for (let dash = window - 24; dash <= window + 24; dash++) {
      const bytes = Buffer.from(`${'q'.repeat(dash - keyWindow)}${keyed}${'q'.repeat(window)}`);
      assert.equal(bytes.indexOf('-'), dash);
      assert.equal(FAMILIES[0]!.mayMatch(bytes, 'a.yml'), true);
      const gate = new WindowGate('a.yml');
      const read = new ScratchReader(window).read(file(bytes), OPTIONS.maxBytes, gate);
      assert.ok('bytes' in read && gate.wantsWhole, `first dash at ${dash}`);
    }
  });

  test('UTF-16 beyond the first window is scanned whole; binary is decided from its first 8 KB and never read further', () => {
    const leak = `# vendaze app\nVENDAZE_CLIENT_SECRET=${SECRET}\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${'\n'.repeat(9000)}${leak}`, 'utf16le')]);
    const found = scanSource({ path: 'w.env', absolute: file(utf16) }, OPTIONS, new ScratchReader(8192));
    assert.ok(found.status === 'scanned' && found.findings.length === 1, JSON.stringify(found));
    const binary = Buffer.concat([Buffer.from([0x89, 0x50, 0, 0, 7, 0, 0, 9]), Buffer.alloc(20_000, 1), Buffer.from(leak)]);
    assert.deepEqual(scanSource({ path: 'b.bin', absolute: file(binary) }, OPTIONS, new ScratchReader(8192)), { path: 'b.bin', status: 'skipped', why: 'binary' });
  });

  /** The real gate, plus a write to the file after the first window: the file grows while it is being read. */
  function growing(path: string, more: string): Inspector & { gate: WindowGate } {
    const gate = new WindowGate('g.env');
    let grown = false;
    return {
      gate,
      carry: gate.carry,
      see(window) {
        if (!grown) appendFileSync(path, more);
        grown = true;
        return gate.see(window);
      },
      get wantsWhole() {
        return gate.wantsWhole;
      },
    };
  }

  test('a file that grows while it is read: past maxBytes it is skipped as large, within it the grown part is gated and read', () => {
    const window = 8192;
    const start = 'x'.repeat(10_000);
    const leak = `\nvendaze client_secret = "${SECRET}"\n`;
    const reader = new ScratchReader(window);
    // Within the limit: the secret appended after fstat is seen by the gate and returned whole.
    const within = file(start);
    const read = reader.read(within, 20_000, growing(within, leak));
    assert.ok('bytes' in read && read.bytes.toString() === start + leak, JSON.stringify(Object.keys(read)));
    // Past the limit while windows are read.
    const past = file(start);
    assert.deepEqual(reader.read(past, 12_000, growing(past, 'y'.repeat(5000))), { skip: 'large' });
    // Past the limit during the whole read: the gate opened in the first window (vendaze at the start).
    const opened = file(`vendaze ${start}`);
    const inspector = growing(opened, 'z'.repeat(3000));
    assert.deepEqual(reader.read(opened, 12_000, inspector), { skip: 'large' });
    assert.equal(inspector.gate.wantsWhole, true);
    // Within the limit during the whole read: all of it, from offset 0.
    const whole = file(`vendaze ${start}`);
    const all = reader.read(whole, 20_000, growing(whole, leak));
    assert.ok('bytes' in all && all.bytes.equals(readFileSync(whole)) && all.bytes.length === start.length + 8 + leak.length);
  });

  test('a FIFO (a file swapped for one after the listing) is refused at once, not waited on', { skip: process.platform === 'win32' }, () => {
    const fifo = join(root, 'swapped');
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, String(made.stderr));
    // Without O_NONBLOCK the open itself blocks until a writer appears, and a blocked thread cannot time itself
    // out: the read runs in a child process that is killed after 10 s.
    const modules = join(__dirname, '..', '..', 'src', 'cli');
    const script = `const { ScratchReader } = require(${JSON.stringify(join(modules, 'readFile'))});
      const { WindowGate } = require(${JSON.stringify(join(modules, 'gate'))});
      process.stdout.write(JSON.stringify(new ScratchReader().read(${JSON.stringify(fifo)}, 1 << 20, new WindowGate('swapped'))));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(child.signal, null, 'the read hung on the FIFO');
    assert.deepEqual(JSON.parse(child.stdout), { skip: 'not-a-file' });
  });

  test('a window smaller than the binary sniff or the carry is refused', () => {
    assert.throws(() => new ScratchReader(4096), RangeError);
    assert.throws(() => new ScratchReader(8192, 16_384), RangeError);
  });
});
