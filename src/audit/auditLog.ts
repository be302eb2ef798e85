import { join } from 'node:path';
import type { SecretRedactor } from '../common/redact';
import { AuditEntry, AuditInput, parseAuditLine, sanitizeAuditInput } from './entry';

/**
 * The append-only audit trail: JSON Lines in `<dir>/audit.jsonl`, size-bounded by rotation (when the next line
 * would push the file past `maxBytes`, it becomes `audit.1.jsonl`, replacing the previous one). Pure over the
 * injected file functions, so the unit tier checks rotation and redaction without a disk or VS Code.
 */

export interface AuditFiles {
  /** Appends text, creating the file (and its folder) when missing. */
  append(path: string, text: string): Promise<void>;
  /** Size in bytes, 0 when the file does not exist. */
  size(path: string): Promise<number>;
  /** Moves `from` to `to`, replacing `to`. */
  rename(from: string, to: string): Promise<void>;
  /** The whole file, '' when it does not exist. */
  read(path: string): Promise<string>;
}

export interface AuditLogOptions {
  /** Folder of the files (the extension's globalStorageUri). */
  dir: string;
  files: AuditFiles;
  redactor: SecretRedactor;
  /** Rotation threshold of the current file. Default 1 MiB. */
  maxBytes?: number;
  now?: () => Date;
  /** Added to every entry that has none: the VS Code workspace name. */
  folder?: () => string | undefined;
  /** A write that failed (full disk…): the action itself must not fail because of its audit line. */
  onError?: (error: unknown) => void;
}

export const AUDIT_FILE = 'audit.jsonl';
export const AUDIT_ROTATED_FILE = 'audit.1.jsonl';
export const DEFAULT_AUDIT_MAX_BYTES = 1024 * 1024;

export class AuditLog {
  readonly current: string;
  readonly rotated: string;
  private readonly maxBytes: number;
  /** Writes go one at a time, in call order (a rotation must not interleave with an append). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: AuditLogOptions) {
    this.current = join(options.dir, AUDIT_FILE);
    this.rotated = join(options.dir, AUDIT_ROTATED_FILE);
    this.maxBytes = options.maxBytes ?? DEFAULT_AUDIT_MAX_BYTES;
  }

  /** Appends one entry; resolves with what was written (never rejects: see onError). */
  record(input: AuditInput): Promise<AuditEntry | undefined> {
    const entry = sanitizeAuditInput({ ...input, folder: input.folder ?? this.options.folder?.() }, this.options.redactor, (this.options.now ?? (() => new Date()))());
    const line = `${JSON.stringify(entry)}\n`;
    const run = this.queue.then(async () => {
      const size = await this.options.files.size(this.current);
      if (size > 0 && size + Buffer.byteLength(line) > this.maxBytes) {
        await this.options.files.rename(this.current, this.rotated);
      }
      await this.options.files.append(this.current, line);
      return entry;
    });
    this.queue = run.catch(() => undefined);
    return run.catch((error: unknown) => {
      this.options.onError?.(error);
      return undefined;
    });
  }

  /** Every entry still on disk, oldest first (rotated file, then the current one); corrupt lines are skipped. */
  async entries(): Promise<AuditEntry[]> {
    await this.queue;
    const texts = [await this.options.files.read(this.rotated), await this.options.files.read(this.current)];
    return texts.flatMap((text) => text.split('\n').map(parseAuditLine).filter((e): e is AuditEntry => e !== undefined));
  }
}
