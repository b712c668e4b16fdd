import winston from 'winston';

/** The logger type the SDK injects everywhere: a winston logger writing structured JSON. */
export type Logger = winston.Logger;

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
