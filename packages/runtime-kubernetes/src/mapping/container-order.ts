import type { PlanContainer } from '@score-orchestrator/api';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';

/**
 * What a container becomes in the pod:
 * - `main`: a regular container (named in no other container's `before`);
 * - `init`: an init container that must run to completion first (`ready: complete`);
 * - `sidecar`: a native sidecar (KEP-753: an init container with `restartPolicy: Always`) that keeps
 *   running next to the main containers; `healthy` ones get a startup probe so what comes after starts
 *   only once they pass it (`ready: healthy`), the others only once they started (`ready: started`).
 */
export type ContainerRole =
  | { readonly name: string; readonly role: 'main' }
  | { readonly name: string; readonly role: 'init' }
  | { readonly name: string; readonly role: 'sidecar'; readonly healthy: boolean };

/** The pod's layout: init containers in start order, then the main containers in plan order. */
export interface ContainerOrder {
  readonly init: readonly ContainerRole[];
  readonly main: readonly ContainerRole[];
}

const strength = { started: 1, healthy: 2, complete: 3 } as const;

/**
 * Orders a plan's containers by `before`: `X.before = { Y: { ready } }` means Y must reach `ready` before
 * X starts. Every container named in some `before` runs as an init container or sidecar; when several
 * containers wait on the same one, the strongest condition wins (complete > healthy > started). Init
 * containers start in dependency order (ties in plan order), since Kubernetes starts them one by one.
 *
 * @throws RuntimeKubernetesError `InvalidPlan` for a cycle, an unknown name, or when no container is left
 *   to run as a main container.
 */
export function orderContainers(containers: Readonly<Record<string, PlanContainer>>): ContainerOrder {
  const names = Object.keys(containers);
  const required = new Map<string, number>();
  for (const [name, container] of Object.entries(containers)) {
    for (const [other, before] of Object.entries(container.before ?? {})) {
      if (!(other in containers)) {
        throw invalid(`container ${name} waits for ${other}, which is not a container of the workload`);
      }
      if (other === name) throw invalid(`container ${name} waits for itself`);
      required.set(other, Math.max(required.get(other) ?? 0, strength[before.ready] ?? strength.started));
    }
  }
  const init: ContainerRole[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      throw invalid(`containers wait for each other: ${[...path, name].join(' -> ')}`);
    state.set(name, 'visiting');
    const waitsFor = Object.keys(containers[name]?.before ?? {}).sort(
      (a, b) => names.indexOf(a) - names.indexOf(b),
    );
    for (const other of waitsFor) visit(other, [...path, name]);
    state.set(name, 'done');
    const level = required.get(name);
    if (level === undefined) return;
    init.push(
      level === strength.complete
        ? { name, role: 'init' }
        : { name, role: 'sidecar', healthy: level === strength.healthy },
    );
  };
  for (const name of names) visit(name, []);
  const main: ContainerRole[] = names.filter((n) => !required.has(n)).map((name) => ({ name, role: 'main' }));
  if (main.length === 0)
    throw invalid('every container waits for another one; none is left to run as the workload');
  return { init, main };
}

function invalid(why: string): RuntimeKubernetesError {
  return new RuntimeKubernetesError('InvalidPlan', `failed to order containers: ${why}`);
}
