// Entry point: `node dist/main.js` runs the operator against the current kubeconfig until SIGTERM.
// #region main
import { createLogger } from '@score-orchestrator/operator-sdk';
import { createGreetingOperator } from './operator.js';

const logger = createLogger({ defaultMeta: { component: 'greeting-operator' } });
const namespace = process.env.POD_NAMESPACE;
const operator = createGreetingOperator({
  logger,
  probePort: Number(process.env.PROBE_PORT ?? 8081),
  leaderElection: namespace ? { namespace } : false,
});

operator.runUntilSignal().catch((err: unknown) => {
  logger.error('operator failed', { err: String(err) });
  process.exitCode = 1;
});
// #endregion main
