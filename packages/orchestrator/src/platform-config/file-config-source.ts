import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { describeError, type Logger } from '@score-orchestrator/operator-sdk';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { ConfigReading, PlatformConfigSource } from './platform-config-source.js';

/** Options of {@link FileConfigSource}. */
export interface FileConfigSourceOptions {
  readonly path: string;
  /** Quiet time after the last change before the file is read again (default 250 ms): editors write in bursts. */
  readonly debounceMs?: number;
  readonly logger?: Logger;
}

/**
 * Reads the platform configuration from a file and re-reads it when it changes. Watches the file's
 * directory, not the file, so atomic replacements (editors writing a temp file and renaming it, Kubernetes
 * swapping the `..data` symlink of a mounted ConfigMap) are seen too. A missing or unreadable file is a
 * reading with an error (kind `Source`), not a crash.
 */
export class FileConfigSource implements PlatformConfigSource {
  readonly description: string;
  private readonly path: string;
  private watcher: FSWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reading: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: FileConfigSourceOptions) {
    this.path = resolve(options.path);
    this.description = `file ${this.path}`;
  }

  async start(onReading: (reading: ConfigReading) => void): Promise<void> {
    const deliver = async () => {
      const reading = await this.read();
      if (!this.stopped) onReading(reading);
    };
    try {
      this.watcher = watch(dirname(this.path), (_event, file) => {
        if (file !== null && !relevant(String(file), basename(this.path))) return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.reading = this.reading.then(deliver);
        }, this.options.debounceMs ?? 250);
      });
    } catch (err) {
      throw new OrchestratorError(
        'Source',
        `failed to watch platform config ${this.description}: ${describeError(err)}`,
        {
          cause: err,
        },
      );
    }
    this.watcher.on('error', (err) =>
      this.options.logger?.error('platform config watch failed', {
        source: this.description,
        err: describeError(err),
      }),
    );
    this.reading = deliver();
    await this.reading;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
    await this.reading;
  }

  private async read(): Promise<ConfigReading> {
    try {
      return { text: await readFile(this.path, 'utf8') };
    } catch (err) {
      return {
        error: new OrchestratorError(
          'Source',
          `failed to read platform config ${this.description}: ${readFailure(err)}`,
          {
            cause: err,
          },
        ),
      };
    }
  }
}

/** Changes to the file itself, or to Kubernetes' `..data` / `..<timestamp>` entries of a mounted volume. */
function relevant(changed: string, file: string): boolean {
  return changed === file || changed.startsWith('..');
}

function readFailure(err: unknown): string {
  const { code, message } = (err ?? {}) as { code?: string; message?: string };
  if (code === 'ENOENT') return 'it does not exist; create it or fix the path';
  return message ?? describeError(err);
}
