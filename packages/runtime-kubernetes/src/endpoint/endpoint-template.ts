import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';

// The same tiny language as the orchestrator's `backends[].endpointTemplate`: literal text and
// `{{ .fact }}` substitutions, nothing else, so settings can never run code.

/** What the runtime knows about how a workload is reached. */
export type EndpointFacts = Readonly<Record<string, string | number | undefined>>;

type TemplatePart = { readonly text: string } | { readonly fact: string };

/** A compiled endpoint template. */
export interface EndpointTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
}

const action = /\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;

/**
 * Compiles `{{ .fact }}` text.
 * @throws RuntimeKubernetesError `Configuration` naming the offset of the first bad `{{`.
 */
export function compileEndpointTemplate(source: string, field: string): EndpointTemplate {
  const parts: TemplatePart[] = [];
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
      throw new RuntimeKubernetesError(
        'Configuration',
        `failed to compile ${field}: offset ${open} is not a substitution; write {{ .fact }} with one fact name (letters, digits, _)`,
      );
    }
    parts.push({ fact: match[1]! });
    at = action.lastIndex;
  }
  return { source, parts };
}

/**
 * Renders a template; undefined when it uses a fact that is not known (the endpoint is then not known
 * either, which is not an error: a route may simply have no path).
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
