import type { PinnedVersions } from './pinned-versions.js';

/**
 * The binaries a local cluster is made of: the control plane, kwok for fake nodes, and the kubelet and
 * kube-proxy of real nodes.
 */
export type ControlPlaneBinary =
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'kwok'
  | 'kubelet'
  | 'kube-proxy';

/** Where a binary comes from and how to build it from the Go modules pinned under `hack/`. */
export interface BinarySpec {
  readonly name: ControlPlaneBinary;
  /** The environment variable that names this binary's path, in the style of controller-runtime's envtest. */
  readonly envVar: string;
  /** The folder under `hack/` whose go.mod pins the binary. */
  readonly module: 'kube' | 'etcd' | 'kwok';
  /** The Go package `go build` turns into the binary. */
  readonly goPackage: string;
  /** Linker flags; the version stamps come from the pinned go.mod so the version is named once. */
  readonly ldflags: (versions: PinnedVersions) => string;
}

// Without these stamps the binaries report v0.0.0, which clients and the API server's discovery show.
const kubeLdflags = ({ kubernetes }: PinnedVersions): string => {
  const [major, minor] = kubernetes.replace(/^v/, '').split('.');
  return [
    '-s -w',
    `-X k8s.io/component-base/version.gitVersion=${kubernetes}`,
    `-X k8s.io/component-base/version.gitMajor=${major}`,
    `-X k8s.io/component-base/version.gitMinor=${minor}`,
    `-X k8s.io/client-go/pkg/version.gitVersion=${kubernetes}`,
    '-X k8s.io/component-base/version.gitTreeState=clean',
  ].join(' ');
};

/** Every binary, in the order they are built and started. */
export const controlPlaneBinaries: readonly BinarySpec[] = [
  {
    name: 'etcd',
    envVar: 'TEST_ASSET_ETCD',
    module: 'etcd',
    goPackage: 'go.etcd.io/etcd/server/v3',
    ldflags: () => '-s -w',
  },
  {
    name: 'kube-apiserver',
    envVar: 'TEST_ASSET_KUBE_APISERVER',
    module: 'kube',
    goPackage: 'k8s.io/kubernetes/cmd/kube-apiserver',
    ldflags: kubeLdflags,
  },
  {
    name: 'kube-controller-manager',
    envVar: 'TEST_ASSET_KUBE_CONTROLLER_MANAGER',
    module: 'kube',
    goPackage: 'k8s.io/kubernetes/cmd/kube-controller-manager',
    ldflags: kubeLdflags,
  },
  {
    name: 'kube-scheduler',
    envVar: 'TEST_ASSET_KUBE_SCHEDULER',
    module: 'kube',
    goPackage: 'k8s.io/kubernetes/cmd/kube-scheduler',
    ldflags: kubeLdflags,
  },
  {
    name: 'kwok',
    envVar: 'TEST_ASSET_KWOK',
    module: 'kwok',
    goPackage: 'sigs.k8s.io/kwok/cmd/kwok',
    // kwok's release already carries its version as a constant (pkg/consts.Version).
    ldflags: () => '-s -w',
  },
  {
    name: 'kubelet',
    envVar: 'TEST_ASSET_KUBELET',
    module: 'kube',
    goPackage: 'k8s.io/kubernetes/cmd/kubelet',
    ldflags: kubeLdflags,
  },
  {
    name: 'kube-proxy',
    envVar: 'TEST_ASSET_KUBE_PROXY',
    module: 'kube',
    goPackage: 'k8s.io/kubernetes/cmd/kube-proxy',
    ldflags: kubeLdflags,
  },
];

/** The spec of one binary by name. */
export function binarySpec(name: ControlPlaneBinary): BinarySpec {
  const spec = controlPlaneBinaries.find((b) => b.name === name);
  if (spec === undefined) throw new Error(`unknown control-plane binary ${name}`);
  return spec;
}
