import { describe, expect, it } from '@jest/globals';
import { requestFixture } from '../fixtures/resource-request.js';
import { dnsHostname } from '../resolvers/dns.resolver.js';
import { volumeClaimName } from '../resolvers/volume.resolver.js';
import { buildVolumeClaim } from './volume-claim.manifest.js';

describe('buildVolumeClaim', () => {
  it.each([
    [{ name: 'vol-web-volume', size: '1Gi' }, undefined],
    [{ name: 'vol-web-volume', size: '5Gi', storageClassName: 'fast' }, 'fast'],
  ])('builds an owned, labelled PVC %j', (spec, storageClassName) => {
    const request = requestFixture('volume');
    const pvc = buildVolumeClaim(request, spec);
    expect(pvc.metadata).toMatchObject({
      name: volumeClaimName(request),
      namespace: 'team-a',
      labels: { 'app.kubernetes.io/name': 'volume', 'score.dev/claim': 'web-volume' },
    });
    expect(pvc.metadata?.ownerReferences).toHaveLength(1);
    expect(pvc.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: spec.size } },
      ...(storageClassName ? { storageClassName } : {}),
    });
  });
});

describe('dnsHostname', () => {
  it('is stable per claim and different between claims', () => {
    const a = dnsHostname(requestFixture('dns'), 'localhost');
    expect(a).toMatch(/^dns[0-9a-f]{6}\.localhost$/);
    expect(dnsHostname(requestFixture('dns'), 'localhost')).toBe(a);
    expect(dnsHostname(requestFixture('dns', { claimName: 'other-dns' }), 'localhost')).not.toBe(a);
    expect(dnsHostname(requestFixture('dns', { namespace: 'team-b' }), 'localhost')).not.toBe(a);
  });
});
