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
      scoreFile('    image: nginx\n    variables:\n      DB: "${resources.db.host"\n      A: "x"'),
    );
    expect(result.workload).toBeDefined();
    expect(result.issues.map(({ origin, field }) => `${origin} ${field}`).sort()).toEqual([
      'crd spec.containers[web].variables[DB]',
    ]);
  });

  it("accepts score-spec/spec's samples/score-full.yaml, whose probe has both httpGet and exec", () => {
    const yaml = readFileSync(
      new URL('../score-file/fixtures/spec-score-full.yaml', import.meta.url),
      'utf8',
    );
    const result = validateScoreFile(yaml, { readSource: () => 'from file.txt\n' });
    expect(result.issues).toEqual([]);
    expect(result.workload?.spec.containers['container-one1']?.livenessProbe).toEqual({
      httpGet: { port: 8080, path: '/livez' },
      exec: { command: ['/bin/curl', '-f', 'http://localhost:8080/livez'] },
    });
  });

  it.each([
    [
      'neither httpGet nor exec',
      '    livenessProbe: {}',
      'containers.web.livenessProbe',
      'at least one of httpGet or exec is required',
    ],
    [
      'an exec probe with an empty command (it could never run)',
      '    readinessProbe:\n      exec:\n        command: []',
      'containers.web.readinessProbe.exec.command',
      'must hold at least the program to run; an empty command can never run',
    ],
  ])('refuses a probe with %s, naming the field', (_name, probe, field, message) => {
    const result = validateScoreFile(scoreFile(`    image: nginx\n${probe}`));
    expect(result.issues).toEqual([{ origin: 'score-file', field, message }]);
  });

  const twoContainers = (web: string, db: string) =>
    `apiVersion: score.dev/v1b1\nmetadata:\n  name: web\ncontainers:\n  web:\n    image: nginx\n${web}\n  db:\n    image: postgres\n${db}\n`;

  it.each([
    [
      'a cycle',
      '    before: {db: {ready: started}}',
      '    before: {web: {ready: started}}',
      ['containers.web.before.db: containers cannot run before each other in a cycle: web -> db -> web'],
    ],
    [
      'an unknown container and the container itself',
      '    before: {cache: {ready: complete}, web: {ready: started}}',
      '',
      [
        'containers.web.before.cache: must name another container of this workload',
        'containers.web.before.web: a container cannot run before itself',
      ],
    ],
    [
      'ready: healthy on a container without a probe',
      '',
      '    before: {web: {ready: healthy}}',
      [
        'containers.db.before.web.ready: healthy needs a readinessProbe or livenessProbe on db, to tell when it is healthy',
      ],
    ],
  ])('refuses before with %s, naming containers.<name>.before.<other>', (_name, web, db, issues) => {
    const result = validateScoreFile(twoContainers(web, db));
    expect(result.issues.map((i) => `${i.field}: ${i.message}`)).toEqual(issues);
    expect(result.issues.every((i) => i.origin === 'score-file')).toBe(true);
  });

  it('accepts before in the direction Score means: db runs before web', () => {
    const result = validateScoreFile(
      twoContainers(
        '',
        '    readinessProbe: {exec: {command: [pg_isready]}}\n    before: {web: {ready: healthy}}',
      ),
    );
    expect(result.issues).toEqual([]);
  });
});
