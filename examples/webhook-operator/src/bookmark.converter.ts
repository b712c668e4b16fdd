// The conversion webhook's logic: v1 Bookmarks to and from the hub, v2. The API server calls it whenever a
// client reads or writes a version other than the stored one.
// #region converter
import { ConversionAnnotations, Converter, type Convertible } from '@score-orchestrator/operator-sdk';
import { BookmarkV2, type BookmarkV2Spec } from './bookmark-v2.resource.js';
import { Bookmark, type BookmarkSpec } from './bookmark.resource.js';

/** Where a v1 object keeps the v2 fields it has no place for. */
export const V2_FIELDS_ANNOTATION = 'webhooks.example.dev/v2-fields';

type V2OnlyFields = Pick<BookmarkV2Spec, 'notes'>;

@Converter({ spoke: Bookmark, hub: BookmarkV2 })
export class BookmarkV1Converter implements Convertible<Bookmark, BookmarkV2> {
  convertTo(v1: Bookmark): BookmarkV2 {
    const { url, title, tags, protected: isProtected } = v1.spec;
    const spec: BookmarkV2Spec = { target: { url, ...(title !== undefined && { title }) } };
    if (tags !== undefined) spec.tags = tags;
    if (isProtected !== undefined) spec.deletionPolicy = isProtected ? 'Protect' : 'Allow';
    const hub: BookmarkV2 = {
      ...v1,
      apiVersion: 'webhooks.example.dev/v2',
      metadata: { ...v1.metadata },
      spec,
    };
    // Restores what the v2 object had before it was served as v1 (and drops the annotation).
    const kept = ConversionAnnotations.take<V2OnlyFields>(hub, V2_FIELDS_ANNOTATION);
    if (kept?.notes !== undefined) spec.notes = kept.notes;
    return hub;
  }

  convertFrom(v2: BookmarkV2): Bookmark {
    const { target, tags, deletionPolicy, notes } = v2.spec;
    const spec: BookmarkSpec = { url: target.url };
    if (target.title !== undefined) spec.title = target.title;
    if (tags !== undefined) spec.tags = tags;
    if (deletionPolicy !== undefined) spec.protected = deletionPolicy === 'Protect';
    const v1: Bookmark = { ...v2, apiVersion: 'webhooks.example.dev/v1', metadata: { ...v2.metadata }, spec };
    ConversionAnnotations.keep(v1, V2_FIELDS_ANNOTATION, notes === undefined ? undefined : { notes });
    return v1;
  }
}
// #endregion converter
