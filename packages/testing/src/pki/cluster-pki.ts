import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  CertificateAuthority,
  createSigningKeyPair,
  type CertificateAndKey,
} from './certificate-authority.js';

/** The key material of one control plane, as files in its temporary folder. */
export interface ClusterPki {
  readonly ca: CertificateAuthority;
  readonly caFile: string;
  readonly servingCertFile: string;
  readonly servingKeyFile: string;
  readonly serviceAccountKeyFile: string;
  readonly serviceAccountPublicKeyFile: string;
  /** The API server's client certificate towards kubelets (logs, exec, port-forward on real nodes). */
  readonly kubeletClientCertFile: string;
  readonly kubeletClientKeyFile: string;
  /** The admin's client certificate (user `score:admin`, group `system:masters`). */
  readonly admin: CertificateAndKey;
}

/** The admin user's name in client certificates. */
export const adminUser = 'score:admin';

/**
 * Creates a CA, a serving certificate for 127.0.0.1/localhost, a service-account signing key and an admin
 * client certificate, and writes them under `dir`. One CA signs both serving and client certificates.
 */
export async function createClusterPki(dir: string): Promise<ClusterPki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await CertificateAuthority.create('score-orchestrator-test-ca');
  const [serving, serviceAccount, admin, kubeletClient] = await Promise.all([
    ca.issue({
      commonName: 'kube-apiserver',
      usage: 'server',
      dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
      ipAddresses: ['127.0.0.1', '10.0.0.1'],
    }),
    createSigningKeyPair(),
    ca.issue({ commonName: adminUser, organizations: ['system:masters'], usage: 'client' }),
    ca.issue({
      commonName: 'kube-apiserver-kubelet-client',
      organizations: ['system:masters'],
      usage: 'client',
    }),
  ]);
  const files = {
    caFile: join(dir, 'ca.crt'),
    servingCertFile: join(dir, 'apiserver.crt'),
    servingKeyFile: join(dir, 'apiserver.key'),
    serviceAccountKeyFile: join(dir, 'service-account.key'),
    serviceAccountPublicKeyFile: join(dir, 'service-account.pub'),
    kubeletClientCertFile: join(dir, 'apiserver-kubelet-client.crt'),
    kubeletClientKeyFile: join(dir, 'apiserver-kubelet-client.key'),
  };
  await Promise.all([
    writeFile(files.caFile, ca.certificate),
    writeFile(files.servingCertFile, serving.certificate),
    writeFile(files.servingKeyFile, serving.privateKey, { mode: 0o600 }),
    writeFile(files.serviceAccountKeyFile, serviceAccount.privateKey, { mode: 0o600 }),
    writeFile(files.serviceAccountPublicKeyFile, serviceAccount.publicKey),
    writeFile(files.kubeletClientCertFile, kubeletClient.certificate),
    writeFile(files.kubeletClientKeyFile, kubeletClient.privateKey, { mode: 0o600 }),
  ]);
  return { ca, admin, ...files };
}
