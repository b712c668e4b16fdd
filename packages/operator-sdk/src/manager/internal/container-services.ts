// What a Manager puts into its user's container, and takes out again when it stops.
import type { BindingIdentifier, Container } from 'inversify';
import type { SharedCache } from '../../cache/shared-cache.js';
import type { KubeClient } from '../../client/kube-client.js';
import type { EventRecorder } from '../../events/event-recorder.js';
import type { KubeConfigLike } from '../../kubeconfig/kube-config-like.js';
import type { Logger } from '../../logging/logger.js';
import type { OperatorMetrics } from '../../metrics/operator-metrics.js';
import { Tokens } from '../../tokens.js';

/** The services one manager offers its controllers through `Tokens`. */
export interface ManagerServices {
  readonly client: KubeClient;
  readonly cache: SharedCache;
  readonly logger: Logger;
  readonly events: EventRecorder;
  readonly metrics: OperatorMetrics;
  readonly kubeConfig: KubeConfigLike;
}

/**
 * The bindings one manager added to a container. Only tokens nobody bound are bound, and only those are
 * unbound again, by binding identity: what the user bound, before or after, is never touched. Unbinding
 * on stop is what lets a second manager over the same container bind its own live services instead of
 * leaving the first one's stopped client and cache in place.
 */
export class ContainerServices {
  private constructor(
    private readonly container: Container,
    private bindings: BindingIdentifier[],
  ) {}

  /** Binds each of `services` whose token the container (or a parent) does not resolve yet. */
  static bind(container: Container, services: ManagerServices): ContainerServices {
    const byToken: Array<[symbol, unknown]> = [
      [Tokens.KubeClient, services.client],
      [Tokens.SharedCache, services.cache],
      [Tokens.Logger, services.logger],
      [Tokens.EventRecorder, services.events],
      [Tokens.Metrics, services.metrics],
      [Tokens.KubeConfig, services.kubeConfig],
    ];
    const bindings = byToken
      .filter(([token]) => !container.isBound(token))
      .map(([token, value]) => container.bind(token).toConstantValue(value).getIdentifier());
    return new ContainerServices(container, bindings);
  }

  /** Removes what {@link bind} added, running the container's deactivation hooks. Idempotent. */
  async unbind(): Promise<void> {
    const bindings = this.bindings;
    this.bindings = [];
    for (const binding of bindings) await this.container.unbindAsync(binding);
  }
}

// Controller instances by the manager that last ran them. Weak, so neither outlives its user's container.
const lastRunBy = new WeakMap<object, object>();

/**
 * Records that `manager` runs `controller`; true when another manager ran this very instance before.
 * That happens when a controller bound in singleton scope outlives a manager: the container hands the
 * next manager the same instance, and whatever was injected into it still belongs to the stopped one.
 */
export function ranByAnotherManager(controller: object, manager: object): boolean {
  const previous = lastRunBy.get(controller);
  lastRunBy.set(controller, manager);
  return previous !== undefined && previous !== manager;
}
