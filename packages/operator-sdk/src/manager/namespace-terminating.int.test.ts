// A reconcile that creates objects in a namespace being deleted: the API server refuses every create there
// until the namespace is gone, so the controller stops (no backoff loop) and logs no error or warning.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { V1ConfigMap, V1Namespace } from '@kubernetes/client-node';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { isNamespaceTerminating, type KubeApiError } from '../client/kube-api.error.js';
import { Controller } from '../controller/controller.decorator.js';
import { createLogger } from '../logging/logger.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  metricValue,
  ReconcileRecorder,
  settled,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';
import type { Manager } from './manager.js';

const NS = 'doomed';
const CONTROLLER = 'children';

const child = (name: string): V1ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace: NS, name: `${name}-child` },
  data: { a: 'b' },
});

/** Once `spec.note` is `go`, records an Event and writes a child ConfigMap: by apply or by create. */
@Controller({ for: GadgetKind, namespaces: [NS], name: CONTROLLER })
class ChildController implements Reconciler<Gadget> {
  readonly seen = new ReconcileRecorder();
  async reconcile(obj: Gadget, ctx: ReconcileContext): Promise<void> {
    if (obj.spec?.note !== 'go') return;
    this.seen.record(obj);
    const name = obj.metadata.name!;
    ctx.events.normal('Writing', 'writing the child');
    if (name.startsWith('apply-')) await ctx.client.apply(child(name), { force: true });
    else await ctx.client.create(BuiltinKinds.ConfigMap, child(name));
  }
}

describe('a controller writing into a terminating namespace', () => {
  let cluster: TestCluster;
  let manager: Manager;
  const controller = new ChildController();
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    });
    cluster = await startTestCluster();
    await cluster.namespace(NS);
    for (const name of ['apply-1', 'create-1']) await cluster.client.create(GadgetKind, gadget(NS, name));
    manager = await cluster.startManager([controller], {
      logger: createLogger({ stream: logs, level: 'debug' }),
    });
    // The test kit runs no namespace controller: the namespace stays Terminating (its `kubernetes`
    // finalizer is never removed), as a real one does while its contents are being deleted.
    await cluster.client.delete(BuiltinKinds.Namespace, { name: NS });
    await eventually(async () => {
      const ns = await cluster.client.get<V1Namespace>(BuiltinKinds.Namespace, { name: NS });
      return ns?.status?.phase === 'Terminating';
    }, 'the namespace to be Terminating');
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('gets 403 NamespaceTerminating from the API server for a create and for a creating apply', async () => {
    const refusals = await Promise.all([
      cluster.client.create(BuiltinKinds.ConfigMap, child('direct')).catch((err: unknown) => err),
      cluster.client.apply(child('direct-apply'), { force: true }).catch((err: unknown) => err),
    ]);
    for (const err of refusals) {
      expect(err).toMatchObject({ statusCode: 403, reason: 'Forbidden' });
      expect((err as KubeApiError).causes).toContainEqual(
        expect.objectContaining({ reason: 'NamespaceTerminating' }),
      );
      expect(isNamespaceTerminating(err)).toBe(true);
    }
  });

  it('reconciles each object once, does not retry, and logs no error or warning', async () => {
    const errorsBefore = await metricValue(manager, 'controller_runtime_reconcile_errors_total', {
      controller: CONTROLLER,
    });
    for (const name of ['apply-1', 'create-1']) {
      await cluster.client.patch(GadgetKind, { namespace: NS, name }, { spec: { note: 'go' } });
    }
    await eventually(
      () => controller.seen.count(NS, 'apply-1') >= 1 && controller.seen.count(NS, 'create-1') >= 1,
      'a reconcile of each change',
    );
    // Backoff would retry within milliseconds (5 ms, 10 ms, ...): a quiet second means it stopped.
    await settled(() => controller.seen.calls.length, 'the controller to stop', 1_000);
    expect(controller.seen.count(NS, 'apply-1')).toBe(1);
    expect(controller.seen.count(NS, 'create-1')).toBe(1);
    expect(
      await metricValue(manager, 'controller_runtime_reconcile_errors_total', { controller: CONTROLLER }),
    ).toBe(errorsBefore);
    expect(lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
    const stopped = lines.filter((line) => line.message === 'namespace is terminating; not retrying');
    expect(stopped.map((line) => line.name).sort()).toEqual(['apply-1', 'create-1']);
    expect(stopped[0]).toMatchObject({ level: 'debug', controller: CONTROLLER, namespace: NS });
  });
});
