// The one endpoint-template language (platform config `backends[].endpointTemplate`, the Kubernetes
// runtime's `endpoints.*` settings): literal text and `{{ .fact }}` substitutions, nothing else (no
// functions, pipelines or conditionals), so configuration can never run code.

/** What a runtime knows about how a Workload is reached, e.g. `serviceName`, `namespace`, `port`, `host`. */
export type EndpointFacts = Readonly<Record<string, string | number | undefined>>;

/** One piece of a compiled template: literal text, or the name of a fact to substitute. */
export type EndpointTemplatePart = { readonly text: string } | { readonly fact: string };

/** A compiled endpoint template. */
export interface EndpointTemplate {
  readonly source: string;
  readonly parts: readonly EndpointTemplatePart[];
}

const action = /\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;

/**
 * Compiles `{{ .fact }}` text. Returns the reason when it is not valid (the first `{{` that is not a
 * substitution, with its offset), for the caller to report against its own field.
 */
export function compileEndpointTemplate(source: string): EndpointTemplate | { readonly error: string } {
  const parts: EndpointTemplatePart[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('{{', at);
    if (open < 0) {
      parts.push({ text: source.slice(at) });
      break;
    }
    if (open > at) parts.push({ text: source.slice(at, open) });
    action.lastIndex = open;
    const match = action.exec(source);
    if (!match) {
      const end = source.indexOf('}}', open);
      const shown = end < 0 ? source.slice(open) : source.slice(open, end + 2);
      return {
        error: `${JSON.stringify(shown)} at offset ${open} is not a substitution: write {{ .fact }} with one fact name (letters, digits, _)`,
      };
    }
    parts.push({ fact: match[1]! });
    at = action.lastIndex;
  }
  return { source, parts };
}

/**
 * Renders a compiled template. Undefined when it uses a fact that `facts` lacks (see
 * {@link missingEndpointFact} to name it): whether that is an error is the caller's to say.
 */
export function renderEndpointTemplate(template: EndpointTemplate, facts: EndpointFacts): string | undefined {
  let out = '';
  for (const part of template.parts) {
    if ('text' in part) {
      out += part.text;
      continue;
    }
    const value = facts[part.fact];
    if (value === undefined) return undefined;
    out += String(value);
  }
  return out;
}

/** The first fact `template` uses that `facts` lacks, or undefined when it can be rendered. */
export function missingEndpointFact(template: EndpointTemplate, facts: EndpointFacts): string | undefined {
  for (const part of template.parts) if ('fact' in part && facts[part.fact] === undefined) return part.fact;
  return undefined;
}
