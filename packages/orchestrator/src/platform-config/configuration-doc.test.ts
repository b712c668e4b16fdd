import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parsePlatformConfig } from './parse-platform-config.js';

// docs/configuration.md must not drift: its complete example is the tested fixture, and every YAML snippet
// on the page is a valid config (snippets without a header get one).

const page = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
const fixture = readFileSync(new URL('./fixtures/platform.yaml', import.meta.url), 'utf8');
const snippets: string[] = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const header = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';

describe('docs/configuration.md', () => {
  it('quotes the fixture as its complete example', () => {
    expect(snippets[0]).toBe(fixture);
  });

  it.each(snippets.map((s, i) => [i, s] as [number, string]))(
    'snippet %i is a valid config',
    (_i, snippet) => {
      const text = snippet.includes('kind: PlatformConfig') ? snippet : header + snippet;
      expect(() => parsePlatformConfig(text)).not.toThrow();
    },
  );
});
