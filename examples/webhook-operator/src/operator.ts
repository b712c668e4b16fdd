// Wires the bookmark operator: one container, two admission webhooks and a converter, one manager with a
// webhook server.
// #region operator
import type { KubeConfig } from '@kubernetes/client-node';
import { BuiltinKinds, Manager, Tokens, type Logger } from '@score-orchestrator/operator-sdk';
import { Container } from 'inversify';
import { BookmarkV1Converter } from './bookmark.converter.js';
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
  container.bind(Tokens.Webhook).to(BookmarkV1Converter).inSingletonScope();
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
 * generated CA as `caBundle`), for admission and for the CRD's conversion. In a cluster, apply `crds/` and
 * `deploy/webhook-configurations.yaml` instead.
 */
export async function installLocalWebhookConfigurations(operator: Manager): Promise<void> {
  const webhooks = operator.webhooks!;
  const { webhook } = webhooks.conversionForUrl();
  // The CRD as installed from crds/ converts through the in-cluster Service, and the API server takes a
  // Service or a URL, not both: this merge patch sets the URL and CA bundle and drops the Service (null).
  const clientConfig = { service: null, ...webhook.clientConfig };
  await operator.client.patch(
    BuiltinKinds.CustomResourceDefinition,
    { name: 'bookmarks.webhooks.example.dev' },
    { spec: { conversion: { strategy: 'Webhook', webhook: { ...webhook, clientConfig } } } },
  );
  for (const configuration of webhooks.configurationsForUrl('bookmark-operator')) {
    await operator.client.apply(configuration);
  }
}
// #endregion local-configurations
