import { ScoreApiError } from '../errors/api.error.js';
import type { PlaceholderPart, PlaceholderTemplate, TemplatePart } from './placeholder-template.js';

/**
 * Splits a placeholder reference into its path segments on unescaped dots; `\.` is a literal dot
 * inside a segment. Same as score-go `framework.SplitRefParts`: other backslashes stay as they are,
 * and an empty reference is one empty segment.
 */
export function splitPlaceholderPath(ref: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < ref.length; i++) {
    if (ref[i] === '\\' && ref[i + 1] === '.') {
      current += '.';
      i++;
    } else if (ref[i] === '.') {
      parts.push(current);
      current = '';
    } else {
      current += ref[i];
    }
  }
  parts.push(current);
  return parts;
}

/**
 * Parses `${...}` placeholders in `text`, with score-go's grammar (`framework/substitution.go`, regex
 * `\$((?:\$?{([^}]*)})|\$)`):
 *
 * - `${ref}` is a reference; `ref` is everything up to the first `}` (it may hold `$` and `{`).
 * - `$$` is a literal `$`; `$${ref}` is the literal text `${ref}` (the inside is kept exactly as written).
 * - A `$` followed by anything else is a literal `$`.
 *
 * One deliberate difference: score-go leaves an unterminated `${` as literal text, which hides typos;
 * here it is an error.
 *
 * @throws ScoreApiError kind `Placeholder` for an unterminated `${`, naming its offset, line and column.
 */
export function parsePlaceholders(text: string): PlaceholderTemplate {
  const parts: TemplatePart[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') parts.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      const close = text[dollar + 2] === '{' ? text.indexOf('}', dollar + 3) : -1;
      // `$${...}` keeps its whole braced body literally; a bare `$$` is one `$`.
      literal += close >= 0 ? text.slice(dollar + 1, close + 1) : '$';
      i = close >= 0 ? close + 1 : dollar + 2;
    } else if (next === '{') {
      const close = text.indexOf('}', dollar + 2);
      if (close < 0) throw unterminated(text, dollar);
      flush();
      const ref = text.slice(dollar + 2, close);
      parts.push({ kind: 'placeholder', ref, path: splitPlaceholderPath(ref), offset: dollar });
      i = close + 1;
    } else {
      literal += '$';
      i = dollar + 1;
    }
  }
  flush();
  return { source: text, parts };
}

/**
 * Lists the placeholder references in `text`, in order (escaped ones excluded). For dependency
 * analysis and offline validation.
 *
 * @throws ScoreApiError kind `Placeholder` for an unterminated `${`.
 */
export function findPlaceholders(text: string): PlaceholderPart[] {
  return parsePlaceholders(text).parts.filter((part): part is PlaceholderPart => part.kind === 'placeholder');
}

function unterminated(text: string, offset: number): ScoreApiError {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const message =
    `unterminated placeholder at offset ${offset} (line ${line}, column ${column}): ` +
    `'\${' has no closing '}'; write '$\${' for a literal '\${'`;
  return new ScoreApiError('Placeholder', message);
}
