// One provision (and deprovision) of a claim by one loaded provisioner: state in, provisioner run, state out.
import type { ProvisionResult, ResolverContext, ResourceRequest } from '@score-orchestrator/api';
import { BuiltinKinds, TerminalError } from '@score-orchestrator/operator-sdk';
import { runCmdProvisioner } from '../cmd/run-cmd-provisioner.js';
import { mergePatch } from '../contract/merge-patch.js';
import { provisionerInputOf, sourceWorkloadOf } from '../contract/provisioner-input-of.js';
import type { ProvisionerOutput } from '../contract/provisioner-input.js';
import { ProvisionersError } from '../errors/provisioners.error.js';
import {
  applyManifests,
  deleteIfControlled,
  manifestRef,
  prepareManifests,
  pruneManifests,
  releaseManifest,
} from '../manifests/apply-manifests.js';
import { splitSecretOutputs } from '../outputs/split-secret-outputs.js';
import type { ProvisionerDefinition } from '../provisioner-file/provisioner-definition.js';
import {
  claimStateSecretName,
  readClaimState,
  writeClaimState,
  type ManifestRef,
} from '../state/claim-state.js';
import { readSharedState, writeSharedState } from '../state/shared-state.js';
import { argTemplateData } from '../template-provisioner/template-data.js';
import { renderTemplateProvisioner } from '../template-provisioner/render-template-provisioner.js';
import { readWorkloadServices } from '../workload-services/read-workload-services.js';
import { referencedWorkloads, type ServiceDependencies } from '../workload-services/service-dependencies.js';

/** Settings of provisioner resolvers. */
export interface ProvisionSettings {
  /** Time limit of a cmd:// provisioner run (default 60 s). */
  readonly cmdTimeoutMs?: number;
}

/** What one resolver class shares between its provisions. */
export interface ProvisionerRun extends ProvisionSettings {
  /** Which Workload services each claim saw, for the class's Workload watch. */
  readonly dependencies: ServiceDependencies;
}

/**
 * Provisions `request` with `def`, level-based: reads the claim's state, the namespace's shared state and
 * its Workloads (recording which services the claim saw, so a change of a Workload it names provisions it
 * again), runs the provisioner, persists the new state (before applying anything, so generated values are
 * kept even when a later step fails), merges the shared-state patch (optimistic concurrency), applies the
 * manifests owned by the claim, prunes the ones no longer rendered and returns the outputs, secret
 * references resolved into secret outputs. With nothing changed, it writes nothing but the (no-op) applies.
 *
 * @throws TerminalError when the claim was provisioned by another provisioner uri, a template fails or
 *   renders a wrong shape, or a manifest is not allowed; other errors (cmd failures, API errors,
 *   a missing referenced Secret, shared-state conflicts) are retried.
 */
export async function provisionClaim(
  def: ProvisionerDefinition,
  request: ResourceRequest,
  ctx: ResolverContext,
  run: ProvisionerRun,
): Promise<ProvisionResult> {
  const { client } = ctx;
  const claim = request.claim;
  const current = await readClaimState(client, claim);
  if (current && current.provisioner !== def.uri) {
    throw new TerminalError(
      `resource ${request.claimName} was previously provisioned by a different provisioner (${current.provisioner}, now ${def.uri}); undefined behaviour, delete the claim's state Secret ${claimStateSecretName(request.claimName)} to start over`,
    );
  }
  const shared = await readSharedState(client, request.namespace);
  const services = await readWorkloadServices(
    ctx,
    { namespace: request.namespace, name: request.claimName },
    referencedWorkloads(sourceWorkloadOf(request), request.params),
    run.dependencies,
  );
  const input = provisionerInputOf(request, current?.state ?? {}, shared.value, services);
  const output = await runProvisioner(def, input, request.namespace, ctx, run);
  const objects = await prepareManifests(client, claim, def.uri, output.manifests ?? []);
  const refs = objects.map((o) => manifestRef(o as unknown as Record<string, unknown>));
  const previous = current?.manifests ?? [];
  const base = { provisioner: def.uri, state: output.resource_state ?? {} };
  const pending = { ...base, manifests: union(previous, refs) };
  await writeClaimState(client, claim, pending, current);
  await writeSharedState(
    client,
    request.namespace,
    mergePatch(shared.value, output.shared_state ?? {}),
    shared,
  );
  await applyManifests(client, claim, objects);
  await pruneManifests(client, claim, previous, refs);
  await writeClaimState(client, claim, { ...base, manifests: refs }, pending);
  const { outputs, secretOutputs } = await splitSecretOutputs(
    output.resource_outputs ?? {},
    output.manifests ?? [],
    client,
    request.namespace,
  );
  ctx.logger.debug('provisioned claim', { provisioner: def.uri, manifests: refs.length });
  return { ready: true, outputs, secretOutputs, message: `provisioned by ${def.uri}` };
}

/**
 * Releases what `def` created for the claim: with `Delete`, deletes its manifests and state; with
 * `Retain`, drops the claim's owner references so garbage collection keeps them. Idempotent. The
 * namespace's shared state is left as it is (score-k8s never shrinks it either).
 */
export async function deprovisionClaim(
  request: ResourceRequest,
  ctx: ResolverContext,
  run: ProvisionerRun,
): Promise<void> {
  const { client } = ctx;
  run.dependencies.forget({ namespace: request.namespace, name: request.claimName });
  const state = await readClaimState(client, request.claim);
  if (!state) return;
  const stateRef: ManifestRef = {
    apiVersion: 'v1',
    kind: BuiltinKinds.Secret.kind,
    name: claimStateSecretName(request.claimName),
  };
  const release = request.deprovisionPolicy === 'Delete' ? deleteIfControlled : releaseManifest;
  for (const ref of [...state.manifests, stateRef]) await release(client, request.claim, ref);
}

async function runProvisioner(
  def: ProvisionerDefinition,
  input: ReturnType<typeof provisionerInputOf>,
  namespace: string,
  ctx: ResolverContext,
  settings: ProvisionSettings,
): Promise<ProvisionerOutput> {
  if (def.scheme === 'cmd') {
    return runCmdProvisioner(def, input, {
      timeoutMs: settings.cmdTimeoutMs,
      signal: ctx.signal,
      argData: argTemplateData(input),
      knownSecrets: Object.values(ctx.existingSecretOutputs),
    });
  }
  try {
    return renderTemplateProvisioner(def, input, namespace);
  } catch (err) {
    if (ProvisionersError.is(err)) throw new TerminalError(err.message, { cause: err });
    throw err;
  }
}

function union(a: readonly ManifestRef[], b: readonly ManifestRef[]): ManifestRef[] {
  const key = (r: ManifestRef) => `${r.apiVersion}/${r.kind}/${r.name}`;
  const seen = new Set(b.map(key));
  return [...b, ...a.filter((r) => !seen.has(key(r)))];
}
