// Fields a version lacks ride along in an annotation, so a round trip through that version loses nothing.
import type { KubernetesObject } from '@kubernetes/client-node';
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';

/**
 * Keeps what the target version of a conversion cannot hold, as controller-runtime's documentation and
 * Cluster API's `MarshalData`/`UnmarshalData` do: `keep` writes `data` as JSON into annotation `key` of the
 * converted object, `take` reads it back on the return trip and removes it, so the annotation never shows in
 * the version that has the fields. Use a key of your API group, e.g. `webhooks.example.dev/v2-fields`.
 */
export const ConversionAnnotations = {
  /** Sets annotation `key` of `obj` to the JSON of `data`; removes it when `data` is `undefined`. */
  keep(obj: KubernetesObject, key: string, data: unknown): void {
    const metadata = (obj.metadata ??= {});
    const annotations = { ...metadata.annotations };
    if (data === undefined) delete annotations[key];
    else annotations[key] = JSON.stringify(data);
    metadata.annotations = Object.keys(annotations).length > 0 ? annotations : undefined;
    if (metadata.annotations === undefined) delete metadata.annotations;
  },

  /**
   * The data `keep` stored under `key`, removed from `obj`; `undefined` when there is none.
   * @throws OperatorSdkError `Validation` when the annotation is not JSON (someone edited it by hand).
   */
  take<T>(obj: KubernetesObject, key: string): T | undefined {
    const raw = obj.metadata?.annotations?.[key];
    if (raw === undefined) return undefined;
    let data: T;
    try {
      data = JSON.parse(raw) as T;
    } catch (err) {
      throw new OperatorSdkError(
        'Validation',
        `annotation metadata.annotations["${key}"] is not the JSON a conversion wrote: ${(err as Error).message}; remove it or restore its value`,
      );
    }
    ConversionAnnotations.keep(obj, key, undefined);
    return data;
  },
} as const;
