import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parsePlatformConfig } from './parse-platform-config.js';

// docs/platform/patch-templates.md must not drift: each YAML block is cut from the tested example
// (examples/patch-templates/platform.yaml, run by test/e2e/score-patch-templates.test.ts) and is a valid config.

const page = readFileSync(new URL('../../../../docs/platform/patch-templates.md', import.meta.url), 'utf8');
const example = readFileSync(
  new URL('../../../../examples/patch-templates/platform.yaml', import.meta.url),
  'utf8',
);
const blocks: string[] = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const header = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\nprofiles: [{ name: hardened }]\n';

describe('docs/platform/patch-templates.md', () => {
  it('shows the three templates of the example', () => {
    expect(blocks).toHaveLength(3);
  });

  it.each(blocks.map((b, i) => [i, b] as [number, string]))(
    'block %i is cut from the example',
    (_i, block) => {
      expect(block.startsWith('patchTemplates:\n')).toBe(true);
      expect(example).toContain(block.slice('patchTemplates:\n'.length));
    },
  );

  it.each(blocks.map((b, i) => [i, b] as [number, string]))('block %i is a valid config', (_i, block) => {
    expect(() => parsePlatformConfig(header + block)).not.toThrow();
  });
});
