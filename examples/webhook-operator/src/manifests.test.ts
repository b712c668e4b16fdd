import { describe, expect, it } from '@jest/globals';
import {
  conversionWebhook,
  findStaleCrds,
  generateWebhookConfigurations,
  renderWebhookConfigurationsYaml,
  webhookDefinitionsOf,
} from '@score-orchestrator/operator-sdk';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BookmarkV2 } from './bookmark-v2.resource.js';
import { BookmarkDefaulter } from './bookmark.defaulter.js';
import { Bookmark } from './bookmark.resource.js';
import { BookmarkValidator } from './bookmark.validator.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe('generated manifests', () => {
  // #region crd-manifest-check
  it('crds/ matches the Bookmark classes, both versions (run `npm run crds -w @score-orchestrator/example-webhook-operator`)', async () => {
    const stale = await findStaleCrds([Bookmark, BookmarkV2], here('../crds'), {
      conversion: conversionWebhook({
        service: { namespace: 'bookmarks-system', name: 'bookmark-operator-webhook', port: 443 },
      }),
      injectCaFrom: 'bookmarks-system/bookmark-operator-webhook',
    });
    expect(stale).toEqual([]);
  });
  // #endregion crd-manifest-check

  // #region webhook-manifest-check
  it('deploy/webhook-configurations.yaml matches the webhook classes (run `npm run webhooks -w @score-orchestrator/example-webhook-operator`)', async () => {
    const definitions = [BookmarkValidator, BookmarkDefaulter].flatMap(webhookDefinitionsOf);
    const expected = renderWebhookConfigurationsYaml(
      generateWebhookConfigurations(definitions, {
        name: 'bookmark-operator',
        clientConfig: {
          service: { namespace: 'bookmarks-system', name: 'bookmark-operator-webhook', port: 443 },
        },
        annotations: { 'cert-manager.io/inject-ca-from': 'bookmarks-system/bookmark-operator-webhook' },
      }),
    );
    expect(await readFile(here('../deploy/webhook-configurations.yaml'), 'utf8')).toBe(expected);
  });
  // #endregion webhook-manifest-check
});
