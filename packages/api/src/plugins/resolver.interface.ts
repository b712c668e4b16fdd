import type { KubeClient, Logger, SharedCache } from '@score-orchestrator/operator-sdk';
import type { ResourceRequest } from './resource-request.js';

/** What {@link Resolver.provision} reports. */
export interface ProvisionResult {
  /**
   * Whether the resource is usable now (its backing service answers), not merely created. The claim turns
   * `Bound` only when true; until then it stays `Provisioning` with `message`.
   */
  readonly ready: boolean;
  /** Non-secret outputs, published in the claim's status (host, port, name...). */
  readonly outputs?: Readonly<Record<string, unknown>>;
  /**
   * Secret outputs (password, connection string...): written to a Secret the claim owns and only ever
   * referenced, never copied into a status, plan, event or log.
   */
  readonly secretOutputs?: Readonly<Record<string, string>>;
  /**
   * With `ready: false`: the outputs (and secret outputs) returned now are the ones the resource will have
   * once ready, so Workloads may use them before it is (the claim's `OutputsAvailable` condition turns
   * True while it stays `Provisioning`). The orchestrator then projects the Workload's plan at once and
   * the workload rolls out beside the resource, as score-k8s and score-compose deploy both together; the
   * Workload turns `Ready` only once the claim is `Bound`. Leave it unset when an output is known only
   * once the resource exists (an address a cloud API assigns, say): the plan then waits for `Bound`.
   * Ignored with `ready: true`, whose outputs are always available.
   */
  readonly outputsFinal?: boolean;
  /** Human-readable progress or failure, safe to show users (no secret values). */
  readonly message?: string;
  /** Look again after this long even without a change (e.g. polling something outside the cluster). */
  readonly requeueAfterMs?: number;
}

/** What a resolver gets besides the request: the SDK's clients, scoped to this claim. */
export interface ResolverContext {
  readonly client: KubeClient;
  readonly cache: SharedCache;
  readonly logger: Logger;
  /**
   * Secret outputs this claim already has (from its Secret), so credentials are generated once and never
   * change across restarts, re-reconciles or upgrades: reuse them when present.
   */
  readonly existingSecretOutputs: Readonly<Record<string, string>>;
  /** Aborted when the orchestrator stops. */
  readonly signal: AbortSignal;
}

/**
 * A resolver provisions what a Workload's `resources` entry asks for. Declare which type/class/id it
 * serves with `@Resolver(...)`; the claim host calls it.
 *
 * Contract:
 * - `provision` is level-based and idempotent: called on every change of the claim or of objects the
 *   resolver owns (declared in `@Resolver({ owns })`), and must converge, writing nothing when nothing
 *   changed. Server-side apply with owner references to `request.claim` is the usual shape.
 * - Throwing is retried with backoff; throw the SDK's `TerminalError` for bad params (the claim turns
 *   `Failed` with the message, until its spec changes).
 * - `deprovision` runs once the claim is deleted, with the claim's policy: `Delete` removes backing
 *   resources (data included), `Retain` keeps them (remove owner references so garbage collection spares
 *   them). It must be idempotent. Without `deprovision`, owner references do the cleanup.
 */
export interface Resolver {
  provision(request: ResourceRequest, ctx: ResolverContext): Promise<ProvisionResult>;
  deprovision?(request: ResourceRequest, ctx: ResolverContext): Promise<void>;
}
