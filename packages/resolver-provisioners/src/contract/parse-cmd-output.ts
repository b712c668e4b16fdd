// Strict decoding of a cmd:// provisioner's stdout: score-k8s's ProvisionOutput, unknown fields rejected.
import { ProvisionersError } from '../errors/provisioners.error.js';
import type { ProvisionerOutput } from './provisioner-input.js';

const fields = new Set(['resource_state', 'resource_outputs', 'shared_state', 'manifests']);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Decodes `stdout` of provisioner `uri`. Messages say what is wrong (not JSON, unknown field, wrong type)
 * and never quote the output, which may hold secrets.
 *
 * @throws ProvisionersError `Output`.
 */
export function parseCmdOutput(uri: string, stdout: string): ProvisionerOutput {
  const fail = (what: string): never => {
    throw new ProvisionersError('Output', `failed to decode output from cmd provisioner ${uri}: ${what}`);
  };
  let value: unknown;
  try {
    value = JSON.parse(stdout);
  } catch {
    fail(
      stdout.trim() === ''
        ? 'the output is empty; expected a JSON object'
        : `the output (${Buffer.byteLength(stdout)} bytes) is not valid JSON`,
    );
  }
  if (!isObject(value))
    return fail(
      `expected a JSON object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    );
  for (const key of Object.keys(value)) if (!fields.has(key)) fail(`unknown field ${JSON.stringify(key)}`);
  for (const key of ['resource_state', 'resource_outputs', 'shared_state'] as const) {
    if (value[key] !== undefined && value[key] !== null && !isObject(value[key]))
      fail(`${key} must be an object`);
  }
  const manifests = value.manifests;
  if (manifests !== undefined && manifests !== null) {
    if (!Array.isArray(manifests)) fail('manifests must be a list');
    (manifests as unknown[]).forEach((m, i) => {
      if (!isObject(m)) fail(`manifests[${i}] must be an object`);
    });
  }
  return {
    resource_state: (value.resource_state as Record<string, unknown> | null) ?? undefined,
    resource_outputs: (value.resource_outputs as Record<string, unknown> | null) ?? undefined,
    shared_state: (value.shared_state as Record<string, unknown> | null) ?? undefined,
    manifests: (manifests as Record<string, unknown>[] | null) ?? undefined,
  };
}
