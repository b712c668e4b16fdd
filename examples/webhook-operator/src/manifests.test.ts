import { describe, expect, it } from '@jest/globals';
import {
  conversionWebhook,
  findStaleCrds,
  generateWebhookConfigurations,
  renderWebhookConfigurationsYaml,
  webhookDefinitionsOf,
} from '@score-orchestrator/operator-sdk';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
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

  it('`npm run crds` writes what crds/ holds, and says which option two versions need without one', async () => {
    const scripts = (
      JSON.parse(await readFile(here('../package.json'), 'utf8')) as { scripts: { crds: string } }
    ).scripts;
    const [node, ...args] = scripts.crds.split(' ');
    const run = (argv: string[]) =>
      promisify(execFile)(node, argv, { cwd: here('..') }).then(
        ({ stdout }) => ({ code: 0, out: stdout }),
        (err: { code: number; stderr: string }) => ({ code: err.code, out: err.stderr }),
      );
    expect(await run([...args, '--check'])).toEqual({
      code: 0,
      out: 'generate-crds: the CRDs of 2 class(es) in crds are up to date\n',
    });
    const withoutConversion = args.filter(
      (arg, i) => !/^--(conversion|inject)/.test(arg) && !/^--(conversion|inject)/.test(args[i - 1] ?? ''),
    );
    const refused = await run([...withoutConversion, '--check']);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(
      /^generate-crds: failed to generate the CRD bookmarks.webhooks.example.dev: it serves versions v1, v2; pass the conversion option/,
    );
  });
});
