import { ScoreApiError, type FieldIssue } from '../errors/api.error.js';
import { childField, indexField } from '../errors/field-path.js';
import type { ScoreResource } from '../score-file/score-workload.js';
import { findPlaceholders } from './parse-placeholders.js';

/** Which resources each resource's params reference, and an order that provisions dependencies first. */
export interface ResourceDependencyOrder {
  /** Every resource name, each after all resources its params reference; ties in name order. */
  readonly order: readonly string[];
  /** For each resource, the resources its params reference (`${resources.NAME.…}`), sorted. */
  readonly dependsOn: Readonly<Record<string, readonly string[]>>;
}

/**
 * Orders a workload's resources so that a resource comes after every resource whose outputs its
 * params use, like score-go's `State.GetSortedResourceUids` (Kahn's algorithm, deterministic). A bare
 * `${resources.NAME}` counts too: it is a reference to that resource.
 *
 * @throws ScoreApiError kind `Placeholder` when params reference an unknown resource or hold a
 *   malformed placeholder (every such field listed); kind `DependencyCycle` when references form a
 *   cycle, with the path in the message and issue, e.g. `resources.a -> resources.b -> resources.a`.
 */
export function resourceDependencyOrder(
  resources: Readonly<Record<string, ScoreResource>>,
): ResourceDependencyOrder {
  const issues: FieldIssue[] = [];
  const dependsOn: Record<string, string[]> = {};
  const names = Object.keys(resources).sort();
  for (const name of names) {
    const deps = new Set<string>();
    collect(
      resources[name].params,
      childField(childField('resources', name), 'params'),
      (ref, field) => {
        if (ref[0] !== 'resources' || ref.length < 2) return;
        if (Object.hasOwn(resources, ref[1])) deps.add(ref[1]);
        else issues.push({ field, message: `refers to unknown resource '${ref[1]}'` });
      },
      issues,
    );
    dependsOn[name] = [...deps].sort();
  }
  if (issues.length > 0) {
    throw ScoreApiError.fromIssues('Placeholder', 'failed to order resources', issues);
  }
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < names.length) {
    const ready = names.filter((name) => !done.has(name) && dependsOn[name].every((dep) => done.has(dep)));
    if (ready.length === 0)
      throw cycleError(
        names.filter((name) => !done.has(name)),
        dependsOn,
      );
    for (const name of ready) {
      order.push(name);
      done.add(name);
    }
  }
  return { order, dependsOn };
}

function collect(
  value: unknown,
  field: string,
  onRef: (path: readonly string[], field: string) => void,
  issues: FieldIssue[],
): void {
  if (typeof value === 'string') {
    try {
      for (const part of findPlaceholders(value)) onRef(part.path, field);
    } catch (err) {
      issues.push({ field, message: ScoreApiError.is(err) ? err.message : String(err) });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collect(item, indexField(field, index), onRef, issues));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) collect(item, childField(field, key), onRef, issues);
  }
}

/** Walks from the first stuck resource along stuck dependencies until a name repeats: that loop is a cycle. */
function cycleError(
  stuck: readonly string[],
  dependsOn: Readonly<Record<string, readonly string[]>>,
): ScoreApiError {
  const stuckSet = new Set(stuck);
  const path: string[] = [stuck[0]];
  for (;;) {
    const next = dependsOn[path[path.length - 1]].find((dep) => stuckSet.has(dep)) as string;
    const seen = path.indexOf(next);
    if (seen >= 0) {
      const cycle = [...path.slice(seen), next].map((name) => `resources.${name}`).join(' -> ');
      const issue = {
        field: `resources.${path[seen]}.params`,
        message: `placeholders form a cycle: ${cycle}`,
      };
      return ScoreApiError.fromIssues('DependencyCycle', 'failed to order resources', [issue]);
    }
    path.push(next);
  }
}
