// Turns score-k8s outputs into this project's outputs and secret outputs, resolving secret references.
import type { V1Secret } from '@kubernetes/client-node';
import { BuiltinKinds, type KubeClient } from '@score-orchestrator/operator-sdk';
import { ProvisionersError } from '../errors/provisioners.error.js';
import { secretRefPrefix, secretRefSuffix } from '../template/score-functions.js';

/** Outputs split the way a resolver reports them. */
export interface SplitOutputs {
  readonly outputs: Record<string, unknown>;
  readonly secretOutputs: Record<string, string>;
}

/** A reference to key `key` of Secret `name`, as `encodeSecretRef` writes it. */
export interface SecretRef {
  readonly name: string;
  readonly key: string;
}

const refPattern = new RegExp(`${secretRefPrefix}(.*?)${secretRefSuffix}`, 'gu');

/** The secret references in `text`; the name ends at the first `_` (Secret names cannot contain one). */
export function findSecretRefs(text: string): SecretRef[] {
  return [...text.matchAll(refPattern)].map((m) => {
    const inner = m[1]!;
    const sep = inner.indexOf('_');
    if (sep <= 0 || sep === inner.length - 1) {
      throw new ProvisionersError(
        'Output',
        `invalid secret reference: expected <secret name>_<key> between the markers`,
      );
    }
    return { name: inner.slice(0, sep), key: inner.slice(sep + 1) };
  });
}

const containsRef = (v: unknown): boolean =>
  typeof v === 'string'
    ? v.includes(secretRefPrefix)
    : typeof v === 'object' && v !== null && Object.values(v).some(containsRef);

/**
 * Splits `outputs`: an output holding a secret reference (anywhere inside it) becomes a secret output,
 * its references replaced by the Secret's values (a string, or JSON for a structured output); the rest
 * stay plain. Values come from the Secrets among `manifests` first, then from the API in `namespace`.
 *
 * @throws ProvisionersError `Output` naming the Secret and key (never a value) when one is missing;
 *   retried, since another claim may create it.
 */
export async function splitSecretOutputs(
  outputs: Readonly<Record<string, unknown>>,
  manifests: readonly Record<string, unknown>[],
  client: KubeClient,
  namespace: string,
): Promise<SplitOutputs> {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, string> = {};
  const cache = new Map<string, Record<string, string> | undefined>();
  const secretData = async (name: string) => {
    if (!cache.has(name))
      cache.set(
        name,
        (await fromManifests(manifests, name, namespace)) ?? (await fromApi(client, namespace, name)),
      );
    return cache.get(name);
  };
  const resolveText = async (text: string): Promise<string> => {
    let out = text;
    for (const ref of findSecretRefs(text)) {
      const value = (await secretData(ref.name))?.[ref.key];
      if (value === undefined) {
        throw new ProvisionersError(
          'Output',
          `secret reference to key ${ref.key} of Secret ${ref.name}: no such Secret or key in namespace ${namespace}`,
        );
      }
      out = out.replace(`${secretRefPrefix}${ref.name}_${ref.key}${secretRefSuffix}`, () => value);
    }
    return out;
  };
  const resolveDeep = async (v: unknown): Promise<unknown> => {
    if (typeof v === 'string') return resolveText(v);
    if (Array.isArray(v)) return Promise.all(v.map(resolveDeep));
    if (typeof v === 'object' && v !== null) {
      const entries = await Promise.all(
        Object.entries(v).map(async ([k, x]) => [k, await resolveDeep(x)] as const),
      );
      return Object.fromEntries(entries);
    }
    return v;
  };
  for (const [key, value] of Object.entries(outputs)) {
    if (!containsRef(value)) plain[key] = value;
    else if (typeof value === 'string') secret[key] = await resolveText(value);
    else secret[key] = JSON.stringify(await resolveDeep(value));
  }
  return { outputs: plain, secretOutputs: secret };
}

async function fromManifests(
  manifests: readonly Record<string, unknown>[],
  name: string,
  namespace: string,
): Promise<Record<string, string> | undefined> {
  const found = manifests.find((m) => {
    const meta = (m.metadata ?? {}) as Record<string, unknown>;
    return (
      m.apiVersion === 'v1' &&
      m.kind === 'Secret' &&
      meta.name === name &&
      (meta.namespace ?? namespace) === namespace
    );
  });
  if (!found) return undefined;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries((found.data ?? {}) as Record<string, unknown>))
    values[k] = Buffer.from(String(v), 'base64').toString('utf8');
  for (const [k, v] of Object.entries((found.stringData ?? {}) as Record<string, unknown>))
    values[k] = String(v);
  return values;
}

async function fromApi(
  client: KubeClient,
  namespace: string,
  name: string,
): Promise<Record<string, string> | undefined> {
  const secret = await client.get<V1Secret>(BuiltinKinds.Secret, { namespace, name });
  if (!secret) return undefined;
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}
