import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { PlatformConfig } from './platform-config.js';

// A deliberately tiny template language for endpoints: literal text and `{{ .fact }}` substitutions, nothing
// else (no functions, pipelines or conditionals), so a platform config can never run code.

/** What a runtime knows about how a Workload is reached, e.g. `serviceName`, `namespace`, `port`, `host`. */
export type EndpointFacts = Readonly<Record<string, string | number | undefined>>;

type TemplatePart = { readonly text: string } | { readonly fact: string };

const action = /\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;

/** Splits a template into parts; returns the reason when it is not valid. */
export function compileEndpointTemplate(template: string): TemplatePart[] | { readonly error: string } {
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{{', at);
    if (open < 0) {
      parts.push({ text: template.slice(at) });
      break;
    }
    if (open > at) parts.push({ text: template.slice(at, open) });
    action.lastIndex = open;
    const match = action.exec(template);
    if (!match) {
      const end = template.indexOf('}}', open);
      const shown = end < 0 ? template.slice(open) : template.slice(open, end + 2);
      return {
        error: `${JSON.stringify(shown)} at offset ${open} is not a substitution: write {{ .fact }} with one fact name (letters, digits, _)`,
      };
    }
    parts.push({ fact: match[1]! });
    at = action.lastIndex;
  }
  return parts;
}

/**
 * Renders the endpoint of a Workload on `runtimeClass` from the backend's `endpointTemplate`. Pure.
 *
 * @returns the URL, or undefined when no backend of that runtime class has a template (use the runtime's
 * own endpoint then).
 * @throws OrchestratorError `Configuration` when the template uses a fact the runtime did not report,
 * naming the backend field, the fact and the facts that are available.
 */
export function renderEndpoint(
  config: PlatformConfig,
  runtimeClass: string,
  facts: EndpointFacts,
): string | undefined {
  const index = config.backends.findIndex((b) => b.runtimeClass === runtimeClass);
  const template = config.backends[index]?.endpointTemplate;
  if (template === undefined) return undefined;
  const field = `backends[${index}].endpointTemplate`;
  const parts = compileEndpointTemplate(template);
  if ('error' in parts) {
    // parsePlatformConfig rejects these; only a hand-built config gets here.
    throw OrchestratorError.fromIssues('Configuration', 'failed to render endpoint', [
      { field, message: parts.error },
    ]);
  }
  return parts
    .map((part) => {
      if ('text' in part) return part.text;
      const value = facts[part.fact];
      if (value === undefined) {
        const available = Object.keys(facts).filter((k) => facts[k] !== undefined);
        throw OrchestratorError.fromIssues(
          'Configuration',
          `failed to render endpoint for runtime class ${runtimeClass}`,
          [
            {
              field,
              message: `uses {{ .${part.fact} }}, which the runtime does not report; use one of: ${available.join(', ') || '(none)'}`,
            },
          ],
        );
      }
      return String(value);
    })
    .join('');
}
