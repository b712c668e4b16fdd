import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ScoreApiError } from '../errors/api.error.js';
import { compileTemplate, functionUses } from './compile-template.js';
import { GoStruct } from './go-values.js';
import { parseTemplate } from './parser.js';

interface GoCase {
  readonly template: string;
  readonly data: Record<string, unknown>;
  readonly output?: string;
  readonly error?: boolean;
}

// Expected outputs come from Go's text/template with sprig (see the fixture's comment).
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/go-template-cases.json', import.meta.url), 'utf8'),
) as { cases: GoCase[] };

const render = (template: string, data: unknown = {}) => compileTemplate('t', template).render(data);

describe('Go text/template with sprig, against outputs of Go itself', () => {
  const ok = fixture.cases.filter((c) => !c.error);
  const failing = fixture.cases.filter((c) => c.error);

  it.each(ok.map((c) => [c.template, c] as const))('%s', (_name, c) => {
    expect(render(c.template, c.data)).toBe(c.output);
  });

  it.each(failing.map((c) => [c.template, c] as const))('fails like Go: %s', (_name, c) => {
    expect(() => render(c.template, c.data)).toThrow(ScoreApiError);
  });
});

describe('grammar', () => {
  it.each([
    ['trim markers', 'a  {{- "b" -}}  c', 'abc'],
    ['a minus number is not a trim marker', '{{-3}}', '-3'],
    ['comments with trim markers', 'a {{- /* x */ -}} b', 'ab'],
    ['field chains and $', '{{ .A.B }}{{ range .L }}{{ $.A.B }}{{ end }}', 'xxxx'],
    ['declaration and assignment', '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', '2'],
    ['else if chains', '{{ if eq .N 1 }}one{{ else if eq .N 2 }}two{{ else }}many{{ end }}', 'two'],
    ['else with', '{{ with .Missing }}m{{ else with .A }}{{ .B }}{{ end }}', 'x'],
    [
      'range over a map with key and value',
      '{{ range $k, $v := .M }}{{ $k }}={{ $v }} {{ end }}',
      'a=1 b=2 ',
    ],
    ['range else', '{{ range .Empty }}x{{ else }}none{{ end }}', 'none'],
    ['break and continue', '{{ range .L }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}', '13'],
    ['define and template', '{{ define "t" }}<{{ . }}>{{ end }}{{ template "t" .N }}', '<2>'],
    ['block', '{{ block "b" .N }}[{{ . }}]{{ end }}', '[2]'],
    ['parenthesised pipelines with fields', '{{ (dict "k" "v").k }}', 'v'],
    ['raw strings', '{{ `a\\n` }}', 'a\\n'],
    ['literals', "{{ 0x10 }} {{ 1_000 }} {{ true }} {{ 'A' }} {{ -1.5 }}", '16 1000 true 65 -1.5'],
    ['a missing key prints <no value>', '{{ .M.zz }}', '<no value>'],
  ])('%s', (_name, template, expected) => {
    const data = new GoStruct('Data', {
      A: { B: 'x' },
      L: [1, 2, 3],
      N: 2,
      M: { a: 1, b: 2 },
      Empty: [],
      Missing: undefined,
    });
    expect(render(template, data)).toBe(expected);
  });

  it.each([
    ['{{ if .A }}', 'template t:1:4: unexpected EOF: {{if}} has no {{end}}'],
    ['line one\n  {{ $y }}', 'template t:2:6: undefined variable "$y"'],
    ['{{ 1 | 2 }}', 'template t:1:8: non executable command in pipeline stage 2'],
    ['{{ "open }}', 'template t:1:4: unterminated quoted string'],
    ['{{ end }}', 'template t:1:4: unexpected {{end}}'],
    ['{{ break }}', 'template t:1:4: {{break}} outside {{range}}'],
    ['{{ if }}{{ end }}', 'template t:1:7: missing value for if'],
    ['{{ .A ( }}', 'template t:1:9: unclosed left paren'],
  ])('parse error %s', (template, message) => {
    expect(() => parseTemplate('t', template)).toThrow(message);
  });

  it.each([
    ['{{ fail "no port" }}', 'template t:1:4: executing at <fail "no port">: error calling fail: no port'],
    ['\n {{ .Nope }}', "template t:2:5: executing at <.Nope>: can't evaluate field Nope in type Data"],
    ['{{ .Nil.x }}', 'template t:1:4: executing at <.Nil.x>: nil pointer evaluating interface {}.x'],
    ['{{ upper }}', 'template t:1:4: executing at <upper>: wrong number of args for upper: want 1 got 0'],
    [
      '{{ index .L 9 }}',
      'template t:1:4: executing at <index .L 9>: error calling index: index out of range: 9',
    ],
    ['{{ template "x" }}', 'template t:1:4: executing at <template "x">: no such template "x"'],
    ['{{ range .N }}{{ end }}{{ range "s" }}{{ end }}', "range can't iterate over s"],
  ])('execution error %s', (template, message) => {
    const data = new GoStruct('Data', { L: [1], N: 2, Nil: null });
    expect(() => render(template, data)).toThrow(message);
  });
});

describe('compileTemplate', () => {
  it('rejects unknown functions when compiling, naming each with its position', () => {
    expect(() => compileTemplate('outputs', 'a: {{ nope 1 }}\nb: {{ "x" | alsoNope | upper }}')).toThrow(
      'template outputs: unsupported functions: nope (line 1, column 7), alsoNope (line 2, column 13)',
    );
  });

  it('finds functions in every place a template can call one', () => {
    const parsed = parseTemplate(
      't',
      '{{ define "d" }}{{ a }}{{ end }}{{ if b }}{{ range c }}{{ (d).x }}{{ end }}{{ else }}{{ e }}{{ end }}{{ template "d" f }}',
    );
    expect(functionUses(parsed).map((u) => u.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
