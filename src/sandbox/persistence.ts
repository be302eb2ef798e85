import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { emptyState, type StateData } from './state';

/**
 * The optional JSON state file. It is the sandbox's own server-side database (it holds secret hashes, token
 * ids and the mailbox), never something the extension writes.
 */
export function loadState(file: string): StateData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw new Error(`Cannot read sandbox state file ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`Sandbox state file ${file} is not valid JSON. Delete it (or pass another --state file) to start fresh.`);
  }
  const state = data as Partial<StateData>;
  if (state.version !== 1 || typeof state.jwt_key !== 'string') {
    throw new Error(`Sandbox state file ${file} is not a version-1 sandbox state. Delete it to start fresh.`);
  }
  // Fill collections a hand-edited or older file may lack.
  return { ...emptyState(), ...state } as StateData;
}

/** Write-then-rename, so a crash mid-write never leaves a truncated file. */
export function saveState(file: string, state: StateData): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
}
