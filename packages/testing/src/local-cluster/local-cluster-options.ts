import type { ControlPlaneOptions } from '../control-plane/control-plane-options.js';
import type { LocalImageName } from '../images/local-images.js';

/** Options of {@link LocalCluster.start}. */
export interface LocalClusterOptions extends ControlPlaneOptions {
  /** How many nodes to start; 1 by default. */
  readonly nodes?: number;
  /**
   * What plays the nodes:
   * - `kwok` (the default): fake nodes whose pods turn Running and Ready without running anything;
   *   starts in about a second.
   * - `kubelet`: real nodes on this machine (containerd, CNI, a kubelet each, kube-proxy), whose pods run
   *   locally built images. Needs root, Linux with cgroup v1 or v2, and the Debian packages named in the
   *   README; one such cluster runs per machine at a time.
   */
  readonly nodeKind?: 'kwok' | 'kubelet';
  /**
   * With `nodeKind: 'kubelet'`, the images imported into every node (there is no registry); all local
   * images by default. Build them first with `npm run control-plane:assets`.
   */
  readonly images?: readonly LocalImageName[];
  /**
   * With `nodeKind: 'kubelet'`, `docker save` archives imported into every node besides `images`: images
   * built elsewhere, such as the orchestrator's own (`npm run image`). Pods find them by the tags the
   * archives carry (`score-orchestrator:dev` is `docker.io/library/score-orchestrator:dev`); nothing is
   * pulled, so give such containers `imagePullPolicy: Never` or `IfNotPresent`.
   */
  readonly imageArchives?: readonly string[];
}
