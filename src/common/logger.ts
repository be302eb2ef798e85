import { SecretRedactor } from './redact';

/** The subset of vscode.LogOutputChannel the logger writes to; a LogOutputChannel satisfies it as is. */
export interface LogSink {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = keyof LogSink;

/**
 * Every log line of the extension goes through here: prefixed with the component that wrote it and redacted,
 * so no secret reaches the output channel whatever a caller passes in.
 */
export class Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly redactor: SecretRedactor,
    private readonly component = '',
  ) {}

  /** A logger for one component ("auth", "api", …) sharing this sink and redactor. */
  child(component: string): Logger {
    return new Logger(this.sink, this.redactor, component);
  }

  trace(message: string): void {
    this.write('trace', message);
  }
  debug(message: string): void {
    this.write('debug', message);
  }
  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string, error?: unknown): void {
    this.write('error', error === undefined ? message : `${message}: ${describeError(error)}`);
  }

  private write(level: LogLevel, message: string): void {
    const tagged = this.component ? `[${this.component}] ${message}` : message;
    this.sink[level](this.redactor.redact(tagged));
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
