/** Payload file names and the discriminator key, without zod (the editor glue needs them at start-up; docs/startup.md). */

export const PAYLOAD_FILE_SUFFIX = '.vendaze-app.json';
export const KIND_KEY = '$kind';
export type PayloadKind = 'register' | 'rotate';

export function isPayloadFileName(name: string): boolean {
  return name.toLowerCase().endsWith(PAYLOAD_FILE_SUFFIX);
}
