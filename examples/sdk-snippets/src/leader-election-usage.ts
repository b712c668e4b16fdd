// The LeaderElector of docs/sdk/leader-election.md, used on its own (a manager runs one when
// `leaderElection` is set).
import type { KubeConfig } from '@kubernetes/client-node';
import {
  LeaderElector,
  type LeaderElectionOutcome,
  type OperatorMetrics,
} from '@score-orchestrator/operator-sdk';

// #region elector
export function campaign(kubeConfig: KubeConfig, namespace: string, metrics?: OperatorMetrics) {
  const elector = new LeaderElector({
    kubeConfig,
    namespace,
    name: 'widget-janitor', // every candidate uses the same Lease
    leaseDurationMs: 15_000, // the defaults (client-go's); must be > renewDeadlineMs > 1.2 × retryPeriodMs
    renewDeadlineMs: 10_000,
    retryPeriodMs: 2_000,
    metrics, // leader_election_master_status{name="widget-janitor"}
    onStartedLeading: async (signal) => {
      // Work guarded by the lease; it must stop when `signal` aborts.
      while (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 100));
    },
    onStoppedLeading: () => undefined, // after 'lost': stop everything (usually, exit)
  });
  const outcome: Promise<LeaderElectionOutcome> = elector.run(); // 'stopped' after stop(), 'lost' otherwise
  return { elector, outcome };
}
// #endregion elector
