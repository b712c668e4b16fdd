import { describe, expect, it } from '@jest/globals';
import {
  compileEndpointTemplate,
  missingEndpointFact,
  renderEndpointTemplate,
  type EndpointTemplate,
} from './endpoint-template.js';

function compiled(source: string): EndpointTemplate {
  const result = compileEndpointTemplate(source);
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('compileEndpointTemplate', () => {
  it('splits literal text and substitutions', () => {
    expect(compiled('a{{ .b }}c{{.d}}').parts).toEqual([
      { text: 'a' },
      { fact: 'b' },
      { text: 'c' },
      { fact: 'd' },
    ]);
  });

  it.each([
    ['{{ serviceName }}', '"{{ serviceName }}" at offset 0 is not a substitution'],
    ['http://{{ .a }}{{', '"{{" at offset 15 is not a substitution'],
    ['{{ printf "%s" .a }}', 'is not a substitution: write {{ .fact }}'],
    ['{{ .a | urlquery }}', 'is not a substitution'],
  ])('refuses %s, saying where', (source, message) => {
    expect(compileEndpointTemplate(source)).toEqual({ error: expect.stringContaining(message) });
  });
});

describe('renderEndpointTemplate', () => {
  const template = compiled('http://{{ .serviceName }}.{{ .namespace }}:{{ .port }}');

  it.each([
    [{ serviceName: 'web', namespace: 'shop', port: 8080 }, 'http://web.shop:8080', undefined],
    [{ serviceName: 'web', namespace: 'shop' }, undefined, 'port'],
    [{ namespace: 'shop', port: undefined }, undefined, 'serviceName'],
  ])('renders %j as %s (missing fact: %s)', (facts, url, missing) => {
    expect(renderEndpointTemplate(template, facts)).toBe(url);
    expect(missingEndpointFact(template, facts)).toBe(missing);
  });
});
