import { describe, expect, it } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { GadgetKind } from '../manager/fixtures/gadget.resource.js';
import { WebhookBuilder } from './webhook-builder.js';
import { generateWebhookConfigurations, renderWebhookConfigurationsYaml } from './webhook-configuration.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

// Two validating webhooks (given out of name order) and one mutating webhook with every setting.
const definitions = [
  WebhookBuilder.validating(GadgetKind).forOperations('CREATE', 'UPDATE', 'DELETE').build(),
  WebhookBuilder.validating(BuiltinKinds.Namespace)
    .named('namespaces.policy.example.dev')
    .withFailurePolicy('Ignore')
    .withTimeout(2)
    .withObjectSelector({ matchLabels: { 'example.dev/guarded': 'true' } })
    .build(),
  WebhookBuilder.mutating(GadgetKind)
    .withSideEffects('NoneOnDryRun')
    .withMatchPolicy('Exact')
    .withNamespaceSelector({ matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] })
    .withReinvocationPolicy('IfNeeded')
    .build(),
];

async function golden(name: string, yaml: string): Promise<void> {
  const path = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN) await writeFile(path, yaml);
  expect(yaml).toBe(await readFile(path, 'utf8'));
}

describe('generateWebhookConfigurations', () => {
  it('renders an in-cluster Service configuration with cert-manager CA injection as the golden file (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const configurations = generateWebhookConfigurations(definitions, {
      name: 'gadget-operator',
      clientConfig: { service: { namespace: 'gadget-system', name: 'gadget-webhook', port: 443 } },
      annotations: { 'cert-manager.io/inject-ca-from': 'gadget-system/gadget-webhook' },
    });
    await golden('webhooks-service.yaml', renderWebhookConfigurationsYaml(configurations));
  });

  it('renders a URL configuration with a CA bundle as the golden file (local runs and tests)', async () => {
    const configurations = generateWebhookConfigurations(definitions.slice(0, 1), {
      name: 'gadget-operator',
      clientConfig: { url: 'https://127.0.0.1:9443/' },
      caBundle: CA,
      labels: { 'app.kubernetes.io/name': 'gadget-operator' },
    });
    await golden('webhooks-url.yaml', renderWebhookConfigurationsYaml(configurations));
  });

  it('puts each webhook where the API expects it: base64 caBundle, path per webhook, scope from the kind', () => {
    const [validating, mutating] = generateWebhookConfigurations(definitions, {
      name: 'x',
      clientConfig: { url: 'https://127.0.0.1:9443' },
      caBundle: CA,
    });
    expect(validating.kind).toBe('ValidatingWebhookConfiguration');
    expect(validating.webhooks.map((w) => w.name)).toEqual([
      'namespaces.policy.example.dev',
      'vgadget.controllers.test.dev',
    ]);
    expect(validating.webhooks[0].rules).toEqual([
      {
        apiGroups: [''],
        apiVersions: ['v1'],
        operations: ['CREATE', 'UPDATE'],
        resources: ['namespaces'],
        scope: 'Cluster',
      },
    ]);
    expect(Buffer.from(validating.webhooks[1].clientConfig.caBundle!, 'base64').toString()).toBe(CA);
    expect(validating.webhooks[1].clientConfig.url).toBe(
      'https://127.0.0.1:9443/validate-controllers-test-dev-v1-gadget',
    );
    expect(mutating.kind).toBe('MutatingWebhookConfiguration');
    expect(mutating.webhooks[0]).toMatchObject({
      admissionReviewVersions: ['v1'],
      reinvocationPolicy: 'IfNeeded',
    });
    expect(validating.webhooks[0]).not.toHaveProperty('reinvocationPolicy');
  });

  it('leaves out a configuration without webhooks, and the file parses back to the objects', () => {
    const only = generateWebhookConfigurations(definitions.slice(2), {
      name: 'x',
      clientConfig: { url: 'https://h' },
    });
    expect(only.map((c) => c.kind)).toEqual(['MutatingWebhookConfiguration']);
    const docs = parseAllDocuments(renderWebhookConfigurationsYaml(only)).map((d) => d.toJSON());
    expect(docs).toEqual(only);
    expect(generateWebhookConfigurations([], { name: 'x', clientConfig: { url: 'https://h' } })).toEqual([]);
  });

  it('refuses a URL the API server will not call', () => {
    const call = () =>
      generateWebhookConfigurations(definitions, {
        name: 'x',
        clientConfig: { url: 'http://127.0.0.1:9443' },
      });
    expect(call).toThrow(OperatorSdkError);
    expect(call).toThrow(
      /invalid webhook URL "http:\/\/127\.0\.0\.1:9443": the API server calls webhooks over https:\/\//,
    );
  });
});
