import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { BuiltinKinds } from '../../api/builtin-kinds.js';
import { Handlers, type MapFunction } from '../../handler/map-function.js';
import { createLogger } from '../../logging/logger.js';
import { DefaultPriority, LowPriority } from '../../queue/priority.js';
import { Predicates } from '../../predicate/predicates.js';
import type { Predicate } from '../../predicate/predicate.js';
import type { EventSource } from '../controller-definition.js';
import { routeEvents } from './event-routing.js';

const gadgetKind = {
  apiVersion: 'controllers.test.dev/v1',
  kind: 'Gadget',
  plural: 'gadgets',
  namespaced: true,
};

function configMap(owner?: string, labels?: Record<string, string>): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      namespace: 'ns',
      name: 'cm',
      labels,
      ownerReferences: owner
        ? [{ apiVersion: gadgetKind.apiVersion, kind: 'Gadget', name: owner, uid: owner, controller: true }]
        : undefined,
    },
  };
}

function route(map: MapFunction, predicates: Predicate[] = []) {
  const source: EventSource = { kind: BuiltinKinds.ConfigMap, map, predicates };
  const keys: string[] = [];
  const logged: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logged.push(JSON.parse(chunk.toString()));
      callback();
    },
  });
  const logger = createLogger({ stream });
  const priorities: number[] = [];
  const enqueue = (key: string, priority: number) => {
    keys.push(key);
    priorities.push(priority);
  };
  return { handler: routeEvents(source, enqueue, logger), keys, priorities, logged };
}

function versioned(owner: string, resourceVersion: string): KubernetesObject {
  const obj = configMap(owner);
  return { ...obj, metadata: { ...obj.metadata, resourceVersion } };
}

describe('routeEvents', () => {
  it.each([
    ['an add maps the new object', 'add', undefined, 'a', ['ns/a']],
    ['a delete maps the last known object', 'delete', 'a', undefined, ['ns/a']],
    ['an update maps old and new owners', 'update', 'a', 'b', ['ns/b', 'ns/a']],
    ['an update with one owner enqueues once', 'update', 'a', 'a', ['ns/a']],
    ['an unowned object enqueues nothing', 'add', undefined, undefined, []],
  ] as const)('%s', (_, type, oldOwner, newOwner, expected) => {
    const { handler, keys } = route(Handlers.controllerOwner(gadgetKind));
    if (type === 'add') handler.onAdd?.(configMap(newOwner), false);
    if (type === 'update') handler.onUpdate?.(configMap(oldOwner), configMap(newOwner));
    if (type === 'delete') handler.onDelete?.(configMap(oldOwner));
    expect(keys).toEqual(expected);
  });

  it.each<[string, (handler: ReturnType<typeof route>['handler']) => void, number]>([
    ['an add from the initial list is low priority', (h) => h.onAdd?.(configMap('a'), true), LowPriority],
    ['an add seen by the watch is fresh', (h) => h.onAdd?.(configMap('a'), false), DefaultPriority],
    [
      'a resync (same resourceVersion) is low priority',
      (h) => h.onUpdate?.(versioned('a', '7'), versioned('a', '7')),
      LowPriority,
    ],
    [
      'an update to a new resourceVersion is fresh',
      (h) => h.onUpdate?.(versioned('a', '7'), versioned('a', '8')),
      DefaultPriority,
    ],
    ['a delete is fresh', (h) => h.onDelete?.(versioned('a', '7')), DefaultPriority],
  ])('%s', (_, send, priority) => {
    const { handler, keys, priorities } = route(Handlers.controllerOwner(gadgetKind));
    send(handler);
    expect(keys).toEqual(['ns/a']);
    expect(priorities).toEqual([priority]);
  });

  it('passes the event to every predicate, and enqueues only when all pass', () => {
    const seen: string[] = [];
    const spy: Predicate = (event) => {
      seen.push(`${event.type}:${event.old ? 'old' : '-'}:${event.new ? 'new' : '-'}`);
      return true;
    };
    const { handler, keys } = route(Handlers.controllerOwner(gadgetKind), [
      spy,
      Predicates.hasLabels({ keep: 'yes' }),
    ]);
    handler.onAdd?.(configMap('a', { keep: 'yes' }), false);
    handler.onAdd?.(configMap('b', { keep: 'no' }), false);
    handler.onUpdate?.(configMap('c', { keep: 'no' }), configMap('c', { keep: 'yes' }));
    handler.onDelete?.(configMap('d', { keep: 'yes' }));
    expect(keys).toEqual(['ns/a', 'ns/c', 'ns/d']);
    expect(seen).toEqual(['add:-:new', 'add:-:new', 'update:old:new', 'delete:old:-']);
  });

  it('logs a failing map function and keeps routing later events', () => {
    let fail = true;
    const map: MapFunction = (obj) => {
      if (fail) throw new Error('boom');
      return [{ namespace: obj.metadata?.namespace, name: 'mapped' }];
    };
    const { handler, keys, logged } = route(map);
    handler.onAdd?.(configMap(), false);
    expect(keys).toEqual([]);
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'error',
        message: 'failed to map a watch event to reconcile requests',
        kind: 'ConfigMap',
        err: 'Error: boom',
      }),
    ]);
    fail = false;
    handler.onAdd?.(configMap(), false);
    expect(keys).toEqual(['ns/mapped']);
  });

  it('formats cluster-scoped keys without a namespace', () => {
    const { handler, keys } = route(() => [{ name: 'cluster-wide' }]);
    handler.onAdd?.(configMap(), false);
    expect(keys).toEqual(['cluster-wide']);
  });
});
