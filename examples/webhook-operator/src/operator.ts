// Wires the bookmark operator: one container, two webhooks, one manager with a webhook server.
// #region operator
import type { KubeConfig } from '@kubernetes/client-node';
import { Manager, Tokens, type Logger } from '@score-orchestrator/operator-sdk';
import { Container } from 'inversify';
import { BookmarkDefaulter } from './bookmark.defaulter.js';
import { BookmarkValidator } from './bookmark.validator.js';

/** Settings of {@link createBookmarkOperator}; everything else has a production default. */
export interface BookmarkOperatorOptions {
  kubeConfig?: KubeConfig;
  logger?: Logger;
  probePort?: number | false;
  /** The webhook server's port (default 9443; 0 picks a free one). */
  webhookPort?: number;
  webhookHost?: string;
  /** Where the serving certificate is mounted in a cluster; unset, one is generated (local runs, tests). */
  certDir?: string;
}

/** Builds the operator's manager; call `start()` / `stop()` or `runUntilSignal()` on it. */
export function createBookmarkOperator(options: BookmarkOperatorOptions = {}): Manager {
  const container = new Container();
  container.bind(Tokens.Webhook).to(BookmarkValidator).inSingletonScope();
  container.bind(Tokens.Webhook).to(BookmarkDefaulter).inSingletonScope();
  return Manager.create({
    container,
    name: 'bookmark-operator',
    kubeConfig: options.kubeConfig,
    logger: options.logger,
    probePort: options.probePort,
    webhookServer: { port: options.webhookPort, host: options.webhookHost, certDir: options.certDir },
  });
}
// #endregion operator

// #region local-configurations
/**
 * For local runs and tests: points the API server at this process's webhook server (a loopback URL with the
 * generated CA as `caBundle`). In a cluster, apply `deploy/webhook-configurations.yaml` instead.
 */
export async function installLocalWebhookConfigurations(operator: Manager): Promise<void> {
  for (const configuration of operator.webhooks!.configurationsForUrl('bookmark-operator')) {
    await operator.client.apply(configuration);
  }
}
// #endregion local-configurations
