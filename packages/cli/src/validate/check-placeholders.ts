import {
  createScoreResolver,
  resourceDependencyOrder,
  ScoreApiError,
  substituteContainers,
  substituteResourceParams,
  type FieldIssue,
  type ScoreMetadata,
  type ScoreWorkload,
} from '@score-orchestrator/api';
import { childField } from '@score-orchestrator/api';

/**
 * Checks every placeholder of a workload offline, as the orchestrator will when it projects it: the root is
 * `metadata` or `resources`, a `${metadata.KEY}` exists, a `${resources.NAME}` is declared, a secret is not
 * used where it cannot be, and resource params do not reference each other in a cycle. Outputs of resources
 * are not known offline, so `${resources.db.host}` only needs `db` to be declared.
 *
 * @returns one issue per bad field, with Score paths (`containers.web.variables.DB_HOST`).
 */
export function checkPlaceholders(spec: ScoreWorkload, metadata: ScoreMetadata): FieldIssue[] {
  const declared = spec.resources ?? {};
  const resolver = createScoreResolver({
    metadata,
    resources: Object.fromEntries(Object.keys(declared).map((name) => [name, { id: name }])),
  });
  const issues: FieldIssue[] = [];
  collect(issues, () => substituteContainers(spec.containers, resolver));
  for (const [name, resource] of Object.entries(declared)) {
    if (resource.params === undefined) continue;
    const field = `${childField(childField('resources', name), 'params')}`;
    collect(issues, () => substituteResourceParams(resource.params ?? {}, resolver, field));
  }
  // Unknown resources in params were reported above; only cycles are new here.
  collect(issues, () => resourceDependencyOrder(declared), 'DependencyCycle');
  return issues;
}

function collect(issues: FieldIssue[], check: () => unknown, kind?: 'DependencyCycle'): void {
  try {
    check();
  } catch (err) {
    if (!ScoreApiError.is(err)) throw err;
    if (kind !== undefined && !ScoreApiError.is(err, kind)) return;
    issues.push(...(err.issues.length > 0 ? err.issues : [{ field: '', message: err.message }]));
  }
}
