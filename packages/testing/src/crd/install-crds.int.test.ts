import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ApiException, CustomObjectsApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';

import { ControlPlane } from '../control-plane/control-plane.js';

// The project's testTimeout does not reach tests in this jest version; set it where it is needed.
jest.setTimeout(120_000);

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));

describe('installing CRDs', () => {
  let controlPlane: ControlPlane;
  let scratch: string;

  beforeAll(async () => {
    controlPlane = await ControlPlane.start({ crds: fixtures });
    scratch = await mkdtemp(join(tmpdir(), 'score-crd-test-'));
  });

  afterAll(async () => {
    await controlPlane.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('serves every CRD of a multi-document file as soon as start returns', async () => {
    const objects = controlPlane.kubeConfig.makeApiClient(CustomObjectsApi);
    const widget = await objects.createNamespacedCustomObject({
      group: 'example.com',
      version: 'v1',
      namespace: 'default',
      plural: 'widgets',
      body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 2 } },
    });
    expect(widget.metadata.uid).toBeDefined();
    const gadgets = await objects.listClusterCustomObject({
      group: 'example.com',
      version: 'v1',
      plural: 'gadgets',
    });
    expect(gadgets.items).toEqual([]);
  });

  it('installs the CRD schema so the API server validates', async () => {
    const objects = controlPlane.kubeConfig.makeApiClient(CustomObjectsApi);
    const rejected = await objects
      .createNamespacedCustomObject({
        group: 'example.com',
        version: 'v1',
        namespace: 'default',
        plural: 'widgets',
        body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'bad' }, spec: { size: 0 } },
      })
      .catch((err: unknown) => err);
    expect(rejected).toBeInstanceOf(ApiException);
    expect((rejected as ApiException<unknown>).code).toBe(422);
  });

  it('keeps x-kubernetes-validations and defaults intact (CEL rules are enforced, defaults applied)', async () => {
    const objects = controlPlane.kubeConfig.makeApiClient(CustomObjectsApi);
    const create = (name: string, spec: Record<string, unknown>) =>
      objects.createNamespacedCustomObject({
        group: 'example.com',
        version: 'v1',
        namespace: 'default',
        plural: 'widgets',
        body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec },
      });
    const rejected = await create('too-big', { size: 11 }).catch((err: unknown) => err);
    expect((rejected as ApiException<unknown>).code).toBe(422);
    expect(JSON.stringify((rejected as ApiException<unknown>).body)).toContain('size must be at most 10');
    const defaulted = (await create('defaulted', {})) as { spec: { size: number; color: string } };
    expect(defaulted.spec).toEqual({ size: 1, color: 'blue' });
  });

  it('installs again idempotently, from a file path', async () => {
    await controlPlane.installCrds([join(fixtures, 'widgets.example.com.yaml')]);
  });

  it('refuses documents that are not CRDs', async () => {
    const file = join(scratch, 'not-a-crd.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    await expect(controlPlane.installCrds(file)).rejects.toThrow(
      /^failed to read CRDs from .*not-a-crd\.yaml: found a ConfigMap, not a CustomResourceDefinition$/,
    );
  });
});
