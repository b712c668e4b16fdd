import type { V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import { inject, optional } from 'inversify';
import {
  Resolver,
  type ProvisionResult,
  type ResolverContext,
  type ResourceRequest,
} from '@score-orchestrator/api';
import { BuiltinKinds, TerminalError } from '@score-orchestrator/operator-sdk';
import { decodeSecretData } from '../credentials/resolve-credentials.js';
import { readObject } from '../provisioning/read-object.js';
import {
  devResolverSettings,
  type DevEnvironment,
  type DevResolverSettings,
  type DevResolverSettingsInput,
} from '../settings/dev-resolver-settings.js';
import { ResolverDevTokens } from '../tokens.js';

/** Where an `environment` claim's values come from, and what was found there. */
export interface EnvironmentSources {
  readonly namespace: string;
  readonly configMapName: string;
  readonly secretName: string;
  readonly configMap?: V1ConfigMap;
  readonly secret?: V1Secret;
}

/**
 * The outcome of reading the environment: the ConfigMap's `data` as outputs, the Secret's keys as secret
 * outputs. Not ready (with the fix in the message) when neither object exists or a key is in both. Pure.
 */
export function environmentOutputs(sources: EnvironmentSources): ProvisionResult {
  const { namespace, configMap, secret } = sources;
  const configMapRef = `ConfigMap ${namespace}/${sources.configMapName}`;
  const secretRef = `Secret ${namespace}/${sources.secretName}`;
  if (!configMap && !secret) {
    return {
      ready: false,
      message: `waiting for ${configMapRef} or ${secretRef}: the platform creates them with the values workloads read`,
    };
  }
  const outputs = { ...configMap?.data };
  const secretOutputs = decodeSecretData(secret);
  const both = Object.keys(secretOutputs).filter((key) => Object.hasOwn(outputs, key));
  if (both.length > 0) {
    return {
      ready: false,
      message: `keys ${both.sort().join(', ')} are in both ${configMapRef} and ${secretRef}: keep each key in one of them`,
    };
  }
  const found = [
    configMap ? `${Object.keys(outputs).length} from ${configMapRef}` : `no ${configMapRef}`,
    secret ? `${Object.keys(secretOutputs).length} (secret) from ${secretRef}` : `no ${secretRef}`,
  ];
  return { ready: true, outputs, secretOutputs, message: `values: ${found.join(', ')}` };
}

/**
 * `environment`: values the platform sets per namespace (one namespace, one environment), as score-compose's
 * environment provisioner takes them from the shell. `${resources.env.KEY}` is key `KEY` of the ConfigMap
 * (`environment.configMapName`, a plain value) or of the Secret (`environment.secretName`, a secret
 * reference), read by name in the claim's namespace or in `environment.namespace`. A key in neither leaves
 * the Workload unready with "resource 'env' has no output 'KEY'" (score-compose substitutes an empty
 * string). No params, as score-compose. The objects are not watched: they are read again every
 * `environment.refreshIntervalMs`.
 */
@Resolver({
  name: 'dev-environment',
  type: 'environment',
  description:
    'values the platform keeps per namespace: the keys of a ConfigMap and a Secret (default `score-environment`)',
  outputs: [
    { name: '<ConfigMap key>', dynamic: true, description: 'each key of the ConfigMap, as a plain value' },
    { name: '<Secret key>', dynamic: true, secret: true, description: 'each key of the Secret' },
  ],
})
export class EnvironmentResolver implements Resolver {
  private readonly settings: DevResolverSettings;

  constructor(@inject(ResolverDevTokens.Settings) @optional() settings?: DevResolverSettingsInput) {
    this.settings = devResolverSettings(settings);
  }

  async provision(request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult> {
    const environment: DevEnvironment = this.settings.environment;
    const params = Object.keys(request.params);
    if (params.length > 0) {
      throw new TerminalError(
        `failed to provision environment resource ${request.claimName}: params.${params[0]} is not supported: ` +
          `an environment resource takes no params (as score-compose); its values are the keys of ConfigMap and ` +
          `Secret ${environment.configMapName}`,
      );
    }
    const namespace = environment.namespace ?? request.namespace;
    const [configMap, secret] = await Promise.all([
      readObject<V1ConfigMap>(ctx, BuiltinKinds.ConfigMap, { namespace, name: environment.configMapName }),
      readObject<V1Secret>(ctx, BuiltinKinds.Secret, { namespace, name: environment.secretName }),
    ]);
    const result = environmentOutputs({
      namespace,
      configMapName: environment.configMapName,
      secretName: environment.secretName,
      configMap,
      secret,
    });
    return { ...result, requeueAfterMs: environment.refreshIntervalMs };
  }
}
