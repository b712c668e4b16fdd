// Wires the widget operator of docs/sdk/manager.md: one container, one controller, one manager.
import type { KubeConfig } from '@kubernetes/client-node';
import {
  createLogger,
  Manager,
  Tokens,
  type Logger,
  type ManagerOptions,
} from '@score-orchestrator/operator-sdk';
import { Container } from 'inversify';
import { WidgetController, WidgetSettingsToken, type WidgetSettings } from './widget.controller.js';

/** What callers (main, tests) may set; everything else is fixed below. */
export interface WidgetOperatorOptions {
  readonly kubeConfig?: KubeConfig;
  readonly logger?: Logger;
  readonly probePort?: number | false;
  readonly leaderElection?: ManagerOptions['leaderElection'];
}

// #region create
export function createWidgetOperator(options: WidgetOperatorOptions = {}): Manager {
  const container = new Container();
  // Your own dependencies: the controller's constructor asks for them with @inject(token).
  container.bind<WidgetSettings>(WidgetSettingsToken).toConstantValue({ configMapPrefix: 'widget-' });
  // Every controller is bound to Tokens.Controller; the manager finds them there when it starts.
  container.bind(Tokens.Controller).to(WidgetController).inSingletonScope();
  return Manager.create({
    container,
    name: 'widget-operator', // field manager, event reporter, default Lease name
    shutdownTimeoutMs: 20_000, // in-flight reconciles get this long on stop
    cacheSyncTimeoutMs: 60_000, // start() fails if informers have not listed by then
    ...options,
  });
}
// #endregion create

// #region main
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const logger = createLogger({
    level: env.LOG_LEVEL ?? 'info',
    defaultMeta: { component: 'widget-operator' },
  });
  const namespace = env.POD_NAMESPACE; // from the downward API in the Deployment
  const operator = createWidgetOperator({
    logger,
    probePort: Number(env.PROBE_PORT ?? 8081),
    leaderElection: namespace ? { namespace } : false,
  });
  await operator.runUntilSignal(); // SIGTERM or SIGINT: drain reconciles, release the lease, resolve
}
// #endregion main
