import { ScoreApiError, type FieldIssue } from '../errors/api.error.js';
import { Missing } from './missing.js';
import { parsePlaceholders } from './parse-placeholders.js';
import type { PlaceholderResolver } from './placeholder-resolver.js';
import { placeholderText, type PlaceholderPart } from './placeholder-template.js';
import { encodeJsonText } from './json-text.js';
import { SecretReference } from './secret-reference.js';
import type { Substitution, UnresolvedPlaceholder } from './substitution-result.js';

/** A template after lookup: literal text, or the value one placeholder resolved to. */
export type ResolvedSegment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'value'; readonly part: PlaceholderPart; readonly value: unknown };

/**
 * One substitution pass over any number of fields. It records every error and every unresolved
 * placeholder instead of stopping at the first, so one report names them all; `finish` turns the
 * record into the result. Internal: the public functions each own one run.
 */
export class SubstitutionRun {
  private readonly issues: FieldIssue[] = [];
  private readonly unresolved: UnresolvedPlaceholder[] = [];

  constructor(private readonly resolver: PlaceholderResolver) {}

  /** Records an error against `field`. */
  fail(field: string, message: string): void {
    this.issues.push({ field, message });
  }

  /**
   * Parses and looks up every placeholder in `text`; `undefined` when any failed or is unresolved.
   * `lookupPath` maps a placeholder's path to the path looked up (a place may give a reference its own
   * meaning, as a volume source does to `${resources.NAME}`); by default the path as written.
   */
  resolve(
    text: string,
    field: string,
    lookupPath: (path: readonly string[]) => readonly string[] = (path) => path,
  ): ResolvedSegment[] | undefined {
    let parts;
    try {
      parts = parsePlaceholders(text).parts;
    } catch (err) {
      this.fail(field, ScoreApiError.is(err) ? err.message : String(err));
      return undefined;
    }
    const segments: ResolvedSegment[] = [];
    let complete = true;
    for (const part of parts) {
      if (part.kind === 'literal') {
        segments.push({ kind: 'text', text: part.text });
        continue;
      }
      const value = this.resolver.lookup(lookupPath(part.path));
      if (Missing.is(value)) {
        complete = false;
        if (value.reason !== 'unknown') {
          const resource = part.path[0] === 'resources' ? part.path[1] : undefined;
          const placeholder = placeholderText(part);
          const entry = { placeholder, field, reason: value.reason, detail: value.detail };
          this.unresolved.push(resource === undefined ? entry : { ...entry, resource });
        } else {
          this.fail(field, `invalid ref '${part.ref}': ${value.detail}`);
        }
        continue;
      }
      segments.push({ kind: 'value', part, value });
    }
    return complete ? segments : undefined;
  }

  /**
   * score-go's `SubstituteString`: each placeholder becomes its value, strings as they are and
   * anything else JSON-encoded. A secret output cannot become text; `where` says what to do instead.
   */
  text(text: string, field: string, where: string): string | undefined {
    const segments = this.resolve(text, field);
    return segments === undefined ? undefined : this.render(segments, field, where);
  }

  /** Renders resolved segments as text, with the rules of `text`. */
  render(segments: readonly ResolvedSegment[], field: string, where: string): string | undefined {
    let out = '';
    let ok = true;
    for (const segment of segments) {
      if (segment.kind === 'text') {
        out += segment.text;
      } else if (SecretReference.within(segment.value)) {
        this.failSecret(field, segment.part, where);
        ok = false;
      } else {
        out += textOf(segment.value);
      }
    }
    return ok ? out : undefined;
  }

  failSecret(field: string, part: PlaceholderPart, where: string): void {
    this.fail(field, `secret output ${placeholderText(part)} cannot be used ${where}`);
  }

  /**
   * Ends the run: throws the recorded errors (they win over unresolved placeholders, since waiting
   * cannot fix them), else reports unresolved placeholders, else returns `value`.
   */
  finish<T>(value: T | undefined): Substitution<T> {
    if (this.issues.length > 0) {
      throw ScoreApiError.fromIssues('Placeholder', 'failed to substitute placeholders', this.issues);
    }
    if (this.unresolved.length > 0 || value === undefined)
      return { resolved: false, unresolved: this.unresolved };
    return { resolved: true, value };
  }
}

/** A resolved value as text: strings as they are, anything else JSON-encoded like score-go. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : encodeJsonText(value);
}
