// Maps a field path from an error message back to where it is written in a YAML document.
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { FileIssue, IssueOrigin } from './file-issue.js';

/** A 1-based position in a file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

interface Step {
  readonly key?: Node;
  readonly value: Node | null;
}

/**
 * Finds where `field` is written in `document` and returns its 1-based line and column. Accepts every path
 * form the api and SDK print: dotted keys (`spec.containers.web.image`), indexes (`files[2]`), API-server map
 * keys (`containers[web].files[/etc/a.conf]`), JSON-quoted keys (`files["/etc/a.conf"]`) and keys with dots
 * written as-is (`files./etc/a.conf.content`: the longest key that fits wins). A list may be addressed by an
 * item's `target` (Score's list form of `files`/`volumes`, whose converted map is keyed by target).
 *
 * Points at the value of a scalar, at the key of a map or list (where the reader looks), and, when the path
 * goes further than the document (a required field that is missing), at the key of the deepest part found.
 */
export function locateField(document: Document, field: string, lineCounter: LineCounter): SourcePosition {
  const steps = walk(document.contents as Node | null, field);
  const last = steps[steps.length - 1];
  const found = steps.length > 0 ? last : undefined;
  let node: Node | null | undefined;
  if (found === undefined) node = document.contents as Node | null;
  else if (isScalar(found.value) && found.value.value !== null && !found.partial) node = found.value;
  else node = found.key ?? found.value;
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** A YAML document of a file, with the line counter it was parsed with: where issues are located. */
export interface LocatedDocument {
  readonly file: string;
  readonly doc: Document;
  readonly lineCounter: LineCounter;
}

/**
 * An issue on `field`, at the line and column where `field` is written in `source` (see `locateField`):
 * what `validate` prints, and `convert` when it refuses a file.
 */
export function issueAt(
  source: LocatedDocument,
  field: string,
  message: string,
  origin: IssueOrigin,
): FileIssue {
  const { line, column } = locateField(source.doc, field, source.lineCounter);
  return { file: source.file, line, column, field, message, origin };
}

interface WalkStep extends Step {
  /** True when the path went on below this step but the document did not. */
  readonly partial: boolean;
}

function walk(root: Node | null, field: string): WalkStep[] {
  const steps: WalkStep[] = [];
  let node = root;
  let rest = field.replace(/^\(root\)\.?/, '');
  while (rest !== '' && node !== null) {
    const next = step(node, rest);
    if (next === undefined) break;
    steps.push({ ...next.step, partial: false });
    node = next.step.value;
    rest = next.rest;
  }
  if (rest !== '' && steps.length > 0)
    steps[steps.length - 1] = { ...steps[steps.length - 1], partial: true };
  return steps;
}

/** Takes one segment off `rest` that exists below `node`; undefined when none does. */
function step(node: Node, rawRest: string): { step: Step; rest: string } | undefined {
  const rest = rawRest.startsWith('.') ? rawRest.slice(1) : rawRest;
  for (const { key, after } of candidates(rest)) {
    const found = childOf(node, key);
    if (found !== undefined) return { step: found, rest: after };
  }
  return undefined;
}

/** Every way the front of `rest` can be read as one segment, most specific first. */
function candidates(rest: string): { key: string; after: string }[] {
  const out: { key: string; after: string }[] = [];
  const boundary = (after: string): boolean => after === '' || after.startsWith('.') || after.startsWith('[');
  if (rest.startsWith('["')) {
    const end = rest.indexOf('"]', 2);
    if (end > 0) {
      try {
        out.push({ key: JSON.parse(rest.slice(1, end + 1)) as string, after: rest.slice(end + 2) });
      } catch {
        // not JSON after all: fall through to the other readings
      }
    }
  }
  if (rest.startsWith('[')) {
    for (let end = rest.indexOf(']'); end > 0; end = rest.indexOf(']', end + 1)) {
      if (boundary(rest.slice(end + 1))) out.push({ key: rest.slice(1, end), after: rest.slice(end + 1) });
    }
    return out;
  }
  // A dotted segment: every prefix ending at a boundary, longest first (keys may hold dots).
  const ends: number[] = [];
  for (let i = 1; i <= rest.length; i++) if (boundary(rest.slice(i))) ends.push(i);
  for (const end of ends.reverse()) out.push({ key: rest.slice(0, end), after: rest.slice(end) });
  return out;
}

function childOf(node: Node, key: string): Step | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isPair(item) && scalarText(item.key) === key) as
      Pair<Node, Node | null> | undefined;
    if (pair === undefined) return undefined;
    return { key: pair.key, value: pair.value ?? null };
  }
  if (isSeq(node)) {
    const items = node.items as (Node | null)[];
    if (/^\d+$/.test(key)) {
      const item = items[Number(key)];
      return item === undefined ? undefined : { value: item };
    }
    // Score's list form of files and volumes: the converted map is keyed by each item's target.
    const item = items.find(
      (entry) => entry !== null && isMap(entry) && scalarText(entry.get('target', true)) === key,
    );
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  return node.value === null || node.value === undefined ? undefined : String(node.value);
}
