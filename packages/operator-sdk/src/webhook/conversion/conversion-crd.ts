import type { CustomResourceWebhookConversion } from '../../crd/custom-resource-definition.js';
import type { WebhookClientConfig } from '../webhook-configuration.js';

/** The path the webhook server answers conversion calls on (controller-runtime's). */
export const CONVERSION_PATH = '/convert';

/**
 * The `spec.conversion` that has the API server call the webhook server's {@link CONVERSION_PATH}: pass it as
 * `conversion` to `generateCrd` / `writeCrds`. `caBundle` is the PEM of the CA that signed the serving
 * certificate; omit it when cert-manager injects it (`cert-manager.io/inject-ca-from` on the CRD).
 */
export function conversionWebhook(
  clientConfig: WebhookClientConfig,
  caBundle?: string,
): CustomResourceWebhookConversion {
  const target =
    'url' in clientConfig
      ? { url: `${clientConfig.url.replace(/\/+$/, '')}${CONVERSION_PATH}` }
      : { service: { ...clientConfig.service, path: CONVERSION_PATH } };
  return {
    strategy: 'Webhook',
    webhook: {
      clientConfig: { ...target, ...(caBundle && { caBundle: Buffer.from(caBundle).toString('base64') }) },
      conversionReviewVersions: ['v1'],
    },
  };
}
