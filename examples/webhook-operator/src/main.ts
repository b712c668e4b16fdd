// Entry point: `node dist/main.js` runs the operator against the current kubeconfig until SIGTERM.
// In a cluster, WEBHOOK_CERT_DIR names the mounted serving certificate (cert-manager's Secret); without it the
// operator generates one and registers its webhooks at https://127.0.0.1:WEBHOOK_PORT itself.
// #region main
import { createLogger } from '@score-orchestrator/operator-sdk';
import { createBookmarkOperator, installLocalWebhookConfigurations } from './operator.js';

const logger = createLogger({ defaultMeta: { component: 'bookmark-operator' } });
const certDir = process.env.WEBHOOK_CERT_DIR;
const operator = createBookmarkOperator({
  logger,
  certDir,
  webhookPort: Number(process.env.WEBHOOK_PORT ?? 9443),
  webhookHost: certDir ? undefined : '127.0.0.1',
  probePort: Number(process.env.PROBE_PORT ?? 8081),
});

async function run(): Promise<void> {
  await operator.start();
  if (!certDir) await installLocalWebhookConfigurations(operator);
  await new Promise<void>((resolve) => process.once('SIGTERM', resolve).once('SIGINT', resolve));
  await operator.stop();
}

run().catch((err: unknown) => {
  logger.error('operator failed', { err: String(err) });
  process.exitCode = 1;
});
// #endregion main
