import type { KubeClient } from '@score-orchestrator/operator-sdk';

/** The default StorageClass `dev` creates: a local cluster has no volume provisioner. */
export const DEV_STORAGE_CLASS = 'score-dev-static';

/**
 * Gives the local cluster storage: a default StorageClass without a provisioner and `count` static
 * hostPath PersistentVolumes of it, so claims of dev databases (StatefulSet volume templates, PVCs of
 * `volume` resources) bind. Nothing is written to those paths: kwok runs no containers. Idempotent.
 */
export async function provideDevStorage(client: KubeClient, count = 16): Promise<void> {
  await client.apply({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: DEV_STORAGE_CLASS,
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    provisioner: 'kubernetes.io/no-provisioner',
    volumeBindingMode: 'Immediate',
  });
  for (let i = 0; i < count; i++) {
    await client.apply({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `${DEV_STORAGE_CLASS}-${i}` },
      spec: {
        storageClassName: DEV_STORAGE_CLASS,
        capacity: { storage: '100Gi' },
        accessModes: ['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany'],
        persistentVolumeReclaimPolicy: 'Retain',
        hostPath: { path: `/tmp/${DEV_STORAGE_CLASS}-${i}` },
      },
    });
  }
}
