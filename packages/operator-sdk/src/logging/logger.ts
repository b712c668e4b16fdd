import winston from 'winston';

/** The fields of one log line: lower-case keys (`controller`, `namespace`, `name`, `reconcileID`, `err`). */
export type LogFields = Record<string, unknown>;

/**
 * The logger the SDK injects everywhere and hands to every reconcile: constant messages, values in
 * `fields`. The SDK's own type, not a third-party one: any object with these five methods fits (a test's
 * recorder, an adapter to pino or bunyan); {@link createLogger} makes one that writes JSON lines through
 * winston.
 */
export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Minimum level to write (default `info`). */
  level?: string;
  /** Fields added to every line, e.g. `{ component: 'my-operator' }`. */
  defaultMeta?: Record<string, unknown>;
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  stream?: NodeJS.WritableStream;
  /** Write nothing (for tests and benchmarks). */
  silent?: boolean;
}

/**
 * Creates a JSON logger. Messages are constant strings; values go in lower-case fields
 * (`controller`, `namespace`, `name`, `reconcileID`, `err`), so log queries stay simple.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream })
    : new winston.transports.Console();
  return winston.createLogger({
    level: options.level ?? 'info',
    defaultMeta: options.defaultMeta,
    silent: options.silent,
    format: winston.format.combine(
      winston.format.timestamp(),
      winston.format.errors({ stack: false }),
      winston.format.json(),
    ),
    transports: [transport],
  });
}
