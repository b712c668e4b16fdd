import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** The TLS material to reach a local API server as a given client. */
export interface ProbeTls {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** A response's status and body; status 0 when the server could not be reached. */
export interface ProbeResult {
  readonly status: number;
  readonly body: string;
}

/**
 * One GET request that never throws: readiness loops poll with it, and a refused connection is an
 * ordinary answer while a server starts.
 */
export function probe(url: string, tls?: ProbeTls, timeoutMs = 2_000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = request(url, { method: 'GET', timeout: timeoutMs, agent: false, ...tls }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (err) => resolve({ status: 0, body: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ status: 0, body: err.message }));
    req.end();
  });
}
