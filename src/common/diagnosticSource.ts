/** The `source` of every diagnostic the extension publishes (leaks and payload checks), as shown in Problems. */
export const DIAGNOSTIC_SOURCE = 'Vendaze';
