/** Literal text of a template, already unescaped (`$$` is `$`, `$${x}` is `${x}`). */
export interface LiteralPart {
  readonly kind: 'literal';
  readonly text: string;
}

/** One `${...}` reference. */
export interface PlaceholderPart {
  readonly kind: 'placeholder';
  /** The text between `${` and `}`, as written: `metadata.annotations.my\.key`. */
  readonly ref: string;
  /** `ref` split on unescaped dots, with `\.` turned into `.`: `['metadata', 'annotations', 'my.key']`. */
  readonly path: readonly string[];
  /** Offset of the `$` in the source text (0-based, in UTF-16 code units). */
  readonly offset: number;
}

export type TemplatePart = LiteralPart | PlaceholderPart;

/**
 * A string parsed into literal text and placeholder references, in source order. Adjacent literal
 * text is merged, so a string without placeholders is one literal part (or none when empty).
 */
export interface PlaceholderTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

/** Renders a reference back to its source form, e.g. `${resources.db.host}`. */
export function placeholderText(part: Pick<PlaceholderPart, 'ref'>): string {
  return '${' + part.ref + '}';
}
