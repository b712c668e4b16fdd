// A list/watch source driven by a test: a mutable world, watches the test feeds and ends at will.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ListResult } from '../../client/kube-client-options.js';
import type { WatchEvent, WatchHandle, WatchOptions } from '../../client/watch-event.js';
import type { ListWatchScope, ListWatchSource } from '../list-watch-source.js';

/** One watch the informer opened. */
export interface ScriptedWatch {
  options: WatchOptions;
  send(event: WatchEvent): void;
  /** Ends the stream cleanly (server timeout). */
  close(): void;
  /** Ends the stream with an error (e.g. a 410). */
  fail(err: unknown): void;
  aborted: boolean;
  ended: boolean;
}

/** Not a fake API server: only what the informer's loop observes, so tests can script failures. */
export class ScriptedSource implements ListWatchSource {
  readonly world = new Map<string, KubernetesObject>();
  readonly watches: ScriptedWatch[] = [];
  listCalls = 0;
  /** When set, the next lists reject with it. */
  listError: unknown;
  private version = 1;

  /** Puts an object in the world with a fresh resourceVersion and returns it. */
  put(name: string, data: Record<string, string> = {}): KubernetesObject {
    const obj = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: 'ns', name, resourceVersion: String(++this.version) },
      data,
    };
    this.world.set(name, obj);
    return structuredClone(obj);
  }

  get resourceVersion(): string {
    return String(this.version);
  }

  async list(_scope: ListWatchScope): Promise<ListResult<KubernetesObject>> {
    this.listCalls++;
    if (this.listError) throw this.listError;
    return {
      items: [...this.world.values()].map((o) => structuredClone(o)),
      resourceVersion: this.resourceVersion,
    };
  }

  watch(options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchHandle {
    let settle!: { resolve: () => void; reject: (err: unknown) => void };
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const watch: ScriptedWatch = {
      options,
      aborted: false,
      ended: false,
      send: (event) => {
        if (!watch.ended) onEvent(structuredClone(event));
      },
      close: () => end(),
      fail: (err) => end(err),
    };
    const end = (err?: unknown) => {
      if (watch.ended) return;
      watch.ended = true;
      if (err === undefined) settle.resolve();
      else settle.reject(err);
    };
    this.watches.push(watch);
    return {
      abort: () => {
        watch.aborted = true;
        end();
      },
      done,
    };
  }

  /** The watch currently open (the last one). */
  get current(): ScriptedWatch | undefined {
    return this.watches.at(-1);
  }
}
