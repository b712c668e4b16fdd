import type { V1ConfigMap } from '@kubernetes/client-node';
import {
  BuiltinKinds,
  Informer,
  describeError,
  listWatchFor,
  type EventHandlerRegistration,
  type InformerTiming,
  type KubeClient,
  type Logger,
} from '@score-orchestrator/operator-sdk';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { ConfigReading, PlatformConfigSource } from './platform-config-source.js';

/** The ConfigMap key read when none is given. */
export const DEFAULT_CONFIG_MAP_KEY = 'platform.yaml';

/** Options of {@link ConfigMapConfigSource}. */
export interface ConfigMapConfigSourceOptions {
  readonly client: KubeClient;
  readonly namespace: string;
  readonly name: string;
  /** The `data` key holding the document (default `platform.yaml`). */
  readonly key?: string;
  /** How long `start` waits for the first list (default 30 s). */
  readonly syncTimeoutMs?: number;
  readonly timing?: Partial<InformerTiming>;
  readonly logger?: Logger;
}

/**
 * Reads the platform configuration from one key of one ConfigMap and follows its changes through an
 * informer scoped to that object (field selector `metadata.name`), so the orchestrator needs list/watch on
 * ConfigMaps in one namespace only and caches nothing else. A missing ConfigMap or key is a reading with
 * an error (kind `Source`); deleting the ConfigMap later is reported the same way.
 */
export class ConfigMapConfigSource implements PlatformConfigSource {
  readonly description: string;
  private readonly key: string;
  private informer: Informer<V1ConfigMap> | undefined;
  private registration: EventHandlerRegistration | undefined;

  constructor(private readonly options: ConfigMapConfigSourceOptions) {
    this.key = options.key ?? DEFAULT_CONFIG_MAP_KEY;
    this.description = `ConfigMap ${options.namespace}/${options.name} key ${this.key}`;
  }

  async start(onReading: (reading: ConfigReading) => void): Promise<void> {
    const { client, namespace, name, logger, timing } = this.options;
    const informer = new Informer<V1ConfigMap>({
      kind: BuiltinKinds.ConfigMap,
      source: listWatchFor<V1ConfigMap>(client, BuiltinKinds.ConfigMap),
      namespace,
      fieldSelector: `metadata.name=${name}`,
      ...(logger ? { logger } : {}),
      ...(timing ? { timing } : {}),
    });
    this.informer = informer;
    informer.start();
    try {
      await informer.waitForSync(this.options.syncTimeoutMs ?? 30_000);
    } catch (err) {
      await this.stop();
      throw new OrchestratorError(
        'Source',
        `failed to watch platform config ${this.description}: ${describeError(err)}`,
        {
          cause: err,
        },
      );
    }
    let delivered = false;
    this.registration = informer.addEventHandler({
      onAdd: (cm) => {
        delivered = true;
        onReading(this.read(cm));
      },
      onUpdate: (_old, cm) => onReading(this.read(cm)),
      onDelete: (cm) => onReading({ error: this.missing('it was deleted'), origin: cm }),
    });
    if (!delivered) onReading({ error: this.missing('it does not exist') });
  }

  async stop(): Promise<void> {
    this.registration?.remove();
    this.registration = undefined;
    await this.informer?.stop();
    this.informer = undefined;
  }

  private read(cm: V1ConfigMap): ConfigReading {
    const text = cm.data?.[this.key];
    if (text !== undefined) return { text, origin: cm };
    const keys = Object.keys(cm.data ?? {});
    return {
      error: new OrchestratorError(
        'Source',
        `failed to read platform config ${this.description}: the ConfigMap has no data key ${this.key} (keys: ${keys.join(', ') || 'none'}); put the document under data.${this.key}`,
      ),
      origin: cm,
    };
  }

  private missing(why: string): OrchestratorError {
    return new OrchestratorError(
      'Source',
      `failed to read platform config ${this.description}: ${why}; create it with the document under data.${this.key}`,
    );
  }
}
