// Round trips through the conversion: v1 -> hub -> v1 and v2 -> v1 -> v2 give back what went in, field for
// field, including what one version has no place for.
import { describe, expect, it } from '@jest/globals';
import type { BookmarkV2 } from './bookmark-v2.resource.js';
import { BookmarkV1Converter, V2_FIELDS_ANNOTATION } from './bookmark.converter.js';
import type { Bookmark } from './bookmark.resource.js';

const converter = new BookmarkV1Converter();
const metadata = { name: 'b', namespace: 'default', labels: { team: 'docs' }, annotations: { note: 'x' } };

const v1s: Bookmark[] = [
  {
    apiVersion: 'webhooks.example.dev/v1',
    kind: 'Bookmark',
    metadata,
    spec: { url: 'https://a.dev', title: 'A', tags: ['a', 'b'], protected: true },
  },
  {
    apiVersion: 'webhooks.example.dev/v1',
    kind: 'Bookmark',
    metadata: { name: 'min' },
    spec: { url: 'https://b.dev' },
  },
  {
    apiVersion: 'webhooks.example.dev/v1',
    kind: 'Bookmark',
    metadata,
    spec: { url: 'https://c.dev', protected: false },
  },
];
const v2s: BookmarkV2[] = [
  {
    apiVersion: 'webhooks.example.dev/v2',
    kind: 'Bookmark',
    metadata,
    spec: {
      target: { url: 'https://a.dev', title: 'A' },
      tags: ['a'],
      deletionPolicy: 'Allow',
      notes: 'read later',
    },
  },
  {
    apiVersion: 'webhooks.example.dev/v2',
    kind: 'Bookmark',
    metadata: { name: 'min' },
    spec: { target: { url: 'https://b.dev' } },
  },
];

describe('BookmarkV1Converter', () => {
  it.each(v1s.map((v1) => [v1.metadata.name, v1.spec, v1] as const))(
    'v1 -> v2 -> v1 loses nothing (%s %j)',
    async (_name, _spec, v1) => {
      const sent = structuredClone(v1);
      const hub = await converter.convertTo(sent);
      expect(await converter.convertFrom(hub)).toEqual(v1);
      expect(sent).toEqual(v1); // the input is left as it was
    },
  );

  it.each(v2s.map((v2) => [v2.metadata.name, v2.spec, v2] as const))(
    'v2 -> v1 -> v2 loses nothing (%s %j)',
    async (_name, _spec, v2) => {
      const v1 = await converter.convertFrom(structuredClone(v2));
      expect(await converter.convertTo(v1)).toEqual(v2);
    },
  );

  it('maps each field to its place in the other version, keeping notes in an annotation of v1', async () => {
    const v1 = await converter.convertFrom(structuredClone(v2s[0]));
    expect(v1.spec).toEqual({ url: 'https://a.dev', title: 'A', tags: ['a'], protected: false });
    expect(v1.metadata.annotations).toEqual({ note: 'x', [V2_FIELDS_ANNOTATION]: '{"notes":"read later"}' });
    const hub = await converter.convertTo(structuredClone(v1s[0]));
    expect(hub.spec).toEqual({
      target: { url: 'https://a.dev', title: 'A' },
      tags: ['a', 'b'],
      deletionPolicy: 'Protect',
    });
  });
});
