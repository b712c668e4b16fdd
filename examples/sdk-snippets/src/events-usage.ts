// The EventRecorder of docs/sdk/events.md, used on its own (a manager builds one; reconcilers use ctx.events).
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { EventRecorder, type Logger } from '@score-orchestrator/operator-sdk';

// #region recorder
export async function reportProvisioning(kubeConfig: KubeConfig, claim: KubernetesObject, logger?: Logger) {
  const recorder = new EventRecorder({
    kubeConfig,
    reportingController: 'snippets.example.dev/provisioner',
    logger,
  });
  // Fire and forget: never throws, never waits for the API server.
  recorder.event(claim, {
    type: 'Warning',
    reason: 'ProvisionFailed',
    action: 'Provision',
    note: 'db unreachable',
  });
  // Repeats within 6 minutes raise series.count on the first Event instead of creating new ones.
  recorder.event(claim, {
    type: 'Warning',
    reason: 'ProvisionFailed',
    action: 'Provision',
    note: 'db unreachable',
  });
  await recorder.stop(); // on shutdown: write pending series counts, then accept no more
}
// #endregion recorder
