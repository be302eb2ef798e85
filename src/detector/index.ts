/** The secret detector: pure, no `vscode`, shared by the extension, the CLI and the bench. */
export { detectSecrets, scanRange, rescanWindow, shiftFindings, mergeRangeScan, type RescanWindow } from './detect';
export { CHUNK_MARGIN, detectSecretsInChunks, type ChunkedScanOptions } from './chunks';
export { LineIndex } from './lineIndex';
export { isLockFile, looksBinary, BINARY_SNIFF_LENGTH } from './decoys';
export { SUPPRESSION_MARKER } from './suppression';
export { fingerprint } from './fingerprint';
export * from './types';
