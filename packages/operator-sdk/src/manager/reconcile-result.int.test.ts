// What a reconcile's outcome does next: requeue after a delay, retry errors with backoff, stop retrying
// terminal errors until the object changes; and what each reconcile logs with.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller } from '../controller/controller.decorator.js';
import { createLogger } from '../logging/logger.js';
import type { ReconcileContext } from '../reconcile/reconcile-context.js';
import type { Reconciler } from '../reconcile/reconciler.interface.js';
import { Result, type ReconcileResult } from '../reconcile/result.js';
import { TerminalError } from '../reconcile/terminal.error.js';
import { type Gadget, GadgetKind } from './fixtures/gadget.resource.js';
import {
  eventually,
  gadget,
  metricValue,
  ReconcileRecorder,
  sleep,
  startTestCluster,
  type TestCluster,
} from './fixtures/integration-harness.js';
import type { Manager } from './manager.js';

const NS = 'results';
const CONTROLLER = 'results';

/** Behaves as the object's name says: `requeue-*`, `flaky-*`, `terminal-*`. */
@Controller({ for: GadgetKind, namespaces: [NS], name: CONTROLLER })
class ResultsController implements Reconciler<Gadget> {
  readonly seen = new ReconcileRecorder();
  async reconcile(obj: Gadget, ctx: ReconcileContext): Promise<ReconcileResult> {
    this.seen.record(obj);
    ctx.logger.info('reconciling gadget');
    const name = obj.metadata.name!;
    const calls = this.seen.count(NS, name);
    if (name.startsWith('requeue-')) return calls < 4 ? Result.requeueAfter(400) : Result.done();
    if (name.startsWith('flaky-') && calls < 4) throw new Error(`attempt ${calls} failed`);
    if (name.startsWith('terminal-') && obj.spec?.note !== 'fixed') throw new TerminalError('spec is wrong');
    return Result.done();
  }
}

describe('reconcile results on a real API server', () => {
  let cluster: TestCluster;
  let manager: Manager;
  const controller = new ResultsController();
  const logs = new PassThrough();
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    logs.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    });
    cluster = await startTestCluster();
    await cluster.namespace(NS);
    manager = await cluster.startManager([controller], { logger: createLogger({ stream: logs }) });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  const metric = (name: string, labels: Record<string, string> = {}) =>
    metricValue(manager, name, { controller: CONTROLLER, ...labels });

  it('requeueAfter reconciles again after the delay, without any change', async () => {
    await cluster.client.create(GadgetKind, gadget(NS, 'requeue-1'));
    await eventually(() => controller.seen.count(NS, 'requeue-1') === 4, 'four reconciles');
    const times = controller.seen.times(NS, 'requeue-1');
    const gaps = times.slice(1).map((at, i) => at - times[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(390);
    expect(await metric('controller_runtime_reconcile_total', { result: 'requeue_after' })).toBe(3);
    await sleep(600);
    expect(controller.seen.count(NS, 'requeue-1')).toBe(4);
  });

  it('retries a thrown error with backoff and counts it', async () => {
    const errorsBefore = await metric('controller_runtime_reconcile_errors_total');
    await cluster.client.create(GadgetKind, gadget(NS, 'flaky-1'));
    await eventually(() => controller.seen.count(NS, 'flaky-1') === 4, 'the fourth attempt');
    expect(await metric('controller_runtime_reconcile_errors_total')).toBe(errorsBefore + 3);
    // Per-item exponential backoff (5 ms, 10 ms, 20 ms by default): the retries took at least that long.
    const times = controller.seen.times(NS, 'flaky-1');
    expect(times[3] - times[0]).toBeGreaterThanOrEqual(30);
    await sleep(300);
    expect(controller.seen.count(NS, 'flaky-1')).toBe(4);
    const failure = lines.find(
      (line) => line.message === 'reconcile failed; retrying with backoff' && line.name === 'flaky-1',
    );
    expect(failure).toMatchObject({ level: 'error', err: 'attempt 1 failed', controller: CONTROLLER });
  });

  it('does not retry a TerminalError until the object changes', async () => {
    const terminalBefore = await metric('controller_runtime_terminal_reconcile_errors_total');
    await cluster.client.create(GadgetKind, gadget(NS, 'terminal-1'));
    await eventually(() => controller.seen.count(NS, 'terminal-1') === 1, 'the first attempt');
    await eventually(
      async () => (await metric('controller_runtime_terminal_reconcile_errors_total')) === terminalBefore + 1,
      'the terminal error metric',
    );
    await sleep(800);
    expect(controller.seen.count(NS, 'terminal-1')).toBe(1);

    await cluster.client.patch(
      GadgetKind,
      { namespace: NS, name: 'terminal-1' },
      { spec: { note: 'fixed' } },
    );
    await eventually(() => controller.seen.count(NS, 'terminal-1') === 2, 'a reconcile of the change');
    expect(await metric('controller_runtime_terminal_reconcile_errors_total')).toBe(terminalBefore + 1);
  });

  it('gives every reconcile a logger carrying controller, namespace, name and reconcileID', async () => {
    const reconciling = lines.filter((line) => line.message === 'reconciling gadget');
    expect(reconciling.length).toBeGreaterThan(0);
    for (const line of reconciling) {
      expect(line).toMatchObject({ controller: CONTROLLER, namespace: NS, manager: 'operator' });
      expect(line.name).toEqual(expect.any(String));
      expect(line.reconcileID).toMatch(/^[0-9a-f-]{36}$/);
    }
    const ids = new Set(reconciling.map((line) => line.reconcileID));
    expect(ids.size).toBe(reconciling.length);
  });
});
