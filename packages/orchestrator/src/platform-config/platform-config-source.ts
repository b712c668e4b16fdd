import type { KubernetesObject } from '@kubernetes/client-node';
import type { OrchestratorError } from '../errors/orchestrator.error.js';

/** One reading of a source: the document's text, or why it could not be read. */
export type ConfigReading =
  | { readonly text: string; readonly origin?: KubernetesObject }
  | { readonly error: OrchestratorError; readonly origin?: KubernetesObject };

/**
 * Where the platform configuration text comes from, watched for changes. Ready-made:
 * `FileConfigSource` (a file, e.g. a mounted ConfigMap) and `ConfigMapConfigSource` (a ConfigMap key,
 * watched through the API server). A source only reads text; `PlatformConfigStore` parses it.
 *
 * Contract: `start` delivers the first reading (text or error) before it resolves, then one reading per
 * change it sees (possibly with unchanged text; the store ignores those) until `stop`. `origin` is the
 * Kubernetes object the text came from, when there is one, so reports can name it in Events.
 */
export interface PlatformConfigSource {
  /** Names the source in messages, e.g. `file /etc/score/platform.yaml`. */
  readonly description: string;
  /** @throws OrchestratorError `Source` when watching cannot start at all. */
  start(onReading: (reading: ConfigReading) => void): Promise<void>;
  /** Stops watching; no reading is delivered after it resolves. Idempotent. */
  stop(): Promise<void>;
}
