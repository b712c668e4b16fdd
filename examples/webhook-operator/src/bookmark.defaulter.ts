// The mutating webhook: fills in what the user left out, before validation runs.
// #region defaulter
import { Defaulter, type CustomDefaulter } from '@score-orchestrator/operator-sdk';
import { Bookmark } from './bookmark.resource.js';

/** The label that carries the link's host, so bookmarks can be listed by site. */
export const HOST_LABEL = 'webhooks.example.dev/host';

@Defaulter({ for: Bookmark })
export class BookmarkDefaulter implements CustomDefaulter<Bookmark> {
  default(bookmark: Bookmark) {
    const host = hostOf(bookmark.spec.url);
    if (host) bookmark.spec.title ??= host;
    // A label value has at most 63 characters; longer hosts go unlabelled.
    if (host && host.length <= 63) {
      bookmark.metadata.labels = { ...bookmark.metadata.labels, [HOST_LABEL]: host };
    }
    if (bookmark.spec.tags) bookmark.spec.tags = bookmark.spec.tags.map((t) => t.toLowerCase()).sort();
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined; // not a URL: the validator says so
  }
}
// #endregion defaulter
