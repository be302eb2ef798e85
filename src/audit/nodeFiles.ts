import { appendFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditFiles } from './auditLog';

/**
 * AuditFiles on the local disk. appendFile opens with O_APPEND, so lines from two VS Code windows do not
 * overwrite each other (a rotation racing another window's append can at worst move that line to audit.1.jsonl).
 */
export const nodeAuditFiles: AuditFiles = {
  async append(path, text) {
    await mkdir(dirname(path), { recursive: true });
    await appendFile(path, text, { encoding: 'utf8', mode: 0o600 });
  },
  async size(path) {
    try {
      return (await stat(path)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  },
  async rename(from, to) {
    await rename(from, to);
  },
  async read(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  },
};
