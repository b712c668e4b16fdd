import { createSocket, type Socket } from 'node:dgram';

import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';

import { TestingError, describeError } from '../errors/testing.error.js';
import { buildAnswer, DnsRcode, DnsType, parseQuery, type DnsQuery } from './dns-message.js';

/** The cluster domain pods' names end in. */
export const clusterDomain = 'cluster.local';

const serviceName = new RegExp(`^([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.${clusterDomain.replace('.', '\\.')}$`);

/**
 * The cluster's DNS for real nodes: `<service>.<namespace>.svc.cluster.local` resolves to the Service's
 * ClusterIP, read from the API server on each query; every other name is unknown (there is no upstream:
 * pods here reach nothing outside the machine). It runs in the process that owns the cluster, on UDP port
 * 53 of the first node's IP, which the kubelets give pods as their nameserver. Headless Services and pod
 * names are not served.
 */
export class ClusterDns {
  private constructor(private readonly socket: Socket) {}

  /**
   * Listens on `address`:53.
   *
   * @throws TestingError `Start` when the port cannot be bound.
   */
  static async start(kubeConfig: KubeConfig, address: string): Promise<ClusterDns> {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const socket = createSocket('udp4');
    socket.on('message', (message, peer) => {
      const query = parseQuery(message);
      if (query === undefined) return;
      void answer(core, query).then((reply) => socket.send(reply, peer.port, peer.address));
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(53, address, () => {
        socket.off('error', reject);
        resolve();
      });
    }).catch((err: unknown) => {
      socket.close();
      throw new TestingError(
        'Start',
        `failed to start the cluster DNS on ${address}:53: ${describeError(err)}`,
        {
          cause: err,
        },
      );
    });
    // Never what keeps the owner alive; the owner's stop() closes it.
    socket.unref();
    return new ClusterDns(socket);
  }

  /** Stops answering. Idempotent. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }
}

async function answer(core: CoreV1Api, query: DnsQuery): Promise<Buffer> {
  const match = serviceName.exec(query.question.name);
  if (match === null) return buildAnswer(query, DnsRcode.NxDomain);
  const [, name, namespace] = match as unknown as [string, string, string];
  const clusterIp = await core
    .readNamespacedService({ name, namespace })
    .then((service) => service.spec?.clusterIP)
    .catch(() => undefined);
  if (clusterIp === undefined || clusterIp === 'None') return buildAnswer(query, DnsRcode.NxDomain);
  // The name exists; only A records are served (the Services here have IPv4 ClusterIPs).
  return buildAnswer(query, DnsRcode.NoError, query.question.type === DnsType.A ? [clusterIp] : []);
}
