import { describe, expect, it } from '@jest/globals';
import { parsePlatformConfig } from '../platform-config/parse-platform-config.js';
import { endpointTemplatesFor } from './endpoint-templates.js';

const header = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';

describe('endpointTemplatesFor', () => {
  it.each([
    ['no backends', '', undefined],
    [
      'another runtime class only',
      'backends:\n  - runtimeClass: other\n    endpointTemplate: "x"\n',
      undefined,
    ],
    [
      'the service rule',
      'backends:\n  - runtimeClass: kubernetes\n    endpointTemplate: "https://{{ .serviceName }}"\n',
      { service: 'https://{{ .serviceName }}' },
    ],
    [
      'both rules',
      'backends:\n  - runtimeClass: kubernetes\n    endpointTemplate: "a"\n    routeEndpointTemplate: "https://{{ .host }}{{ .path }}"\n',
      { service: 'a', route: 'https://{{ .host }}{{ .path }}' },
    ],
  ])('%s', (_case, yaml, expected) => {
    expect(endpointTemplatesFor(parsePlatformConfig(header + yaml), 'kubernetes')).toEqual(expected);
  });

  it('rejects a malformed route rule at parse time, naming the field', () => {
    expect(() =>
      parsePlatformConfig(
        header + 'backends:\n  - runtimeClass: kubernetes\n    routeEndpointTemplate: "{{ host }}"\n',
      ),
    ).toThrow(/backends\[0\]\.routeEndpointTemplate/);
  });
});
