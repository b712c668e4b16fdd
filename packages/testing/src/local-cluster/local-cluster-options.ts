import type { ControlPlaneOptions } from '../control-plane/control-plane-options.js';

/** Options of {@link LocalCluster.start}. */
export interface LocalClusterOptions extends ControlPlaneOptions {
  /** How many kwok-played nodes to create; 1 by default. */
  readonly nodes?: number;
}
