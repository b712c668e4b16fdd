import { createServer } from 'node:net';

/**
 * A loopback TCP port that was free a moment ago: bound on 127.0.0.1 with port 0, then released.
 * Another process can take it before the caller binds it, so callers retry on a collision.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
