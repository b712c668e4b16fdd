import { createConnection, createServer, type Server, type Socket } from 'node:net';

import { DiscoveryV1Api, type KubeConfig } from '@kubernetes/client-node';

import { TestingError, describeError } from '../errors/testing.error.js';

/**
 * Lets pods reach the API server, which listens on loopback only: a TCP forwarder on the first node's IP
 * (same port), and an EndpointSlice that points the `kubernetes` Service there, so in-cluster clients
 * (`KUBERNETES_SERVICE_HOST`, `kubernetes.default.svc`) connect as in a real cluster. TLS passes through;
 * the serving certificate already names the Service's ClusterIP and DNS names.
 */
export class ApiForwarder {
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  /**
   * Listens on `nodeIp`:`apiPort`, forwards to 127.0.0.1:`apiPort`, and publishes the endpoint.
   *
   * @throws TestingError `Start` when the port cannot be bound or the EndpointSlice not written.
   */
  static async start(kubeConfig: KubeConfig, nodeIp: string, apiPort: number): Promise<ApiForwarder> {
    const server = createServer();
    const forwarder = new ApiForwarder(server);
    server.on('connection', (client) => forwarder.forward(client, apiPort));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(apiPort, nodeIp, () => {
          server.off('error', reject);
          resolve();
        });
      });
      server.unref();
      await kubeConfig.makeApiClient(DiscoveryV1Api).createNamespacedEndpointSlice({
        namespace: 'default',
        body: {
          metadata: {
            name: 'kubernetes',
            labels: {
              'kubernetes.io/service-name': 'kubernetes',
              'endpointslice.kubernetes.io/managed-by': 'score-orchestrator-testing',
            },
          },
          addressType: 'IPv4',
          endpoints: [{ addresses: [nodeIp], conditions: { ready: true } }],
          ports: [{ name: 'https', port: apiPort, protocol: 'TCP' }],
        },
      });
    } catch (err) {
      await forwarder.close();
      throw new TestingError('Start', `failed to let pods reach the API server: ${describeError(err)}`, {
        cause: err,
      });
    }
    return forwarder;
  }

  /** Stops listening and ends every forwarded connection. Idempotent. */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket, apiPort: number): void {
    const upstream = createConnection(apiPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
