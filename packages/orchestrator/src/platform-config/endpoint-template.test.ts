import { describe, expect, it } from '@jest/globals';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { EndpointFacts } from '@score-orchestrator/api';
import { renderEndpoint } from './endpoint-template.js';
import { parsePlatformConfig } from './parse-platform-config.js';

const config = parsePlatformConfig(`
apiVersion: score.dev/v1b1
kind: PlatformConfig
backends:
  - runtimeClass: kubernetes
    endpointTemplate: "http://{{ .serviceName }}.{{.namespace}}.svc.cluster.local:{{ .port }}"
  - runtimeClass: edge
    endpointTemplate: "https://{{ .host }}/"
  - runtimeClass: plain
`);

describe('renderEndpoint', () => {
  it.each<[string, string, EndpointFacts, string | undefined]>([
    [
      'the cluster URL',
      'kubernetes',
      { serviceName: 'web', namespace: 'team-a', port: 8080 },
      'http://web.team-a.svc.cluster.local:8080',
    ],
    ['extra facts ignored', 'edge', { host: 'app.example.com', port: 443 }, 'https://app.example.com/'],
    [
      'facts inserted verbatim, never evaluated',
      'edge',
      { host: '{{ .port }}', port: 1 },
      'https://{{ .port }}/',
    ],
    ['nothing for a backend without template', 'plain', { host: 'x' }, undefined],
    ['nothing for an unknown runtime class', 'vm', { host: 'x' }, undefined],
  ])('renders %s', (_name, runtimeClass, facts, expected) => {
    expect(renderEndpoint(config, runtimeClass, facts)).toBe(expected);
  });

  it('names the missing fact, the field and the facts available', () => {
    let error: unknown;
    try {
      renderEndpoint(config, 'kubernetes', { serviceName: 'web', namespace: 'a', port: undefined });
    } catch (err) {
      error = err;
    }
    expect(OrchestratorError.is(error, 'Configuration')).toBe(true);
    expect((error as Error).message).toBe(
      'failed to render endpoint for runtime class kubernetes: backends[0].endpointTemplate: uses {{ .port }}, which the runtime does not report; use one of: serviceName, namespace',
    );
  });
});
