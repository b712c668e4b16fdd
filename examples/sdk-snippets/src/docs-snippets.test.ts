// Keeps docs/ in sync with the code it shows: every `<!-- snippet: path#region -->` block must hold exactly
// that region of a compiled, tested file. UPDATE_SNIPPETS=1 rewrites the blocks from the sources.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  extractRegion,
  findFileBlocks,
  findSnippetMarkers,
  rewriteSnippets,
  unmarkedCodeBlocks,
} from './docs-snippets.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const docsDir = join(root, 'docs');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

function regionOf(path: string, region: string): string | undefined {
  let source: string;
  try {
    source = readFileSync(join(root, path), 'utf8');
  } catch {
    return undefined;
  }
  return extractRegion(source, region);
}

// The guide, and the package README whose example is a snippet too.
const docs = [...markdownFiles(docsDir), join(root, 'packages/operator-sdk/README.md')].map((path) =>
  relative(root, path),
);
if (process.env.UPDATE_SNIPPETS === '1') {
  for (const doc of docs) {
    const path = join(root, doc);
    const before = readFileSync(path, 'utf8');
    const after = rewriteSnippets(before, (marker) => regionOf(marker.path, marker.region));
    if (after !== before) writeFileSync(path, after);
  }
}

const markers = docs.flatMap((doc) =>
  findSnippetMarkers(readFileSync(join(root, doc), 'utf8')).map((marker) => ({ doc, ...marker })),
);

describe('docs snippets', () => {
  it('finds snippet markers in docs/', () => {
    expect(markers.length).toBeGreaterThan(0);
  });

  it.each(markers.map((m) => [`${m.doc}:${m.line} ${m.path}#${m.region}`, m] as const))(
    '%s matches its source region',
    (_name, marker) => {
      const region = regionOf(marker.path, marker.region);
      if (region === undefined) {
        throw new Error(
          `${marker.doc}:${marker.line}: region "${marker.region}" not found in ${marker.path}; ` +
            `mark it with // #region ${marker.region} … // #endregion ${marker.region}`,
        );
      }
      if (marker.body === undefined) {
        throw new Error(
          `${marker.doc}:${marker.line}: the snippet marker must be followed by a fenced block`,
        );
      }
      if (marker.body !== region) {
        // A readable diff, named by doc and snippet; UPDATE_SNIPPETS=1 fixes the doc.
        expect(`${marker.doc} ${marker.path}#${marker.region}\n${marker.body}`).toBe(
          `${marker.doc} ${marker.path}#${marker.region}\n${region}`,
        );
      }
      expect(marker.language).toBe('ts');
    },
  );

  it.each(docs.filter((doc) => doc.startsWith('docs/sdk/')))(
    '%s has no TypeScript block without a source',
    (doc) => {
      const unmarked = unmarkedCodeBlocks(readFileSync(join(root, doc), 'utf8'), ['ts', 'typescript']);
      expect(unmarked.map((block) => `${doc}:${block.line}`)).toEqual([]);
    },
  );
});

describe('snippet extraction', () => {
  const source = [
    'import x;',
    '  // #region outer',
    '  const a = 1;',
    '  // #region inner',
    '    if (a) {',
    '',
    '    }',
    '  // #endregion inner',
    '  // #endregion outer',
  ].join('\n');

  it.each([
    ['outer', 'const a = 1;\n  if (a) {\n\n  }'],
    ['inner', 'if (a) {\n\n}'],
    ['missing', undefined],
  ])('region %s', (name, expected) => {
    expect(extractRegion(source, name)).toBe(expected);
  });

  it('reports a marker without a fence, and rewrites marked blocks only', () => {
    const doc = [
      '<!-- snippet: a.ts#x -->',
      'text',
      '<!-- snippet: a.ts#y -->',
      '```ts',
      'old',
      '```',
      '```ts',
      'free',
      '```',
    ].join('\n');
    expect(findSnippetMarkers(doc).map((m) => [m.region, m.body])).toEqual([
      ['x', undefined],
      ['y', 'old'],
    ]);
    expect(rewriteSnippets(doc, () => 'new\nlines')).toContain('```ts\nnew\nlines\n```\n```ts\nfree');
    expect(unmarkedCodeBlocks(doc, ['ts'])).toEqual([{ language: 'ts', line: 7 }]);
  });

  it('reads whole files marked <!-- file: path --> (their test writes and builds them)', () => {
    const doc = [
      '<!-- file: src/a.ts -->',
      '```ts',
      'export const a = 1;',
      '```',
      '<!-- file: package.json -->',
      'no fence: not a file block',
    ].join('\n');
    expect(findFileBlocks(doc)).toEqual([{ path: 'src/a.ts', body: 'export const a = 1;\n' }]);
    expect(unmarkedCodeBlocks(doc, ['ts'])).toEqual([]);
  });
});
