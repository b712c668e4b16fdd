import type { KubernetesObject, V1ObjectReference } from '@kubernetes/client-node';

/** The parts of an Event that make two of them "the same" for aggregation. */
export interface AggregatedEventFields {
  readonly type: string;
  readonly reason: string;
  readonly action: string;
  readonly note: string;
  readonly related?: V1ObjectReference;
}

/** A reference to `obj` for an Event's `regarding` / `related` field. */
export function objectReferenceOf(obj: KubernetesObject): V1ObjectReference {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata?.namespace || undefined,
    name: obj.metadata?.name,
    uid: obj.metadata?.uid,
    resourceVersion: obj.metadata?.resourceVersion,
  };
}

/**
 * Identifies one object across its versions: resourceVersion is left out on purpose, or every status
 * write would start a new series. The uid keeps a deleted-and-recreated object apart from its predecessor.
 */
export function objectReferenceKey(ref: V1ObjectReference): string {
  // JSON keeps the parts apart whatever characters they hold.
  return JSON.stringify(
    [ref.apiVersion, ref.kind, ref.namespace, ref.name, ref.uid, ref.fieldPath].map((part) => part ?? ''),
  );
}

/**
 * The key under which repeats of one Event are counted as a series instead of written again:
 * (regarding, type, reason, action, note, related). The note is part of the key, so a changed message is a
 * new Event, unlike client-go's events/v1 recorder, which would hide the new note behind the old one.
 */
export function eventAggregationKey(regarding: V1ObjectReference, fields: AggregatedEventFields): string {
  const related = fields.related ? objectReferenceKey(fields.related) : '';
  return JSON.stringify([
    objectReferenceKey(regarding),
    fields.type,
    fields.reason,
    fields.action,
    fields.note,
    related,
  ]);
}
