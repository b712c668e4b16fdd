// Entry point: `node dist/main.js` runs this plugin as its own operator against the current kubeconfig.
// #region main
import { createPluginOperator } from '@score-orchestrator/plugin-host';
import { createLogger } from '@score-orchestrator/operator-sdk';
import { plugin } from './index.js';

const logger = createLogger({ defaultMeta: { component: 'api-key-resolver' } });
const namespace = process.env.POD_NAMESPACE; // where the leader election Lease lives
const operator = createPluginOperator(plugin, {
  logger,
  probePort: Number(process.env.PROBE_PORT ?? 8081),
  leaderElection: namespace ? { namespace } : false,
});

operator.runUntilSignal().catch((err: unknown) => {
  logger.error('operator failed', { err: String(err) });
  process.exitCode = 1;
});
// #endregion main
