import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkloadKind, WorkloadPlanKind, type WorkloadPlan } from '@score-orchestrator/api';
import type { ConfigReading, PlatformConfigSource } from '../platform-config/platform-config-source.js';
import {
  conditionReason,
  eventually,
  startOrchestrator,
  workload,
  type OrchestratorHarness,
} from './fixtures/orchestrator-harness.js';

/** A config source the test changes at will. */
class ScriptedConfigSource implements PlatformConfigSource {
  readonly description = 'scripted test config';
  private deliver?: (reading: ConfigReading) => void;
  constructor(private text: string) {}
  async start(onReading: (reading: ConfigReading) => void): Promise<void> {
    this.deliver = onReading;
    onReading({ text: this.text });
  }
  async stop(): Promise<void> {
    this.deliver = undefined;
  }
  change(text: string): void {
    this.text = text;
    this.deliver?.({ text });
  }
}

const header = 'apiVersion: score.dev/v1b1\nkind: PlatformConfig\n';
const withProfile = (replicas: number) =>
  `${header}defaults:\n  profile: sized\nprofiles:\n  - name: sized\n    options:\n      replicas: ${replicas}\n`;

describe('platform config changes re-reconcile every Workload', () => {
  let h: OrchestratorHarness;
  let ns: string;
  const source = new ScriptedConfigSource(withProfile(1));

  beforeAll(async () => {
    h = await startOrchestrator(source, { resolvers: {} });
    ns = await h.namespace('reload');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const planOptions = async () =>
    (await h.client.get<WorkloadPlan>(WorkloadPlanKind, { namespace: ns, name: 'sized' }))?.spec.options;

  it('applies a new profile to an unchanged Workload, and ignores a bad config', async () => {
    await h.client.create(WorkloadKind, workload(ns, 'sized'));
    await conditionReason(h.client, ns, 'sized', 'Ready', 'Ready');
    expect(await planOptions()).toEqual({ replicas: 1 });

    source.change(withProfile(3));
    await eventually(
      async () => ((await planOptions())?.replicas === 3 ? true : undefined),
      'the new profile',
    );

    // A config that does not parse keeps the last good one in force.
    source.change(`${header}profiles: not-a-list\n`);
    source.change(withProfile(3).replace('replicas: 3', 'replicas: 3\n      tier: gold'));
    await eventually(
      async () => ((await planOptions())?.tier === 'gold' ? true : undefined),
      'the config after the rejected one',
    );
    const metrics = await h.manager.metrics.registry.metrics();
    expect(metrics).toMatch(/score_orchestrator_config_reload_total\{result="failure"\} 1/);
  });
});
