// The lexer of Go's text/template: text, actions between `{{` and `}}` (with `{{-` / `-}}` trim markers),
// comments, and the tokens inside actions.
import { templateError } from './template.error.js';

export type TokenType =
  | 'text'
  | 'open' // `{{` (trimming is already applied to the neighbouring text)
  | 'close' // `}}`
  | 'space'
  | 'identifier' // function names and keywords
  | 'keyword'
  | 'field' // `.Name`
  | 'dot' // `.`
  | 'variable' // `$` or `$name`
  | 'string' // quoted or raw string: `value` holds the decoded text
  | 'char' // 'x': `value` holds the code point as text
  | 'number'
  | 'bool'
  | 'nil'
  | 'declare' // :=
  | 'assign' // =
  | 'pipe' // |
  | 'comma'
  | 'lparen'
  | 'rparen'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** The raw text; for strings the decoded value; for fields the name without the dot. */
  readonly value: string;
  /** Offset in the source, for error positions. */
  readonly pos: number;
}

const keywords = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
]);

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** Splits `source` into tokens. Throws a positioned `Load` error on malformed input. */
export function lex(name: string, source: string): Token[] {
  return new Lexer(name, source).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private pos = 0;

  constructor(
    private readonly name: string,
    private readonly src: string,
  ) {}

  run(): Token[] {
    let trimNext = false;
    while (this.pos < this.src.length) {
      const open = this.src.indexOf('{{', this.pos);
      const end = open < 0 ? this.src.length : open;
      let text = this.src.slice(this.pos, end);
      const textPos = this.pos;
      let trimBefore = false;
      if (open >= 0) trimBefore = this.src[open + 2] === '-' && isSpace(this.src[open + 3]);
      if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
      if (trimBefore) text = text.replace(/[ \t\r\n]+$/, '');
      if (text.length > 0) this.tokens.push({ type: 'text', value: text, pos: textPos });
      if (open < 0) break;
      this.pos = open + 2 + (trimBefore ? 2 : 0);
      trimNext = this.action(open);
    }
    this.tokens.push({ type: 'eof', value: '', pos: this.src.length });
    return this.tokens;
  }

  /** Lexes one action (or comment) starting at `{{` at `start`; returns whether it ends with `-}}`. */
  private action(start: number): boolean {
    if (this.src.startsWith('/*', this.pos)) return this.comment(start);
    this.tokens.push({ type: 'open', value: '{{', pos: start });
    let parens = 0;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw this.error(start, 'unclosed action');
      if (isSpace(c)) {
        const from = this.pos;
        while (isSpace(this.src[this.pos])) this.pos++;
        if (this.src.startsWith('-}}', this.pos)) {
          if (parens > 0) throw this.error(from, 'unclosed left paren');
          this.tokens.push({ type: 'close', value: '}}', pos: this.pos });
          this.pos += 3;
          return true;
        }
        this.tokens.push({ type: 'space', value: ' ', pos: from });
        continue;
      }
      if (this.src.startsWith('}}', this.pos)) {
        if (parens > 0) throw this.error(this.pos, 'unclosed left paren');
        this.tokens.push({ type: 'close', value: '}}', pos: this.pos });
        this.pos += 2;
        return false;
      }
      if (c === '(') parens++;
      if (c === ')' && --parens < 0) throw this.error(this.pos, 'unexpected right paren');
      this.token();
    }
  }

  private comment(start: number): boolean {
    const close = this.src.indexOf('*/', this.pos + 2);
    if (close < 0) throw this.error(start, 'unclosed comment');
    let after = close + 2;
    let trim = false;
    if (this.src.startsWith(' -}}', after)) {
      trim = true;
      after += 4;
    } else if (this.src.startsWith('}}', after)) {
      after += 2;
    } else {
      throw this.error(close, 'comment ends before closing delimiter');
    }
    this.pos = after;
    return trim;
  }

  private token(): void {
    const start = this.pos;
    const c = this.src[this.pos]!;
    const push = (type: TokenType, value: string, length: number) => {
      this.tokens.push({ type, value, pos: start });
      this.pos += length;
    };
    if (this.src.startsWith(':=', start)) return push('declare', ':=', 2);
    if (c === '=') return push('assign', '=', 1);
    if (c === '|') return push('pipe', '|', 1);
    if (c === ',') return push('comma', ',', 1);
    if (c === '(') return push('lparen', '(', 1);
    if (c === ')') return push('rparen', ')', 1);
    if (c === '"') return this.quoted();
    if (c === '`') return this.raw();
    if (c === "'") return this.char();
    if (c === '$') {
      const name = this.word(start + 1);
      return push('variable', '$' + name, 1 + name.length);
    }
    if (c === '.') {
      if (/[0-9]/.test(this.src[start + 1] ?? '')) return this.number();
      const name = this.word(start + 1);
      if (name.length === 0) return push('dot', '.', 1);
      return push('field', name, 1 + name.length);
    }
    if (/[0-9]/.test(c) || ((c === '-' || c === '+') && /[0-9.]/.test(this.src[start + 1] ?? ''))) {
      return this.number();
    }
    if (isAlnum(c)) {
      const word = this.word(start);
      if (word === 'true' || word === 'false') return push('bool', word, word.length);
      if (word === 'nil') return push('nil', word, word.length);
      return push(keywords.has(word) ? 'keyword' : 'identifier', word, word.length);
    }
    throw this.error(start, `unrecognized character in action: ${JSON.stringify(c)}`);
  }

  private word(from: number): string {
    let end = from;
    while (isAlnum(this.src[end])) end++;
    return this.src.slice(from, end);
  }

  private number(): void {
    const start = this.pos;
    const m = /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(
      this.src.slice(start),
    );
    const text = m?.[0] ?? '';
    if (text === '' || text === '+' || text === '-' || isAlnum(this.src[start + text.length])) {
      throw this.error(
        start,
        `bad number syntax: ${JSON.stringify(this.src.slice(start, start + text.length + 1))}`,
      );
    }
    this.tokens.push({ type: 'number', value: text, pos: start });
    this.pos += text.length;
  }

  private quoted(): void {
    const start = this.pos;
    let end = start + 1;
    while (this.src[end] !== '"') {
      if (this.src[end] === undefined || this.src[end] === '\n')
        throw this.error(start, 'unterminated quoted string');
      end += this.src[end] === '\\' ? 2 : 1;
    }
    const raw = this.src.slice(start, end + 1);
    this.tokens.push({
      type: 'string',
      value: unquote(raw, () => this.error(start, `bad string ${raw}`)),
      pos: start,
    });
    this.pos = end + 1;
  }

  private raw(): void {
    const start = this.pos;
    const end = this.src.indexOf('`', start + 1);
    if (end < 0) throw this.error(start, 'unterminated raw quoted string');
    this.tokens.push({ type: 'string', value: this.src.slice(start + 1, end), pos: start });
    this.pos = end + 1;
  }

  private char(): void {
    const start = this.pos;
    let end = start + 1;
    while (this.src[end] !== "'") {
      if (this.src[end] === undefined || this.src[end] === '\n')
        throw this.error(start, 'unterminated character constant');
      end += this.src[end] === '\\' ? 2 : 1;
    }
    const raw = this.src.slice(start, end + 1);
    const text = unquote('"' + raw.slice(1, -1) + '"', () =>
      this.error(start, `bad character constant ${raw}`),
    );
    if ([...text].length !== 1) throw this.error(start, `bad character constant ${raw}`);
    this.tokens.push({ type: 'char', value: String(text.codePointAt(0)), pos: start });
    this.pos = end + 1;
  }

  private error(offset: number, message: string) {
    return templateError('Template', this.name, this.src, offset, message);
  }
}

const simpleEscapes: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Decodes a Go interpreted string literal (with its quotes). */
function unquote(raw: string, bad: () => Error): string {
  let out = '';
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[++i]!;
    if (e in simpleEscapes) {
      out += simpleEscapes[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = raw.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw bad();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (/[0-7]/.test(e)) {
      const oct = raw.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw bad();
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      throw bad();
    }
  }
  return out;
}
