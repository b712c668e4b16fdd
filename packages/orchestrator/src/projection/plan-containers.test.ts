import { describe, expect, it } from '@jest/globals';
import { createScoreResolver, SecretReference, substituteContainers } from '@score-orchestrator/api';
import { toPlanContainers } from './plan-containers.js';

describe('toPlanContainers', () => {
  const resolver = createScoreResolver({
    metadata: { name: 'shop' },
    resources: {
      db: {
        id: 'shop-db',
        outputs: { host: 'db.svc', port: 5432, password: new SecretReference('shop-db-outputs', 'pw') },
      },
      // A mountable resource outputs `source`, which `${resources.data}` stands for in a volume source.
      data: { id: 'shop-data', outputs: { source: 'vol-shop-data' } },
    },
  });

  it('projects variables, files and volumes; secrets stay references', () => {
    const projected = substituteContainers(
      {
        web: {
          image: 'shop:1',
          args: ['--port', '8080'],
          variables: {
            Z_NAME: '${metadata.name}',
            DB: '${resources.db.host}:${resources.db.port}',
            PW: '${resources.db.password}',
            URL: 'pg://u:${resources.db.password}@${resources.db.host}',
          },
          files: {
            '/etc/secret': { content: '${resources.db.password}', mode: '0400' },
            '/etc/app.conf': { content: 'host=${resources.db.host}' },
            '/etc/raw': { binaryContent: 'AAE=' },
          },
          volumes: { '/data': { source: '${resources.data}', readOnly: true } },
        },
      },
      resolver,
    );
    if (!projected.resolved) throw new Error('expected resolved');
    expect(toPlanContainers(projected.value)).toEqual({
      web: {
        image: 'shop:1',
        args: ['--port', '8080'],
        env: [
          { name: 'DB', value: 'db.svc:5432' },
          { name: 'PW', secretKeyRef: { name: 'shop-db-outputs', key: 'pw' } },
          {
            name: 'URL',
            template: [
              { text: 'pg://u:' },
              { secretKeyRef: { name: 'shop-db-outputs', key: 'pw' } },
              { text: '@db.svc' },
            ],
          },
          { name: 'Z_NAME', value: 'shop' },
        ],
        files: [
          { target: '/etc/app.conf', content: 'host=db.svc' },
          { target: '/etc/raw', binaryContent: 'AAE=' },
          { target: '/etc/secret', mode: '0400', secretRef: { name: 'shop-db-outputs', key: 'pw' } },
        ],
        volumes: [{ target: '/data', source: 'vol-shop-data', readOnly: true }],
      },
    });
  });

  it('leaves out empty lists', () => {
    expect(toPlanContainers({ main: { image: 'x' } })).toEqual({ main: { image: 'x' } });
  });
});
