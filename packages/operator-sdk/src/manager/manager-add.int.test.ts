import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { ControlPlane } from '@score-orchestrator/testing';
import { Container } from 'inversify';
import { BuiltinKinds } from '../api/builtin-kinds.js';
import { KubeClient } from '../client/kube-client.js';
import { ControllerBuilder } from '../controller/controller-builder.js';
import { createLogger } from '../logging/logger.js';
import { Predicates } from '../predicate/predicates.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import { Manager } from './manager.js';

describe('Manager.add: controllers built without decorators', () => {
  let cp: ControlPlane;
  beforeAll(async () => {
    cp = await ControlPlane.start();
  });
  afterAll(async () => {
    await cp?.stop();
  });

  it('runs a ControllerBuilder definition and refuses additions after start', async () => {
    const seen: string[] = [];
    const manager = Manager.create({
      container: new Container(),
      kubeConfig: cp.kubeConfig,
      probePort: false,
      logger: createLogger({ silent: true }),
    });
    const definition = ControllerBuilder.for(BuiltinKinds.ConfigMap, {
      predicates: [Predicates.hasLabels({ built: 'yes' })],
    })
      .named('built')
      .build();
    manager.add(definition, {
      async reconcile(obj: KubernetesObject, ctx: ReconcileContext) {
        seen.push(`${ctx.controller}:${obj.metadata?.name}`);
      },
    });
    await manager.start();
    try {
      expect(() => manager.add(definition, { reconcile: async () => undefined })).toThrow(
        /manager has started/,
      );
      const client = new KubeClient(cp.kubeConfig, { fieldManager: 'test' });
      await client.create(BuiltinKinds.ConfigMap, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'picked', namespace: 'default', labels: { built: 'yes' } },
      });
      await client.create(BuiltinKinds.ConfigMap, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'ignored', namespace: 'default' },
      });
      const deadline = Date.now() + 30_000; // ends with the event; generous for a loaded CI machine
      while (!seen.includes('built:picked') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(seen).toContain('built:picked');
      expect(seen).not.toContain('built:ignored');
    } finally {
      await manager.stop();
    }
  });
});
