/** The Vendaze API client layer (pure: no vscode). */
export * from './baseUrl';
export * from './errors';
export * from './headers';
export * from './retry';
export * from './transport';
export * from './client';
export * from './authorizeUrl';
export { probeApi, type ProbeResult } from './probe';
