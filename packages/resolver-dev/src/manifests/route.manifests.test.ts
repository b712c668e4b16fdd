import { describe, expect, it } from '@jest/globals';
import { requestFixture } from '../fixtures/resource-request.js';
import { routeSpec } from '../resolvers/route.resolver.js';
import { buildHttpRoute, buildIngress } from './route.manifests.js';

describe('routeSpec', () => {
  it.each([
    [
      { host: 'web.localhost', port: 8080 },
      { host: 'web.localhost', path: '/', port: 8080, serviceName: 'web' },
    ],
    [
      { host: 'a.b', path: '/api/v1', port: 'http' },
      { path: '/api/v1', port: 'http' },
    ],
    [
      { host: 'a.b', port: '80', workload: 'other' },
      { port: 80, serviceName: 'other' },
    ],
  ])('reads %j', (params, expected) => {
    expect(routeSpec(requestFixture('route', { params }))).toMatchObject({
      name: 'route-web-route',
      ...expected,
    });
  });

  it.each([
    [{ port: 80 }, 'params.host is required'],
    [{ host: 'Not A Host', port: 80 }, 'params.host must be a valid hostname'],
    [{ host: 'a.b', path: 'api', port: 80 }, 'params.path must start with / and not end with /'],
    [{ host: 'a.b', path: '/api/', port: 80 }, 'params.path must start with / and not end with /'],
    [{ host: 'a.b' }, 'params.port is required'],
    [{ host: 'a.b', port: 70000 }, 'params.port must be a port number'],
  ])('rejects %j as terminal', (params, message) => {
    expect(() => routeSpec(requestFixture('route', { params }))).toThrow(message);
  });

  it('needs a workload when no Workload owns the claim', () => {
    const request = requestFixture('route', { params: { host: 'a.b', port: 80 } });
    const orphan = {
      ...request,
      claim: { ...request.claim, metadata: { ...request.claim.metadata, ownerReferences: [] } },
    };
    expect(() => routeSpec(orphan)).toThrow('params.workload is required when no Workload owns the claim');
  });
});

describe('route manifests', () => {
  const request = requestFixture('route');
  const spec = { name: 'route-web-route', host: 'web.localhost', path: '/', serviceName: 'web', port: 8080 };

  it.each([
    [8080, { number: 8080 }],
    ['http', { name: 'http' }],
  ])('builds an owned, labelled Ingress to port %s', (port, backendPort) => {
    const ingress = buildIngress(request, { ...spec, port }, 'nginx');
    expect(ingress.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ResourceClaim', controller: true });
    expect(ingress.metadata?.labels?.['score.dev/claim']).toBe('web-route');
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'web.localhost',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: backendPort } } },
            ],
          },
        },
      ],
    });
  });

  it('builds an HTTPRoute attached to the gateway', () => {
    const route = buildHttpRoute(request, spec, { name: 'shared', namespace: 'gateways' });
    expect(route.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ResourceClaim', controller: true });
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'shared', namespace: 'gateways' }],
      hostnames: ['web.localhost'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'web', port: 8080 }],
        },
      ],
    });
  });
});
