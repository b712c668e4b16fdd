import { describe, expect, it } from '@jest/globals';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';
import { planFixture } from '../mapping/fixtures/plan-fixtures.js';
import { resolveRuntimeSettings } from '../settings/runtime-settings.js';
import { planEndpoint } from './plan-endpoint.js';

const ports = { service: { ports: { admin: { port: 9000 }, web: { port: 8080 } } } };

describe('planEndpoint', () => {
  const defaults = resolveRuntimeSettings();

  it.each([
    [
      'a route host and path',
      { endpointHints: { host: 'shop.example.com', path: '/api' }, ...ports },
      'http://shop.example.com/api',
    ],
    [
      'a route path without a slash',
      { endpointHints: { host: 'shop.example.com', path: 'api' } },
      'http://shop.example.com/api',
    ],
    ['a route host only', { endpointHints: { host: 'shop.example.com' } }, 'http://shop.example.com'],
    ['service ports (the lowest port number)', ports, 'http://shop.apps.svc.cluster.local:8080'],
    ['neither', {}, undefined],
  ])('uses %s', (_name, spec, expected) => {
    expect(planEndpoint(planFixture(spec), defaults)).toBe(expected);
  });

  it('renders templates from the settings', () => {
    const settings = resolveRuntimeSettings({
      endpoints: { route: 'https://{{ .host }}{{ .path }}', service: 'http://{{.serviceName}}:{{ .port }}' },
    });
    expect(planEndpoint(planFixture({ endpointHints: { host: 'a.b' } }), settings)).toBe('https://a.b');
    expect(planEndpoint(planFixture(ports), settings)).toBe('http://shop:8080');
  });

  it('prefers the platform config rule the plan carries over the settings', () => {
    const settings = resolveRuntimeSettings({
      endpoints: { service: 'http://{{.serviceName}}:{{ .port }}' },
    });
    const templates = {
      service: 'https://{{ .serviceName }}.{{ .namespace }}.internal',
      route: 'https://{{ .host }}',
    };
    expect(planEndpoint(planFixture({ ...ports, endpointTemplates: templates }), settings)).toBe(
      'https://shop.apps.internal',
    );
    expect(
      planEndpoint(
        planFixture({ endpointHints: { host: 'a.b', path: '/x' }, endpointTemplates: templates }),
        settings,
      ),
    ).toBe('https://a.b');
    expect(
      planEndpoint(planFixture({ ...ports, endpointTemplates: { route: 'https://{{ .host }}' } }), settings),
    ).toBe('http://shop:8080');
  });

  it('rejects a malformed template naming the setting', () => {
    expect(() => resolveRuntimeSettings({ endpoints: { service: 'http://{{ serviceName }}' } })).toThrow(
      /failed to compile endpoints\.service: "{{ serviceName }}" at offset 7 is not a substitution/,
    );
    expect(
      RuntimeKubernetesError.is(
        captured(() => resolveRuntimeSettings({ endpoints: { route: '{{' } })),
        'Configuration',
      ),
    ).toBe(true);
  });
});

function captured(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}
