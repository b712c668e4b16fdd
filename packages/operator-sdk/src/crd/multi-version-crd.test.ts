// Several classes, one kind: the multi-version CRD and the mistakes it refuses, each naming the fix.
import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString } from 'class-validator';
import { configurationError } from '../errors/fixtures/configuration-error.js';
import { conversionWebhook } from '../webhook/conversion/conversion-crd.js';
import { generateCrd } from './crd-generator.js';
import { generateCrds } from './crd-writer.js';
import { KubernetesResource, type KubernetesResourceOptions } from './kubernetes-resource.decorator.js';
import { Widget } from './fixtures/widget.resource.js';

const ident = { group: 'gizmos.test.dev', kind: 'Gizmo' };

function gizmo(options: Omit<KubernetesResourceOptions, 'group' | 'kind'>) {
  @KubernetesResource({ ...ident, ...options })
  class Gizmo {
    @IsInt()
    size!: number;
  }
  return Gizmo;
}

@KubernetesResource({ ...ident, version: 'v2' })
class GizmoV2 {
  @IsString()
  size!: string;
}
const GizmoV1 = gizmo({ version: 'v1', storageVersion: false, deprecated: 'use gizmos.test.dev/v2' });
const conversion = conversionWebhook({ service: { namespace: 'sys', name: 'gizmo-webhook' } });

describe('generateCrd with several versions', () => {
  it('serves every version with its own schema, stores one, and converts through the webhook', () => {
    const crd = generateCrd([GizmoV2, GizmoV1], { conversion, injectCaFrom: 'sys/gizmo-cert' });
    expect(crd.metadata).toEqual({
      name: 'gizmos.gizmos.test.dev',
      annotations: { 'cert-manager.io/inject-ca-from': 'sys/gizmo-cert' },
    });
    expect(
      crd.spec.versions.map((v) => [v.name, v.served, v.storage, v.deprecated, v.deprecationWarning]),
    ).toEqual([
      ['v1', true, false, true, 'use gizmos.test.dev/v2'],
      ['v2', true, true, undefined, undefined],
    ]);
    expect(crd.spec.versions.map((v) => v.schema.openAPIV3Schema.properties!.size!.type)).toEqual([
      'integer',
      'string',
    ]);
    expect(crd.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: {
        clientConfig: { service: { namespace: 'sys', name: 'gizmo-webhook', path: '/convert' } },
        conversionReviewVersions: ['v1'],
      },
    });
  });

  it('groups versions of one kind into one CRD and leaves single-version CRDs as they were', () => {
    const crds = generateCrds([GizmoV1, Widget, GizmoV2], { conversion, injectCaFrom: 'sys/c' });
    expect(crds.map((c) => [c.metadata.name, c.spec.versions.length, c.spec.conversion?.strategy])).toEqual([
      ['gizmos.gizmos.test.dev', 2, 'Webhook'],
      ['widgets.fixtures.score.dev', 1, undefined],
    ]);
    expect(crds[1]).toEqual(generateCrd(Widget));
  });

  it('refuses versions that disagree, repeat, store twice or lack a conversion', () => {
    expect(configurationError(() => generateCrd([GizmoV2, GizmoV1]))).toBe(
      'failed to generate the CRD gizmos.gizmos.test.dev: it serves versions v1, v2; pass the conversion option: ' +
        "conversionWebhook(...) for a conversion webhook, or { strategy: 'None' } when the schemas are the same",
    );
    expect(configurationError(() => generateCrd([GizmoV2, gizmo({ version: 'v1' })], { conversion }))).toBe(
      'failed to generate the CRD gizmos.gizmos.test.dev: versions v2, v1 are the storage version; ' +
        'set storageVersion: false in @KubernetesResource on all but one',
    );
    expect(
      configurationError(() =>
        generateCrd([GizmoV2, gizmo({ version: 'v2', storageVersion: false })], { conversion }),
      ),
    ).toMatch(/classes GizmoV2 and Gizmo are both version v2; give each class its own version$/);
    expect(
      configurationError(() =>
        generateCrd([GizmoV2, gizmo({ version: 'v1', storageVersion: false, scope: 'Cluster' })], {
          conversion,
        }),
      ),
    ).toMatch(
      /classes GizmoV2 and Gizmo differ in scope \("Namespaced" and "Cluster"\); the versions of a kind share it$/,
    );
    expect(configurationError(() => generateCrd([]))).toBe(
      'failed to generate a CRD: no resource class given',
    );
  });
});
