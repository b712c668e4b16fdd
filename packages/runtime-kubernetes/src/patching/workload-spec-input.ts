// What a patch template sees of the Workload in `.Workloads`: its Score spec as far as the plan carries it.
import type { PlanObject } from '../mapping/plan-object.js';

/**
 * The Score spec of the plan's Workload for `.Workloads.<name>`: `apiVersion`, `metadata` (`name`, `labels`,
 * `annotations`), `containers` (`image`, `command`, `args`, `resources`, probes) and `service`. Unlike
 * score-k8s it holds no `variables`, `files`, `volumes` or `resources` section: the plan carries those
 * resolved, and resolved values may point at secrets.
 */
export function workloadSpecInput(plan: PlanObject): Record<string, unknown> {
  const { labels, annotations } = plan.spec;
  const containers = Object.fromEntries(
    Object.entries(plan.spec.containers ?? {}).map(([name, c]) => [
      name,
      defined({
        image: c.image,
        command: c.command,
        args: c.args,
        resources: c.resources,
        livenessProbe: c.livenessProbe,
        readinessProbe: c.readinessProbe,
      }),
    ]),
  );
  return structuredClone(
    defined({
      apiVersion: 'score.dev/v1b1',
      metadata: defined({ name: plan.spec.workload.name, labels, annotations }),
      containers,
      service: plan.spec.service,
    }),
  );
}

function defined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}
