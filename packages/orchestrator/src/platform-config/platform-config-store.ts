import type { KubernetesObject } from '@kubernetes/client-node';
import { describeError, type Logger } from '@score-orchestrator/operator-sdk';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import { PolicyEngine, type PolicyEvaluator } from '../policy/policy-engine.js';
import { parsePlatformConfig } from './parse-platform-config.js';
import type { PlatformConfig } from './platform-config.js';
import type { ConfigReading, PlatformConfigSource } from './platform-config-source.js';

/** Options of {@link PlatformConfigStore}. */
export interface PlatformConfigStoreOptions {
  readonly source: PlatformConfigSource;
  /** Where listener failures are logged; reload outcomes are reported by `reportConfigReloads`. */
  readonly logger?: Logger;
}

/** What happened to one new reading of the source. Unchanged text produces no event. */
export interface ConfigReloadEvent {
  readonly result: 'success' | 'failure';
  /** The source's description, e.g. `ConfigMap score-system/platform key platform.yaml`. */
  readonly source: string;
  /** True for the first reading, at start-up. */
  readonly initial: boolean;
  /** The config now in force: the new one on success, the last good one (if any) on failure. */
  readonly config?: PlatformConfig;
  /** Why the reading was rejected (kind `Configuration` or `Source`); set on failure only. */
  readonly error?: OrchestratorError;
  /** The object the text came from (e.g. the ConfigMap), for Events. */
  readonly origin?: KubernetesObject;
  /** Increments with every config put in force; 1 after start-up. */
  readonly revision: number;
}

type Listener<T extends unknown[]> = (...args: T) => void;

/**
 * Holds the platform configuration in force and swaps it when the source changes. Guarantees:
 * - `start` resolves only with a valid config; a missing or invalid first reading fails start-up.
 * - A bad reading (invalid YAML, a bad field, an uncompilable policy, a vanished source) never replaces the
 *   config in force: the last good one stays, `lastError` says why (naming the field), and reload
 *   listeners hear a `failure` event.
 * - Change listeners are told only about a good config whose text differs from the one in force, so the
 *   orchestrator can re-enqueue every Workload; a fix back to the config in force just clears `lastError`.
 * - Readings are applied synchronously, one at a time, in the order the source delivers them.
 */
export class PlatformConfigStore {
  private config: PlatformConfig | undefined;
  private engine = new PolicyEngine();
  private configText: string | undefined;
  private lastText: string | undefined;
  private lastSourceError: string | undefined;
  private error: OrchestratorError | undefined;
  private revisionCount = 0;
  private readonly changeListeners = new Set<Listener<[PlatformConfig, PlatformConfig]>>();
  private readonly reloadListeners = new Set<Listener<[ConfigReloadEvent]>>();
  private started = false;

  /** Checks Workloads against the policies of the config in force, whatever reloads happen. */
  readonly policies: PolicyEvaluator = { evaluate: (workload) => this.engine.evaluate(workload) };

  constructor(private readonly options: PlatformConfigStoreOptions) {}

  /**
   * Starts the source and waits for its first reading.
   * @throws OrchestratorError (`Configuration` or `Source`) when there is no valid first config; the
   * source is stopped again.
   */
  async start(): Promise<PlatformConfig> {
    if (this.started) return this.current;
    this.started = true;
    await this.options.source.start((reading) => this.apply(reading));
    if (!this.config) {
      await this.options.source.stop();
      this.started = false;
      const cause = this.error;
      throw new OrchestratorError(
        cause?.kind ?? 'Source',
        `failed to load platform config from ${this.options.source.description}: ${cause ? cause.message : 'the source delivered nothing'}`,
        { cause, issues: cause?.issues },
      );
    }
    return this.config;
  }

  /** Stops watching the source. The config in force stays readable. */
  async stop(): Promise<void> {
    this.started = false;
    await this.options.source.stop();
  }

  /**
   * The config in force.
   * @throws OrchestratorError `Configuration` before a successful `start`.
   */
  get current(): PlatformConfig {
    if (!this.config) {
      throw new OrchestratorError(
        'Configuration',
        'failed to read platform config: the store has not started; await store.start() first',
      );
    }
    return this.config;
  }

  /** Why the latest reading was rejected; undefined once a good reading follows. */
  get lastError(): OrchestratorError | undefined {
    return this.error;
  }

  /** How many configs have been put in force. */
  get revision(): number {
    return this.revisionCount;
  }

  /** Calls `listener(config, previous)` after every good change. Returns the unsubscribe function. */
  subscribe(listener: (config: PlatformConfig, previous: PlatformConfig) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Calls `listener` after every new reading, good or bad (see {@link ConfigReloadEvent}). */
  onReload(listener: (event: ConfigReloadEvent) => void): () => void {
    this.reloadListeners.add(listener);
    return () => this.reloadListeners.delete(listener);
  }

  private apply(reading: ConfigReading): void {
    const initial =
      this.config === undefined && this.lastText === undefined && this.lastSourceError === undefined;
    if ('error' in reading) {
      if (reading.error.message === this.lastSourceError) return;
      this.lastSourceError = reading.error.message;
      this.lastText = undefined;
      this.reject(reading.error, initial, reading.origin);
      return;
    }
    this.lastSourceError = undefined;
    if (reading.text === this.lastText) return;
    this.lastText = reading.text;
    let next: PlatformConfig;
    let engine: PolicyEngine;
    try {
      next = parsePlatformConfig(reading.text);
      engine = new PolicyEngine(next.policies);
    } catch (err) {
      const error = OrchestratorError.is(err)
        ? err
        : new OrchestratorError('Configuration', `failed to parse platform config: ${describeError(err)}`, {
            cause: err,
          });
      this.reject(error, initial, reading.origin);
      return;
    }
    this.error = undefined;
    const previous = this.config;
    const changed = reading.text !== this.configText;
    if (changed) {
      this.config = next;
      this.engine = engine;
      this.configText = reading.text;
      this.revisionCount++;
    }
    this.emitReload({ result: 'success', initial, config: this.config, origin: reading.origin });
    if (changed && previous)
      this.emit(this.changeListeners, 'platform config listener failed', next, previous);
  }

  private reject(error: OrchestratorError, initial: boolean, origin: KubernetesObject | undefined): void {
    this.error = error;
    this.emitReload({ result: 'failure', initial, config: this.config, error, origin });
  }

  private emitReload(event: Omit<ConfigReloadEvent, 'source' | 'revision'>): void {
    const full: ConfigReloadEvent = {
      ...event,
      source: this.options.source.description,
      revision: this.revisionCount,
    };
    this.emit(this.reloadListeners, 'platform config reload listener failed', full);
  }

  private emit<T extends unknown[]>(listeners: Set<Listener<T>>, failure: string, ...args: T): void {
    for (const listener of listeners) {
      try {
        listener(...args);
      } catch (err) {
        this.options.logger?.error(failure, {
          source: this.options.source.description,
          err: describeError(err),
        });
      }
    }
  }
}
