import { join } from 'node:path';

import type { ProcessSpec } from '../process/managed-process.js';

/** What kube-scheduler needs: its binary, folder and kubeconfig. */
export interface SchedulerConfig {
  readonly binary: string;
  readonly dir: string;
  readonly kubeconfig: string;
}

/** kube-scheduler with no serving port and no leader election (it is alone). */
export function schedulerProcess(config: SchedulerConfig): ProcessSpec {
  return {
    name: 'kube-scheduler',
    command: config.binary,
    logFile: join(config.dir, 'kube-scheduler.log'),
    args: [
      `--kubeconfig=${config.kubeconfig}`,
      '--secure-port=0',
      '--leader-elect=false',
      '--profiling=false',
    ],
  };
}
