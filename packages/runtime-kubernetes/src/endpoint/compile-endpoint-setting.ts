import { compileEndpointTemplate, type EndpointTemplate } from '@score-orchestrator/api';
import { RuntimeKubernetesError } from '../errors/runtime-kubernetes.error.js';

// The runtime's endpoint templates (settings `endpoints.*`, a plan's `spec.endpointTemplates`) are in the one
// endpoint-template language of @score-orchestrator/api; this only turns a bad one into this package's error.

/**
 * Compiles the endpoint template at `field`.
 * @throws RuntimeKubernetesError `Configuration` naming the field and the offset of the first bad `{{`.
 */
export function compileEndpointSetting(source: string, field: string): EndpointTemplate {
  const compiled = compileEndpointTemplate(source);
  if ('error' in compiled)
    throw new RuntimeKubernetesError('Configuration', `failed to compile ${field}: ${compiled.error}`);
  return compiled;
}
