// Cuts `// #region name` … `// #endregion name` regions out of source files and checks that the fenced blocks
// of the docs marked `<!-- snippet: path#name -->` hold exactly that text, so documentation cannot drift
// from code that compiles and runs.

/** A `<!-- snippet: path#name -->` marker in a Markdown file and the fenced block that follows it. */
export interface SnippetMarker {
  /** Repository-relative source file, e.g. `examples/sdk-snippets/src/widget.resource.ts`. */
  readonly path: string;
  readonly region: string;
  /** 1-based line of the marker. */
  readonly line: number;
  /** The fence's info string (`ts`), or undefined when no fenced block follows the marker. */
  readonly language: string | undefined;
  /** The text between the fences, or undefined when no fenced block follows. */
  readonly body: string | undefined;
  /** Line indexes (0-based) of the body's first line and of the closing fence, for rewriting. */
  readonly bodyRange?: readonly [start: number, end: number];
}

const MARKER = /^<!--\s*snippet:\s*(\S+?)#([\w.-]+)\s*-->\s*$/;
const FILE_MARKER = /^<!--\s*file:\s*(\S+)\s*-->\s*$/;
const FENCE = /^```(\S*)\s*$/;
const REGION = /^\s*\/\/\s*#(end)?region\b\s*(\S*)\s*$/;

/** Every snippet marker of a Markdown document, in order. */
export function findSnippetMarkers(markdown: string): SnippetMarker[] {
  const lines = markdown.split('\n');
  const markers: SnippetMarker[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = MARKER.exec(lines[i]);
    if (!match) continue;
    const [, path, region] = match;
    const open = FENCE.exec(lines[i + 1] ?? '');
    const close = open ? lines.findIndex((line, j) => j > i + 1 && /^```\s*$/.test(line)) : -1;
    if (!open || close < 0) {
      markers.push({ path, region, line: i + 1, language: undefined, body: undefined });
      continue;
    }
    markers.push({
      path,
      region,
      line: i + 1,
      language: open[1] || undefined,
      body: lines.slice(i + 2, close).join('\n'),
      bodyRange: [i + 2, close],
    });
  }
  return markers;
}

/**
 * The text of region `name` in `source`, dedented, without the marker lines of any region nested inside it.
 * Undefined when the region does not exist or is not closed.
 */
export function extractRegion(source: string, name: string): string | undefined {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => matchRegion(line, false) === name);
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && matchRegion(line, true) === name);
  if (end < 0) return undefined;
  const body = lines.slice(start + 1, end).filter((line) => !REGION.test(line));
  return dedent(body).join('\n');
}

/**
 * The blocks marked `<!-- file: path -->`: whole files of a project a page sets up from nothing (e.g. its
 * package.json), written verbatim by the test that builds that project, which keeps them true.
 */
export function findFileBlocks(markdown: string): { path: string; body: string }[] {
  const lines = markdown.split('\n');
  const blocks: { path: string; body: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = FILE_MARKER.exec(lines[i]);
    if (!match || !FENCE.test(lines[i + 1] ?? '')) continue;
    const close = lines.findIndex((line, j) => j > i + 1 && /^```\s*$/.test(line));
    if (close > 0) blocks.push({ path: match[1], body: lines.slice(i + 2, close).join('\n') + '\n' });
  }
  return blocks;
}

/**
 * The fenced code blocks of a Markdown document (language and 1-based line) that carry no snippet marker
 * and no file marker.
 */
export function unmarkedCodeBlocks(
  markdown: string,
  languages: readonly string[],
): { language: string; line: number }[] {
  const lines = markdown.split('\n');
  const found: { language: string; line: number }[] = [];
  let inside = false;
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]);
    if (!fence) continue;
    if (inside) {
      inside = false;
      continue;
    }
    inside = true;
    const previous = lines[i - 1] ?? '';
    if (languages.includes(fence[1]) && !MARKER.test(previous) && !FILE_MARKER.test(previous))
      found.push({ language: fence[1], line: i + 1 });
  }
  return found;
}

/** `markdown` with the body of every marked block replaced by `regionText(marker)` (when it is defined). */
export function rewriteSnippets(
  markdown: string,
  regionText: (marker: SnippetMarker) => string | undefined,
): string {
  const lines = markdown.split('\n');
  // From the end, so earlier ranges stay valid.
  for (const marker of findSnippetMarkers(markdown).reverse()) {
    const text = regionText(marker);
    if (text === undefined || !marker.bodyRange) continue;
    const [start, end] = marker.bodyRange;
    lines.splice(start, end - start, ...text.split('\n'));
  }
  return lines.join('\n');
}

function matchRegion(line: string, end: boolean): string | undefined {
  const match = REGION.exec(line);
  return match && Boolean(match[1]) === end ? match[2] : undefined;
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(cut)));
}
