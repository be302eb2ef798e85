/**
 * While the in-editor sandbox runs, `vendaze.apiBaseUrl` points at it; the value it replaced is remembered so it
 * can be put back. If VS Code quit without stopping the sandbox (crash, window closed), the setting still names a
 * sandbox that is gone: at the next start the extension puts the old value back. Pure, so it is table-tested.
 */
export interface SandboxPointer {
  /** The base URL the sandbox had. */
  sandboxUrl: string;
  /** What vendaze.apiBaseUrl was before (undefined = not set). */
  previous: string | undefined;
}

export type RestoreDecision = { restore: false } | { restore: true; value: string | undefined };

export function decideRestore(pointer: SandboxPointer | undefined, currentSetting: string | undefined, sandboxRunningHere: boolean): RestoreDecision {
  if (!pointer || sandboxRunningHere) return { restore: false };
  // The user changed the setting since: theirs wins.
  if (currentSetting !== pointer.sandboxUrl) return { restore: false };
  return { restore: true, value: pointer.previous };
}
