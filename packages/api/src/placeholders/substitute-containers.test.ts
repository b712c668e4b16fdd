import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import type { ScoreContainer } from '../score-file/score-workload.js';
import { createScoreResolver } from './score-resolver.js';
import { SecretReference } from './secret-reference.js';
import { substituteContainers } from './substitute-containers.js';

const password = new SecretReference('db-creds', 'password');
const resolver = createScoreResolver({
  metadata: { name: 'web' },
  resources: {
    db: { id: 'db', outputs: { host: 'db.local', password } },
    data: {
      id: 'web-data',
      outputs: { source: { persistentVolumeClaim: { claimName: 'vol-web-data' } } },
    },
    cache: { id: 'cache' },
  },
});

describe('substituteContainers', () => {
  it('expands variables, file content and volume sources, and copies everything else', () => {
    const containers: Record<string, ScoreContainer> = {
      web: {
        image: 'nginx:${not.expanded}',
        args: ['${not.expanded.either}'],
        variables: { HOST: '${resources.db.host}', PASSWORD: '${resources.db.password}' },
        files: { '/etc/app.conf': { content: 'name=${metadata.name}', mode: '0644' } },
        volumes: { '/data': { source: '${resources.data}', readOnly: true } },
        before: { init: { ready: 'complete' } },
      },
      init: { image: 'busybox' },
    };
    expect(substituteContainers(containers, resolver)).toEqual({
      resolved: true,
      value: {
        web: {
          image: 'nginx:${not.expanded}',
          args: ['${not.expanded.either}'],
          variables: { HOST: 'db.local', PASSWORD: password },
          files: { '/etc/app.conf': { content: 'name=web', mode: '0644' } },
          volumes: {
            '/data': { source: '{"persistentVolumeClaim":{"claimName":"vol-web-data"}}', readOnly: true },
          },
          before: { init: { ready: 'complete' } },
        },
        init: { image: 'busybox' },
      },
    });
  });

  it('names every failing field across containers', () => {
    let caught: unknown;
    try {
      substituteContainers(
        {
          web: { image: 'a', volumes: { '/v': { source: '${resources.db.password}' } } },
          worker: { image: 'b', files: { '/x.conf': { content: '${resources.nope.x}' } } },
        },
        resolver,
      );
    } catch (err) {
      caught = err;
    }
    expect(ScoreApiError.is(caught, 'Placeholder')).toBe(true);
    expect((caught as ScoreApiError).issues.map((issue) => issue.field)).toEqual([
      'containers.web.volumes["/v"].source',
      'containers.worker.files["/x.conf"].content',
    ]);
  });

  it('lists every placeholder waiting for a claim', () => {
    const result = substituteContainers(
      {
        web: {
          image: 'a',
          variables: { URL: '${resources.cache.url}' },
          files: { '/c': { content: '${resources.cache.cfg}' } },
        },
      },
      resolver,
    );
    expect(result).toEqual({
      resolved: false,
      unresolved: [
        expect.objectContaining({
          placeholder: '${resources.cache.url}',
          field: 'containers.web.variables.URL',
        }),
        expect.objectContaining({
          placeholder: '${resources.cache.cfg}',
          field: 'containers.web.files["/c"].content',
        }),
      ],
    });
  });
});
