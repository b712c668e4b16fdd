// The Workloads the bench creates: one container with a port, and optionally a `redis` resource.
import type { Workload } from '@score-orchestrator/api';

/** What a bench Workload asks for. */
export type WorkloadShape = 'port' | 'redis';

/** A Workload named `name` in `namespace`; with `redis`, its container reads the resource's outputs. */
export function benchWorkload(namespace: string, name: string, shape: WorkloadShape): Workload {
  const redis = shape === 'redis';
  return {
    apiVersion: 'score.dev/v1b1',
    kind: 'Workload',
    metadata: { name, namespace },
    spec: {
      containers: {
        web: {
          image: 'nginxinc/nginx-unprivileged:1.27-alpine',
          ...(redis
            ? {
                variables: {
                  REDIS_HOST: '${resources.cache.host}',
                  REDIS_PORT: '${resources.cache.port}',
                  REDIS_PASSWORD: '${resources.cache.password}',
                },
              }
            : {}),
        },
      },
      service: { ports: { web: { port: 80, targetPort: 8080 } } },
      ...(redis ? { resources: { cache: { type: 'redis' } } } : {}),
    },
  } as unknown as Workload;
}
