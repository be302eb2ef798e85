/**
 * VS Code's own measure of our activation, the figure its Running Extensions view shows: the extension host marks
 * `code/extHost/{will,did}LoadExtensionCode/<id>` around loading dist/extension.js and
 * `code/extHost/{will,did}ActivateExtension/<id>` around the activate() call, in the performance marks it keeps on
 * `globalThis.MonacoPerformanceMarks` (VS Code's vs/base/common/performance). The tests run in that same process.
 * Undefined when the host keeps no such marks (another VS Code build) or the extension is not active.
 */
export interface HostActivation {
  /** Loading the main bundle (require of dist/extension.js). */
  codeLoadingMs: number;
  /** The activate() call. */
  activateCallMs: number;
  /** Both: what the Running Extensions view reports as the activation time. */
  totalMs: number;
}

type Marks = { getMarks(): Array<{ name: string; startTime: number }> };

export function hostActivation(extensionId: string): HostActivation | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: Marks }).MonacoPerformanceMarks?.getMarks();
  if (!marks) return undefined;
  const at = (name: string) => marks.find((m) => m.name === `code/extHost/${name}/${extensionId}`)?.startTime;
  const [willLoad, didLoad, willActivate, didActivate] = ['willLoadExtensionCode', 'didLoadExtensionCode', 'willActivateExtension', 'didActivateExtension'].map(at);
  if (willLoad === undefined || didLoad === undefined || willActivate === undefined || didActivate === undefined) return undefined;
  const codeLoadingMs = didLoad - willLoad;
  const activateCallMs = didActivate - willActivate;
  return { codeLoadingMs, activateCallMs, totalMs: codeLoadingMs + activateCallMs };
}
