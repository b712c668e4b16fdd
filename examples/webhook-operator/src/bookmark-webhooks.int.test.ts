// The bookmark operator's webhooks, called by a real kube-apiserver: invalid bookmarks are refused with the
// fields at fault, missing fields are defaulted, protected bookmarks cannot be deleted, and both versions
// are served from the one stored (v2), converted by the operator.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BuiltinKinds,
  createLogger,
  KubeApiError,
  KubeClient,
  resourceKindOf,
  type Manager,
} from '@score-orchestrator/operator-sdk';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { fileURLToPath } from 'node:url';
import { BookmarkV2 } from './bookmark-v2.resource.js';
import { V2_FIELDS_ANNOTATION } from './bookmark.converter.js';
import { HOST_LABEL } from './bookmark.defaulter.js';
import { Bookmark, type BookmarkSpec } from './bookmark.resource.js';
import { createBookmarkOperator, installLocalWebhookConfigurations } from './operator.js';

const crds = fileURLToPath(new URL('../crds', import.meta.url));
const BookmarkKind = resourceKindOf(Bookmark);
const BookmarkV2Kind = resourceKindOf(BookmarkV2);
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
    // v1 objects are stored as v2: a create succeeds once the API server calls the conversion webhook.
    await eventually(async () => {
      await client.create(BookmarkKind, bookmark('probe', { url: 'https://a.dev' })).catch(() => undefined);
      return (await client.get<BookmarkV2>(BookmarkV2Kind, { namespace, name: 'probe' })) !== undefined;
    }, 'the conversion webhook to be called');
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

  // #region conversion
  it('serves a bookmark created as v1 as v2 and back, storing v2', async () => {
    await client.create(
      BookmarkKind,
      bookmark('both', { url: 'https://kubernetes.io/docs', tags: ['k8s'], protected: false }),
    );
    const v2 = (await client.get<BookmarkV2>(BookmarkV2Kind, { namespace, name: 'both' }))!;
    expect(v2.apiVersion).toBe('webhooks.example.dev/v2');
    expect(v2.spec).toEqual({
      target: { url: 'https://kubernetes.io/docs', title: 'kubernetes.io' },
      tags: ['k8s'],
      deletionPolicy: 'Allow',
    });

    // A field only v2 has survives a trip through v1, in an annotation v2 clients never see.
    await client.update(BookmarkV2Kind, { ...v2, spec: { ...v2.spec, notes: 'read on Sunday' } });
    const v1 = (await client.get<Bookmark>(BookmarkKind, { namespace, name: 'both' }))!;
    expect(v1.spec).toEqual({
      url: 'https://kubernetes.io/docs',
      title: 'kubernetes.io',
      tags: ['k8s'],
      protected: false,
    });
    expect(v1.metadata.annotations?.[V2_FIELDS_ANNOTATION]).toBe('{"notes":"read on Sunday"}');
    await client.update(BookmarkKind, { ...v1, spec: { ...v1.spec, tags: ['docs', 'k8s'] } });
    const after = (await client.get<BookmarkV2>(BookmarkV2Kind, { namespace, name: 'both' }))!;
    expect(after.spec.notes).toBe('read on Sunday');
    expect(after.spec.tags).toEqual(['docs', 'k8s']);
    expect(after.metadata.annotations?.[V2_FIELDS_ANNOTATION]).toBeUndefined();
    // A list converts every item the same way.
    const listed = await client.list<Bookmark>(BookmarkKind, { namespace });
    expect(listed.items.find((b) => b.metadata.name === 'both')?.spec.protected).toBe(false);

    const crd = await client.get<{ status: { storedVersions: string[] } } & Bookmark>(
      BuiltinKinds.CustomResourceDefinition,
      {
        name: 'bookmarks.webhooks.example.dev',
      },
    );
    expect(crd!.status.storedVersions).toEqual(['v2']);
  });
  // #endregion conversion

  it("passes a converter's failure to the client, naming the object and the annotation", async () => {
    const broken = bookmark('broken', { url: 'https://a.dev' });
    broken.metadata.annotations = { [V2_FIELDS_ANNOTATION]: '{oops' };
    const err = await refusal(client.create(BookmarkKind, broken));
    expect(err.message).toContain(
      'conversion webhook for webhooks.example.dev/v1, Kind=Bookmark failed: ' +
        `failed to convert Bookmark default/broken from webhooks.example.dev/v1 to webhooks.example.dev/v2: annotation metadata.annotations["${V2_FIELDS_ANNOTATION}"] is not the JSON a conversion wrote`,
    );
  });
});
