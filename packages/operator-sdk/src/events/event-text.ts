/** The API server's limit on an Event's `note`, in bytes. */
export const NOTE_MAX_BYTES = 1024;
/** The API server's limit on `reason`, `action` and `reportingInstance`, in bytes. */
export const SHORT_FIELD_MAX_BYTES = 128;

const ellipsis = '...';

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes, ending in `...` when cut, without splitting a
 * character. The API server rejects over-long Events outright, so losing the tail beats losing the Event.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const budget = maxBytes - ellipsis.length;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > budget) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end) + ellipsis;
}

/** Truncates an Event note to {@link NOTE_MAX_BYTES}. */
export function truncateNote(note: string): string {
  return truncateUtf8(note, NOTE_MAX_BYTES);
}
