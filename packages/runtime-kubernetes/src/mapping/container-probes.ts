import type { V1ContainerPort, V1Probe } from '@kubernetes/client-node';
import type { ContainerProbe } from '@score-orchestrator/api';

/**
 * Maps a Score probe: `exec`, or `httpGet` (scheme, host, path, headers; the port by name when the container
 * declares a named TCP port with that number, else by number). A Kubernetes probe has one handler, so when
 * both are given `exec` wins, as the Score schema prefers. Timings are left to Kubernetes' defaults.
 */
export function mapProbe(
  probe: ContainerProbe | undefined,
  ports: readonly V1ContainerPort[] = [],
): V1Probe | undefined {
  if (probe?.exec) return { exec: { command: [...probe.exec.command] } };
  if (probe?.httpGet) {
    const http = probe.httpGet;
    const named = ports.find(
      (p) => p.containerPort === http.port && (p.protocol ?? 'TCP') === 'TCP' && p.name,
    );
    return {
      httpGet: {
        path: http.path,
        port: named?.name ?? http.port,
        ...(http.host ? { host: http.host } : {}),
        ...(http.scheme ? { scheme: http.scheme } : {}),
        ...(http.httpHeaders?.length
          ? { httpHeaders: http.httpHeaders.map((h) => ({ name: h.name, value: h.value })) }
          : {}),
      },
    };
  }
  return undefined;
}
