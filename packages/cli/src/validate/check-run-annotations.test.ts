import { describe, expect, it } from '@jest/globals';
import { validateFileText } from './validate-file.js';

const score = (annotations: string) => `apiVersion: score.dev/v1b1
metadata:
  name: nightly
  annotations:
${annotations}
containers:
  main:
    image: busybox:1.36
`;

describe('validate: how the workload runs (k8s.score.dev/* annotations)', () => {
  it('accepts the batch examples’ kinds of annotations', () => {
    const text = score("    k8s.score.dev/kind: CronJob\n    k8s.score.dev/schedule: '@daily'");
    expect(validateFileText('nightly.score.yaml', text).issues).toEqual([]);
  });

  it('reports a bad schedule at the annotation, naming it', () => {
    const text = score("    k8s.score.dev/kind: CronJob\n    k8s.score.dev/schedule: '0 25 * * *'");
    expect(validateFileText('nightly.score.yaml', text).issues).toEqual([
      {
        file: 'nightly.score.yaml',
        line: 6,
        column: 29,
        field: 'metadata.annotations["k8s.score.dev/schedule"]',
        message: '"0 25 * * *" is not a valid cron schedule: hour: 25 is out of range 0-23',
        origin: 'run-annotations',
      },
    ]);
  });

  it('reports a CronJob without a schedule, and batch settings on a service, in Workload manifests too', () => {
    const text = `apiVersion: score.dev/v1b1
kind: Workload
metadata:
  name: nightly
  annotations:
    k8s.score.dev/backoff-limit: '2'
spec:
  containers:
    main:
      image: busybox:1.36
`;
    const issues = validateFileText('nightly.yaml', text).issues;
    expect(issues.map((i) => [i.field, i.message, i.origin])).toEqual([
      [
        'metadata.annotations["k8s.score.dev/backoff-limit"]',
        'applies only to a batch workload (k8s.score.dev/kind: Job or CronJob)',
        'run-annotations',
      ],
    ]);
    expect(issues[0]?.line).toBe(6);
  });
});
