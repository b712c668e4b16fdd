import { Gauge, type Registry } from 'prom-client';

/**
 * What the elector needs from the SDK's metrics: only the registry. Typed loosely on purpose, so any
 * `OperatorMetrics` (or a bare `{ registry }`) fits without this folder depending on its shape.
 */
export interface LeaderElectionMetrics {
  readonly registry: Registry;
}

const GAUGE_NAME = 'leader_election_master_status';

/**
 * Returns a setter for `leader_election_master_status{name}` (1 = leading, 0 = not), the gauge
 * controller-runtime exports. Reuses the gauge when the registry already has it, creates it otherwise.
 */
export function leaderStatusReporter(
  metrics: LeaderElectionMetrics | undefined,
  leaseName: string,
): (leading: boolean) => void {
  if (!metrics) return () => undefined;
  let gauge = metrics.registry.getSingleMetric(GAUGE_NAME) as Gauge<'name'> | undefined;
  if (!gauge) {
    gauge = new Gauge({
      name: GAUGE_NAME,
      help: 'Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master.',
      labelNames: ['name'],
      registers: [metrics.registry],
    });
  }
  const target = gauge;
  return (leading) => target.set({ name: leaseName }, leading ? 1 : 0);
}
