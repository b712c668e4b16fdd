// Tracing against a real API server: a manager with tracing on records one span per reconcile, with the API
// requests the reconciler makes as its children; without the option or the environment, none.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ControlPlane, eventually } from '@score-orchestrator/testing';
import { Container } from 'inversify';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { KubeClient } from '../client/kube-client.js';
import { ControllerBuilder } from '../controller/controller-builder.js';
import { createLogger } from '../logging/logger.js';
import { Manager } from '../manager/manager.js';
import { Predicates } from '../predicate/predicates.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import { TerminalError } from '../reconcile/terminal.error.js';
import { installInMemoryTracing, type InMemoryTracing } from './fixtures/in-memory-tracing.js';

const configMap = (name: string): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels: { traced: 'yes' } },
});

// Reads its object back and marks it seen; refuses objects named "bad" for good.
const reconciler = {
  async reconcile(obj: KubernetesObject, ctx: ReconcileContext) {
    if (obj.metadata?.name === 'bad') throw new TerminalError('bad name');
    await ctx.client.get(BuiltinKinds.ConfigMap, ctx.key);
    await ctx.client.patch(BuiltinKinds.ConfigMap, ctx.key, { metadata: { annotations: { seen: 'yes' } } });
  },
};

describe('tracing on a real API server', () => {
  let cp: ControlPlane;
  let client: KubeClient;
  let memory: InMemoryTracing;
  beforeAll(async () => {
    memory = installInMemoryTracing();
    cp = await ControlPlane.start();
    client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
  });
  afterAll(async () => {
    await cp?.stop();
    await memory?.uninstall();
  });

  const startManager = async (tracing: boolean | undefined) => {
    const definition = ControllerBuilder.for(BuiltinKinds.ConfigMap, {
      predicates: [Predicates.hasLabels({ traced: 'yes' })],
    })
      .named('traced')
      .build();
    // #region manager-tracing
    const manager = Manager.create({
      container: new Container(),
      kubeConfig: cp.kubeConfig,
      tracing, // true; undefined leaves it to OTEL_TRACES_EXPORTER / OTEL_SDK_DISABLED
      probePort: false,
      logger: createLogger({ silent: true }),
    });
    // #endregion manager-tracing
    manager.add(definition, reconciler);
    await manager.start();
    return manager;
  };

  it('records a span per reconcile, with a child span per API request', async () => {
    const manager = await startManager(true);
    try {
      await client.create(BuiltinKinds.ConfigMap, configMap('good'));
      await client.create(BuiltinKinds.ConfigMap, configMap('bad'));
      await eventually(
        () => ['good', 'bad'].every((name) => reconcileSpan(name) !== undefined),
        'both reconciles to be traced',
      );
    } finally {
      await manager.stop();
    }
    // #region reconcile-spans
    const good = reconcileSpan('good')!;
    expect(good.attributes).toMatchObject({
      'k8s.controller.name': 'traced',
      'k8s.resource.kind': 'ConfigMap',
      'k8s.namespace.name': 'default',
      'k8s.object.name': 'good',
      'reconcile.result': 'success',
    });
    const children = memory
      .spans()
      .filter((s) => s.parentSpanContext?.spanId === good.spanContext().spanId)
      .map((s) => [s.name, s.kind, s.attributes['k8s.verb'], s.attributes['http.response.status_code']]);
    expect(children).toEqual([
      ['get ConfigMap', SpanKind.CLIENT, 'get', 200],
      ['patch ConfigMap', SpanKind.CLIENT, 'patch', 200],
    ]);
    const bad = reconcileSpan('bad')!;
    expect(bad.attributes['reconcile.result']).toBe('terminal_error');
    expect(bad.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad name' });
    // #endregion reconcile-spans
  });

  it('records nothing when neither the option nor the environment turns it on', async () => {
    const saved = { ...process.env };
    delete process.env.OTEL_TRACES_EXPORTER;
    const manager = await startManager(undefined).finally(() => (process.env = saved));
    try {
      expect(manager.tracing.enabled).toBe(false);
      const before = memory.spans().length;
      await client.create(BuiltinKinds.ConfigMap, configMap('untraced'));
      await eventually(async () => {
        const cm = await client.get(BuiltinKinds.ConfigMap, { namespace: 'default', name: 'untraced' });
        return cm?.metadata?.annotations?.seen === 'yes';
      }, 'the untraced reconcile');
      expect(memory.spans().length).toBe(before);
    } finally {
      await manager.stop();
    }
  });

  function reconcileSpan(name: string) {
    return memory
      .spans()
      .find((s) => s.name === 'reconcile ConfigMap' && s.attributes['k8s.object.name'] === name);
  }
});
