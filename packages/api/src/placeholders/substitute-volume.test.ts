import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import { createScoreResolver } from './score-resolver.js';
import { SecretReference } from './secret-reference.js';
import { substituteContainers } from './substitute-containers.js';
import type { Substitution } from './substitution-result.js';

const resolver = createScoreResolver({
  metadata: { name: 'web' },
  resources: {
    data: { id: 'web-data', outputs: { source: { persistentVolumeClaim: { claimName: 'vol-web-data' } } } },
    scratch: { id: 'web-scratch', outputs: { source: { emptyDir: {} } } },
    named: { id: 'web-named', outputs: { source: 'existing-claim' } },
    bare: { id: 'web-bare', outputs: { claimName: 'x' } },
    later: { id: 'web-later' },
    secret: { id: 'web-secret', outputs: { source: new SecretReference('s', 'source') } },
  },
});

function volumeSource(source: string): Substitution<string | undefined> {
  const result = substituteContainers({ web: { image: 'a', volumes: { '/data': { source } } } }, resolver);
  return result.resolved ? { resolved: true, value: result.value['web'].volumes?.['/data'].source } : result;
}

function errorOf(source: string): string {
  try {
    volumeSource(source);
  } catch (err) {
    if (ScoreApiError.is(err, 'Placeholder')) return err.message;
    throw err;
  }
  throw new Error(`no error for ${source}`);
}

describe('volume source substitution', () => {
  it.each([
    ['${resources.data}', '{"persistentVolumeClaim":{"claimName":"vol-web-data"}}'],
    ['${resources.scratch}', '{"emptyDir":{}}'],
    ['${resources.named}', 'existing-claim'],
    ['${resources.data.source}', '{"persistentVolumeClaim":{"claimName":"vol-web-data"}}'],
    ['${resources.bare.claimName}', 'x'],
    ['claim-${metadata.name}', 'claim-web'],
    ['literal-claim', 'literal-claim'],
  ])('%j mounts %j: ${resources.NAME} is the volume the resolver made', (source, expected) => {
    expect(volumeSource(source)).toEqual({ resolved: true, value: expected });
  });

  it('waits for a resource that is not ready, naming the placeholder as written', () => {
    expect(volumeSource('${resources.later}')).toEqual({
      resolved: false,
      unresolved: [
        {
          placeholder: '${resources.later}',
          field: 'containers.web.volumes["/data"].source',
          resource: 'later',
          reason: 'pending',
          detail: "resource 'later' has no outputs yet",
        },
      ],
    });
  });

  it('leaves a resource without a source output unresolved (absent), naming the output', () => {
    expect(volumeSource('${resources.bare}')).toEqual({
      resolved: false,
      unresolved: [
        expect.objectContaining({
          placeholder: '${resources.bare}',
          reason: 'absent',
          detail: "resource 'bare' has no output 'source'",
        }),
      ],
    });
  });

  it.each([
    [
      '${resources.data}-suffix',
      "${resources.data} names the volume's resource and must be the whole source",
    ],
    ['${resources.secret}', 'secret output ${resources.secret} cannot be used as a volume source'],
    ['${resources.nope}', "no known resource 'nope'"],
  ])('refuses %j: %j', (source, message) => {
    expect(errorOf(source)).toContain(`containers.web.volumes["/data"].source: `);
    expect(errorOf(source)).toContain(message);
  });
});
