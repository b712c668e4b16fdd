// Unit tests of the snippets that need no API server: CRD generation, offline validation, the builder,
// the work queue, metrics, probes and logs.
import { describe, expect, it } from '@jest/globals';
import {
  ControllerBuilder,
  OperatorMetrics,
  readControllerOptions,
  type ControllerDefinition,
  type SharedCache,
} from '@score-orchestrator/operator-sdk';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { widgetDefinition, widgetAuditController } from './controller-builder.js';
import { widgetAsStored, widgetCrdYaml, widgetIssues } from './crd-generation.js';
import { createMetrics, createOperatorLogger, logWorkersStarted, serveProbes } from './observability.js';
import { createQueue, runWorker } from './queue-usage.js';
import { WidgetController } from './widget.controller.js';

describe('crd-generation', () => {
  it('renders the Widget CRD', () => {
    const crd = parse(widgetCrdYaml());
    expect(crd.metadata.name).toBe('widgets.snippets.example.dev');
    expect(crd.spec.names).toMatchObject({ kind: 'Widget', plural: 'widgets', shortNames: ['wdg'] });
    const spec = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    expect(spec['x-kubernetes-validations']).toEqual([
      {
        rule: '!has(self.maxReplicas) || self.replicas <= self.maxReplicas',
        message: 'replicas must not exceed maxReplicas',
        fieldPath: '.replicas',
      },
    ]);
  });

  it('validates offline as shown in crds-and-validation.md', () => {
    const issues = widgetIssues({
      apiVersion: 'snippets.example.dev/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: { mode: 'Paused', replicas: 8, maxReplicas: 5, containers: [{ image: '' }] },
    });
    expect(issues).toEqual(EXPECTED_ISSUES);
  });

  it('skips CEL after a blocking error', () => {
    const issues = widgetIssues({ spec: { mode: 'Sleeping', replicas: 8, maxReplicas: 5, containers: [] } });
    expect(issues).toEqual(EXPECTED_BLOCKED);
  });

  it('reports pruned fields', () => {
    const { prunedFields } = widgetAsStored({
      spec: { mode: 'Active', replicas: 1, containers: [], colour: 'red' },
    });
    expect(prunedFields).toEqual(['spec.colour']);
  });
});

const EXPECTED_ISSUES = [
  'spec.containers[0].image: Invalid value: "": spec.containers[0].image in body should be at least 1 chars long',
  'spec.replicas: Invalid value: replicas must not exceed maxReplicas',
];
const EXPECTED_BLOCKED = [
  'spec.mode: Unsupported value: "Sleeping": supported values: "Active", "Paused"',
  '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
];

describe('controller-builder', () => {
  const summary = (d: ControllerDefinition) => ({
    name: d.name,
    primary: d.primary,
    sources: d.sources.map((s) => ({ kind: s.kind.kind, predicates: s.predicates.length })),
    concurrency: d.concurrency,
    namespaces: d.namespaces,
    finalizer: d.finalizer,
    reconcileTimeoutMs: d.reconcileTimeoutMs,
  });

  it('builds what @Controller records on WidgetController', () => {
    const decorated = ControllerBuilder.fromOptions(readControllerOptions(WidgetController)!).build();
    expect(summary(widgetDefinition)).toEqual(summary(decorated));
    expect(widgetDefinition.sources.map((s) => s.kind.kind)).toEqual(['Widget', 'ConfigMap', 'Secret']);
  });

  it('applies @Controller to a class made at run time', () => {
    const cls = widgetAuditController(['team-a']);
    expect(readControllerOptions(cls)).toMatchObject({ name: 'widget-audit', namespaces: ['team-a'] });
  });
});

describe('queue-usage', () => {
  it('retries a failing key with backoff and forgets it on success', async () => {
    const queue = createQueue(new OperatorMetrics());
    const attempts: string[] = [];
    const worker = runWorker(queue, async (key) => {
      attempts.push(key);
      if (attempts.length < 3) throw new Error('not yet');
    });
    queue.add('team-a/w1');
    queue.add('team-a/w1'); // deduplicated
    // Ends with the third attempt; the deadline is for a queue that never retries, and generous for CI.
    const deadline = Date.now() + 20_000;
    while (attempts.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(attempts).toEqual(['team-a/w1', 'team-a/w1', 'team-a/w1']);
    expect(queue.numRequeues('team-a/w1')).toBe(0);
    queue.shutDown();
    await worker;
  });
});

describe('observability', () => {
  it('serves probes and the custom metric', async () => {
    const { metrics, rendered } = createMetrics();
    rendered.inc({ mode: 'Active' });
    let synced = false;
    const cache = {
      get synced() {
        return synced;
      },
    } as SharedCache;
    const lines = new PassThrough();
    const health = await serveProbes(metrics, cache, createOperatorLogger(lines), 0);
    try {
      const base = `http://127.0.0.1:${health.address!.port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(500);
      synced = true;
      expect(await (await fetch(`${base}/readyz?verbose`)).text()).toContain('[+]informers ok');
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain('widget_renders_total{mode="Active"} 1');
      expect(text).toContain('nodejs_heap_size_total_bytes');
    } finally {
      await health.stop();
    }
  });

  it('logs constant messages with fields', () => {
    const lines = new PassThrough();
    logWorkersStarted(createOperatorLogger(lines), 4);
    const line = JSON.parse(String(lines.read()));
    expect(line).toMatchObject({
      message: 'starting workers',
      controller: 'widget',
      workerCount: 4,
      component: 'widget-operator',
      level: 'info',
    });
  });
});
