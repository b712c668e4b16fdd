import { StorageV1Api, type KubeConfig } from '@kubernetes/client-node';

/** The name of the StorageClass a LocalCluster marks as default. */
export const DEFAULT_STORAGE_CLASS = 'standard';

/**
 * Creates the default StorageClass, served by kube-controller-manager's host-path provisioner, so that
 * PersistentVolumeClaims without a class bind (StatefulSets with volume claim templates become ready).
 */
export async function createDefaultStorageClass(kubeConfig: KubeConfig): Promise<void> {
  await kubeConfig.makeApiClient(StorageV1Api).createStorageClass({
    body: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: DEFAULT_STORAGE_CLASS,
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
      provisioner: 'kubernetes.io/host-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    },
  });
}
