// The start order Score's `containers.<name>.before` asks for, as score-compose and score-go read it.
import { ScoreApiError, type FieldIssue } from '../errors/api.error.js';
import { childField } from '../errors/field-path.js';
import type { ScoreContainerBefore, ScoreContainerProbe, ScoreReadyCondition } from './score-workload.js';

/** The part of a container `containerStartOrder` reads (a Score container, a Workload's or a plan's). */
export interface OrderedContainer {
  readonly before?: Readonly<Record<string, ScoreContainerBefore>>;
  readonly readinessProbe?: ScoreContainerProbe;
  readonly livenessProbe?: ScoreContainerProbe;
}

/** A container that starts before others, and what those others wait for. */
export interface EarlyContainer {
  readonly name: string;
  /**
   * The strongest condition among its `before` entries (complete > healthy > started): `complete` runs it
   * to completion first; `healthy` and `started` keep it running next to the main containers, the ones it
   * names starting once it is healthy (its readiness probe, else its liveness probe, passes) or started.
   */
  readonly ready: ScoreReadyCondition;
}

/** How a workload's containers start. */
export interface ContainerStartOrder {
  /**
   * The containers with `before` entries, in the order they start: each one before every container it
   * names, ties in spec order.
   */
  readonly early: readonly EarlyContainer[];
  /** The containers without `before` entries: the workload's main containers, in spec order. */
  readonly main: readonly string[];
}

const strength: Record<ScoreReadyCondition, number> = { started: 1, healthy: 2, complete: 3 };

/**
 * Works out how a workload's containers start from their `before` entries. `A.before.B` means **A runs
 * before B** (score-compose turns it into "B depends_on A"): A starts first and B waits until A is
 * `started`, `healthy` or has run to `complete`ion. A container with `before` entries is therefore an
 * early container (an init container or a sidecar on Kubernetes); one without is a main container.
 *
 * Refuses, naming the field (`containers.<name>.before.<other>`; `field` prefixes it, e.g. `spec.containers`):
 * a name that is not another container of the workload, a cycle, `ready: healthy` on a container with
 * neither a readiness nor a liveness probe (nothing could tell it is healthy; score-compose refuses it too),
 * and a workload whose every container has `before` entries (none is left to run as the workload).
 * Pure and deterministic: the order depends only on the map's entry order.
 *
 * @throws ScoreApiError kind `Validation`, one issue per problem.
 */
export function containerStartOrder(
  containers: Readonly<Record<string, OrderedContainer>>,
  field = 'containers',
): ContainerStartOrder {
  const names = Object.keys(containers);
  const issues: FieldIssue[] = [];
  const beforeField = (name: string, other?: string): string => {
    const at = childField(childField(field, name), 'before');
    return other === undefined ? at : childField(at, other);
  };
  const runsBefore = new Map<string, string[]>();
  const early: EarlyContainer[] = [];
  for (const name of names) {
    const container = containers[name]!;
    const entries = Object.entries(container.before ?? {});
    if (entries.length === 0) continue;
    let ready: ScoreReadyCondition = 'started';
    const valid: string[] = [];
    for (const [other, entry] of entries) {
      if (other === name)
        issues.push({ field: beforeField(name, other), message: 'a container cannot run before itself' });
      else if (!(other in containers))
        issues.push({
          field: beforeField(name, other),
          message: 'must name another container of this workload',
        });
      else valid.push(other);
      if (strength[entry.ready] > strength[ready]) ready = entry.ready;
      if (entry.ready === 'healthy' && !container.readinessProbe && !container.livenessProbe)
        issues.push({
          field: `${beforeField(name, other)}.ready`,
          message: `healthy needs a readinessProbe or livenessProbe on ${name}, to tell when it is healthy`,
        });
    }
    runsBefore.set(name, valid);
    early.push({ name, ready });
  }
  const cycle = findCycle(names, runsBefore);
  if (cycle !== undefined) {
    issues.push({
      field: beforeField(cycle[0]!, cycle[1]),
      message: `containers cannot run before each other in a cycle: ${cycle.join(' -> ')}`,
    });
  }
  const main = names.filter((name) => !runsBefore.has(name));
  if (main.length === 0 && cycle === undefined)
    issues.push({
      field,
      message: 'every container has before entries; at least one must have none, to run as the workload',
    });
  if (issues.length > 0) throw ScoreApiError.fromIssues('Validation', 'failed to order containers', issues);
  return { early: startOrder(early, runsBefore), main };
}

/** The first cycle of `runsBefore` found walking `names` in order, as a path back to its start. */
function findCycle(names: readonly string[], runsBefore: ReadonlyMap<string, readonly string[]>) {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (state.get(name) === 'done') return undefined;
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    state.set(name, 'visiting');
    for (const other of runsBefore.get(name) ?? []) {
      const found = visit(other, [...path, name]);
      if (found !== undefined) return found;
    }
    state.set(name, 'done');
    return undefined;
  };
  for (const name of names) {
    const found = visit(name, []);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Orders early containers so each comes before every early container it names; ties keep spec order. */
function startOrder(
  early: readonly EarlyContainer[],
  runsBefore: ReadonlyMap<string, readonly string[]>,
): EarlyContainer[] {
  const waitsFor = new Map(early.map(({ name }) => [name, new Set<string>()]));
  for (const [name, others] of runsBefore) for (const other of others) waitsFor.get(other)?.add(name);
  const out: EarlyContainer[] = [];
  const placed = new Set<string>();
  while (out.length < early.length) {
    const next = early.find(
      ({ name }) => !placed.has(name) && [...waitsFor.get(name)!].every((n) => placed.has(n)),
    )!;
    out.push(next);
    placed.add(next.name);
  }
  return out;
}
