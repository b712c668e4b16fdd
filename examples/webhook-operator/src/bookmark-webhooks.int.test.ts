// The bookmark operator's webhooks, called by a real kube-apiserver: invalid bookmarks are refused with the
// fields at fault, missing fields are defaulted, protected bookmarks cannot be deleted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createLogger,
  KubeApiError,
  KubeClient,
  resourceKindOf,
  type Manager,
} from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { fileURLToPath } from 'node:url';
import { HOST_LABEL } from './bookmark.defaulter.js';
import { Bookmark, type BookmarkSpec } from './bookmark.resource.js';
import { createBookmarkOperator, installLocalWebhookConfigurations } from './operator.js';

const crds = fileURLToPath(new URL('../crds', import.meta.url));
const BookmarkKind = resourceKindOf(Bookmark);
const namespace = 'default';

const bookmark = (name: string, spec: BookmarkSpec) =>
  ({
    apiVersion: BookmarkKind.apiVersion,
    kind: 'Bookmark',
    metadata: { name, namespace },
    spec,
  }) as Bookmark;

async function refusal(write: Promise<unknown>): Promise<KubeApiError> {
  const err = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof KubeApiError))
    throw new Error(`expected the API server to refuse, got ${String(err)}`);
  return err;
}

describe('bookmark webhooks on a real API server', () => {
  let cp: ControlPlane;
  let operator: Manager;
  let client: KubeClient;

  // #region setup
  beforeAll(async () => {
    cp = await ControlPlane.start({ crds });
    client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
    operator = createBookmarkOperator({
      kubeConfig: cp.kubeConfig,
      webhookPort: 0,
      webhookHost: '127.0.0.1',
      probePort: 0,
      logger: createLogger({ silent: true }),
    });
    await operator.start();
    await installLocalWebhookConfigurations(operator);
    // The API server loads new webhook configurations within a moment; a dry run shows when.
    await eventually(async () => {
      const probe = await client.create(BookmarkKind, bookmark('probe', { url: 'https://a.dev' }), {
        dryRun: true,
      });
      return probe.spec.title === 'a.dev';
    }, 'the webhooks to be called');
  });

  afterAll(async () => {
    await operator?.stop();
    await cp?.stop();
  });
  // #endregion setup

  // #region denied
  it('refuses an invalid bookmark, naming every field at fault', async () => {
    const err = await refusal(
      client.create(BookmarkKind, bookmark('bad', { url: 'http://a.dev', tags: ['Go', 'go'] })),
    );
    expect(err.statusCode).toBe(422);
    expect(err.message).toContain('admission webhook "vbookmark.webhooks.example.dev" denied the request');
    expect(err.causes).toEqual([
      { field: 'spec.url', message: 'must start with https://', reason: 'FieldValueInvalid' },
      { field: 'spec.tags[1]', message: 'duplicate tag "go"', reason: 'FieldValueDuplicate' },
    ]);
  });
  // #endregion denied

  // #region defaulted
  it('fills in the title, the host label and tidy tags', async () => {
    const created = await client.create(
      BookmarkKind,
      bookmark('docs', { url: 'https://kubernetes.io/docs', tags: ['K8s', 'Docs'] }),
    );
    expect(created.spec).toEqual({
      url: 'https://kubernetes.io/docs',
      title: 'kubernetes.io',
      tags: ['docs', 'k8s'],
    });
    expect(created.metadata.labels).toEqual({ [HOST_LABEL]: 'kubernetes.io' });
  });
  // #endregion defaulted

  it('keeps the url immutable and a protected bookmark undeletable', async () => {
    const created = await client.create(
      BookmarkKind,
      bookmark('kept', { url: 'https://a.dev', protected: true }),
    );
    const moved = await refusal(
      client.update(BookmarkKind, { ...created, spec: { ...created.spec, url: 'https://b.dev' } }),
    );
    expect(moved.causes).toEqual([
      { field: 'spec.url', message: 'field is immutable', reason: 'FieldValueForbidden' },
    ]);

    const deletion = await refusal(client.delete(BookmarkKind, { namespace, name: 'kept' }));
    expect(deletion.statusCode).toBe(403);
    expect(deletion.message).toMatch(/bookmark is protected; set spec.protected to false first/);

    const current = (await client.get<Bookmark>(BookmarkKind, { namespace, name: 'kept' }))!;
    await client.update(BookmarkKind, { ...current, spec: { ...current.spec, protected: false } });
    expect(await client.delete(BookmarkKind, { namespace, name: 'kept' })).toBe(true);
  });
});
