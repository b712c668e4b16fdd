import { describe, expect, it } from '@jest/globals';
import type { WorkQueueMetrics, WorkQueueSnapshot } from '../metrics/work-queue-metrics.js';
import { FakeClock } from './fake-clock.js';
import { WorkQueue } from './work-queue.js';

/** Records what the queue reports, as plain numbers. */
class RecordingMetrics implements WorkQueueMetrics {
  adds = 0;
  retries = 0;
  queued: number[] = [];
  worked: number[] = [];
  read: () => WorkQueueSnapshot = () => {
    throw new Error('the queue did not call track');
  };

  add(): void {
    this.adds++;
  }
  get(queuedSeconds: number): void {
    this.queued.push(queuedSeconds);
  }
  done(workSeconds: number): void {
    this.worked.push(workSeconds);
  }
  retry(): void {
    this.retries++;
  }
  track(snapshot: () => WorkQueueSnapshot): void {
    this.read = snapshot;
  }
}

function newQueue(): { queue: WorkQueue; clock: FakeClock; metrics: RecordingMetrics } {
  const clock = new FakeClock(1_000);
  const metrics = new RecordingMetrics();
  return { queue: new WorkQueue({ name: 'test', clock, metrics }), clock, metrics };
}

describe('WorkQueue: metrics', () => {
  it('counts adds but not deduplicated ones', () => {
    const { queue, metrics } = newQueue();
    queue.add('a');
    queue.add('a');
    queue.add('b');
    expect(metrics.adds).toBe(2);
  });

  it('measures time in the queue and time in processing on its clock', async () => {
    const { queue, clock, metrics } = newQueue();
    queue.add('a');
    clock.advance(30);
    await queue.get();
    clock.advance(20);
    queue.done('a');
    expect(metrics.queued).toEqual([0.03]);
    expect(metrics.worked).toEqual([0.02]);
  });

  it('measures a key re-added during processing from its re-add', async () => {
    const { queue, clock, metrics } = newQueue();
    queue.add('a');
    await queue.get();
    clock.advance(10);
    queue.add('a');
    clock.advance(5);
    queue.done('a');
    clock.advance(7);
    await queue.get();
    expect(metrics.queued).toEqual([0, 0.012]);
  });

  it('counts every scheduled retry, as client-go does', () => {
    const { queue, metrics } = newQueue();
    queue.addAfter('a', 10);
    queue.addAfter('b', 0);
    queue.addRateLimited('c');
    expect(metrics.retries).toBe(3);
  });

  it('reports depth and in-flight work when read', async () => {
    const { queue, clock, metrics } = newQueue();
    expect(metrics.read()).toEqual({ depth: 0, unfinishedWorkSeconds: 0, longestRunningProcessorSeconds: 0 });
    queue.add('a');
    queue.add('b');
    queue.add('c');
    await queue.get();
    clock.advance(3000);
    await queue.get();
    clock.advance(1000);
    queue.add('a');
    expect(metrics.read()).toEqual({ depth: 2, unfinishedWorkSeconds: 5, longestRunningProcessorSeconds: 4 });
  });
});
