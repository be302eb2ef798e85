/**
 * The lines every commit added, streamed from one `git log -p -U0` process: bytes in, one callback per (commit,
 * file) with the added lines joined and their line numbers in the new file. Nothing but the current file's added
 * lines is held, so memory does not grow with the history.
 *
 * Hunks are read by their header counts (`@@ -a,b +c,d @@`), not by guessing from a line's first characters: an
 * added line reading "++ b/x" shows as "+++ b/x" and must not end the file. Git is asked with every option that
 * could make it run a program or change the format (external diff, textconv, colour, prefixes, quoted paths).
 */
import { spawn } from 'node:child_process';

export interface AddedFile {
  commit: string;
  /** ISO 8601 author date, as git prints it (%aI). */
  authorDate: string;
  path: string;
  /** The added lines, each ending in "\n". */
  bytes: Buffer;
  /** 1-based line number in the new file of each added line, in order. */
  lines: number[];
}

/**
 * The git arguments: every ref, minus what `since` (a commit id the caller resolved with rev-parse, never raw user
 * text) reaches. Merges show no patch (their lines come from their parents); renames are not followed, so a moved
 * file is not reported again.
 */
export function logArgs(since?: string): string[] {
  return [
    '-c', 'core.quotePath=true', '-c', 'diff.noprefix=false', '-c', 'log.showSignature=false',
    'log', '-p', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--src-prefix=a/', '--dst-prefix=b/',
    '--format=%x00%H %aI', '--all', ...(since ? ['--not', since] : []),
  ];
}

/** C-style quoted path (`"a\\tb\\303\\251"`) to its text; unquoted paths are returned as they are. */
export function unquotePath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8) & 0xff);
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Feeds git log output through; `onFile` gets each (commit, file) with added lines. */
export class AddedLineParser {
  private commit = '';
  private authorDate = '';
  private path: string | undefined;
  private chunks: Buffer[] = [];
  private size = 0;
  private lines: number[] = [];
  private oldLeft = 0;
  private newLeft = 0;
  private nextLine = 0;
  private rest: Buffer | undefined;
  /** Bytes of git output seen (the bench's throughput is over these). */
  bytesIn = 0;
  commits = 0;

  constructor(
    private readonly onFile: (file: AddedFile) => void,
    /** Added bytes kept per file; beyond it the file's rest is skipped (a generated or vendored blob). */
    private readonly maxBytes: number,
  ) {}

  push(chunk: Buffer): void {
    this.bytesIn += chunk.length;
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let at = 0;
    for (let eol = data.indexOf(0x0a, at); eol !== -1; eol = data.indexOf(0x0a, at)) {
      this.line(data.subarray(at, eol));
      at = eol + 1;
    }
    this.rest = at < data.length ? Buffer.from(data.subarray(at)) : undefined;
  }

  end(): void {
    if (this.rest) this.line(this.rest);
    this.rest = undefined;
    this.flush();
  }

  private line(line: Buffer): void {
    if (this.oldLeft > 0 || this.newLeft > 0) {
      const first = line[0];
      if (first === 0x2b /* + */) {
        this.newLeft--;
        const number = this.nextLine++;
        if (this.path !== undefined && this.size + line.length + 1 <= this.maxBytes) {
          // Views into git's output chunks (fresh buffers per read): no copy until the file is complete.
          this.chunks.push(line.subarray(1), NEWLINE);
          this.size += line.length;
          this.lines.push(number);
        }
        return;
      }
      if (first === 0x2d /* - */) {
        this.oldLeft--;
        return;
      }
      if (first === 0x5c /* \ No newline at end of file */) return;
      // Anything else: the counts were off (should not happen); fall through to headers.
      this.oldLeft = this.newLeft = 0;
    }
    if (line[0] === 0x00) {
      this.flush();
      this.commits++;
      const [commit, date] = line.subarray(1).toString('latin1').split(' ');
      this.commit = commit ?? '';
      this.authorDate = date ?? '';
      this.path = undefined;
      return;
    }
    if (line[0] === 0x5c) return; // "\ No newline at end of file" after the last hunk line
    const text = line.subarray(0, 4096).toString('utf8');
    if (text.startsWith('diff --git ')) {
      this.flush();
      this.path = undefined;
    } else if (text.startsWith('+++ ')) {
      const target = text.slice(4);
      this.path = target === '/dev/null' ? undefined : unquotePath(target).replace(/^b\//, '');
    } else if (text.startsWith('@@ ')) {
      const m = HUNK.exec(text);
      if (!m) return;
      this.oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      this.nextLine = Number(m[2]);
      this.newLeft = m[3] === undefined ? 1 : Number(m[3]);
    }
  }

  private flush(): void {
    if (this.path !== undefined && this.chunks.length > 0) {
      this.onFile({ commit: this.commit, authorDate: this.authorDate, path: this.path, bytes: Buffer.concat(this.chunks), lines: this.lines });
    }
    this.chunks = [];
    this.size = 0;
    this.lines = [];
  }
}

const NEWLINE = Buffer.from('\n');

/** Runs git log in `cwd` and streams it through a parser; resolves with what was read, rejects on a git failure. */
export function streamAddedLines(cwd: string, since: string | undefined, maxBytes: number, onFile: (file: AddedFile) => void): Promise<{ bytes: number; commits: number }> {
  return new Promise((resolve, reject) => {
    const parser = new AddedLineParser(onFile, maxBytes);
    const child = spawn('git', logArgs(since), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch (error) {
        child.kill();
        reject(error as Error);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git log failed (${code}): ${stderr.trim().slice(0, 500)}`));
      parser.end();
      resolve({ bytes: parser.bytesIn, commits: parser.commits });
    });
  });
}
