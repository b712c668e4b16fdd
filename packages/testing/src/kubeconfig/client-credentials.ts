import { writeFile } from 'node:fs/promises';

import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';

/** How one user reaches a local API server: its URL, the CA to trust, and a client certificate. */
export interface ClientCredentials {
  readonly server: string;
  /** The CA certificate (PEM) that signed the API server's serving certificate. */
  readonly caCertificate: string;
  /** The user's client certificate and key (PEM). */
  readonly certificate: string;
  readonly privateKey: string;
  /** The user name, also used to name the kubeconfig's user and context. */
  readonly user: string;
}

const clusterName = 'score-local';
const base64 = (pem: string): string => Buffer.from(pem).toString('base64');

/** A client-node KubeConfig for the credentials, with one cluster, user and current context. */
export function toKubeConfig(credentials: ClientCredentials): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: clusterName, server: credentials.server, caData: base64(credentials.caCertificate) }],
    users: [
      {
        name: credentials.user,
        certData: base64(credentials.certificate),
        keyData: base64(credentials.privateKey),
      },
    ],
    contexts: [{ name: contextName(credentials), cluster: clusterName, user: credentials.user }],
    currentContext: contextName(credentials),
  });
  return kubeConfig;
}

/** Writes the credentials as a kubeconfig file (data embedded, mode 0600) that kubectl and Go clients read. */
export async function writeKubeconfigFile(path: string, credentials: ClientCredentials): Promise<void> {
  const document = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: clusterName,
        cluster: {
          server: credentials.server,
          'certificate-authority-data': base64(credentials.caCertificate),
        },
      },
    ],
    users: [
      {
        name: credentials.user,
        user: {
          'client-certificate-data': base64(credentials.certificate),
          'client-key-data': base64(credentials.privateKey),
        },
      },
    ],
    contexts: [{ name: contextName(credentials), context: { cluster: clusterName, user: credentials.user } }],
    'current-context': contextName(credentials),
  };
  await writeFile(path, stringify(document), { mode: 0o600 });
}

function contextName(credentials: ClientCredentials): string {
  return `${credentials.user}@${clusterName}`;
}
