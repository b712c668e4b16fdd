import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { validateScoreFile } from './validate-score-file.js';

const scoreFile = (container: string) => `apiVersion: score.dev/v1b1
metadata:
  name: web
containers:
  web:
${container}
`;

describe('validateScoreFile', () => {
  it('returns the Workload and no issues for a valid file', () => {
    const result = validateScoreFile(
      scoreFile('    image: nginx\n    variables:\n      A: ${metadata.name}'),
      {
        namespace: 'apps',
      },
    );
    expect(result.issues).toEqual([]);
    expect(result.workload).toMatchObject({ kind: 'Workload', metadata: { name: 'web', namespace: 'apps' } });
  });

  it.each(['full.score.yaml', 'legacy-lists.score.yaml'])('accepts the Score-file fixture %s', (name) => {
    const yaml = readFileSync(new URL(`../score-file/fixtures/${name}`, import.meta.url), 'utf8');
    expect(validateScoreFile(yaml).issues).toEqual([]);
  });

  it('reports Score-file issues with Score paths, and stops there', () => {
    const result = validateScoreFile(scoreFile('    command: [x]'));
    expect(result.workload).toBeUndefined();
    expect(result.issues).toContainEqual({
      origin: 'score-file',
      field: 'containers.web.image',
      message: expect.any(String),
    });
  });

  it('reports broken YAML as one issue', () => {
    const result = validateScoreFile('containers: [');
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ origin: 'score-file', field: '' });
  });

  it('adds what only the CRD checks, with API server paths', () => {
    const result = validateScoreFile(
      scoreFile('    image: nginx\n    variables:\n      DB: "${resources.db.host"\n    livenessProbe: {}'),
    );
    expect(result.workload).toBeDefined();
    expect(result.issues.map(({ origin, field }) => `${origin} ${field}`).sort()).toEqual([
      'crd spec.containers[web].livenessProbe',
      'crd spec.containers[web].variables[DB]',
    ]);
  });
});
