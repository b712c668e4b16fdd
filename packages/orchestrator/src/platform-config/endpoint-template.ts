import {
  compileEndpointTemplate,
  missingEndpointFact,
  renderEndpointTemplate,
  type EndpointFacts,
} from '@score-orchestrator/api';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import type { PlatformConfig } from './platform-config.js';

// Renders a Workload's endpoint from its backend's `endpointTemplate`, in the one endpoint-template language
// of @score-orchestrator/api (literal text and `{{ .fact }}`, nothing that runs code).

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
  const missing = missingEndpointFact(parts, facts);
  if (missing !== undefined) {
    const available = Object.keys(facts).filter((k) => facts[k] !== undefined);
    throw OrchestratorError.fromIssues(
      'Configuration',
      `failed to render endpoint for runtime class ${runtimeClass}`,
      [
        {
          field,
          message: `uses {{ .${missing} }}, which the runtime does not report; use one of: ${available.join(', ') || '(none)'}`,
        },
      ],
    );
  }
  return renderEndpointTemplate(parts, facts);
}
