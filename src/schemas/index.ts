/** Every Vendaze payload shape, in one place: requests, responses, errors. Pure (no vscode). */
export * from './scopes';
export * from './app';
export * from './oauth';
export * from './errors';
export * from './resources';
