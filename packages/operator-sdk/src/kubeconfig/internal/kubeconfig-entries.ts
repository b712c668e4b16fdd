// Turns the clusters, users and contexts of a parsed kubeconfig into client-node's shapes, as its
// config_types does (same checks, same messages, same defaults), and writes them back out.
import { readFileSync } from 'node:fs';
import type { Cluster, ConfigOptions, Context, User } from '@kubernetes/client-node';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The clusters of a kubeconfig (`[]` when the field is not a list). */
export function newClusters(list: unknown, opts?: Partial<ConfigOptions>): Cluster[] {
  return entries(list, opts, (elt, i) => {
    if (!elt.name) throw new Error(`clusters[${i}].name is missing`);
    if (!elt.cluster) throw new Error(`clusters[${i}].cluster is missing`);
    if (!elt.cluster.server) throw new Error(`clusters[${i}].cluster.server is missing`);
    return {
      caData: elt.cluster['certificate-authority-data'],
      caFile: elt.cluster['certificate-authority'],
      name: elt.name,
      server: elt.cluster.server.replace(/\/$/, ''),
      skipTLSVerify: elt.cluster['insecure-skip-tls-verify'] === true,
      tlsServerName: elt.cluster['tls-server-name'],
      proxyUrl: elt.cluster['proxy-url'],
    };
  });
}

/** The users of a kubeconfig; `token-file` is read now, as client-node does. */
export function newUsers(list: unknown, opts?: Partial<ConfigOptions>): User[] {
  return entries(list, opts, (elt, i) => {
    if (!elt.name) throw new Error(`users[${i}].name is missing`);
    const user = elt.user as Raw | undefined;
    return {
      authProvider: user ? user['auth-provider'] : null,
      certData: user ? user['client-certificate-data'] : null,
      certFile: user ? user['client-certificate'] : null,
      exec: user ? user.exec : null,
      keyData: user ? user['client-key-data'] : null,
      keyFile: user ? user['client-key'] : null,
      name: elt.name,
      token: findToken(user),
      password: user ? user.password : null,
      username: user ? user.username : null,
      impersonateUser: user ? user.as : null,
    };
  });
}

/** The contexts of a kubeconfig. */
export function newContexts(list: unknown, opts?: Partial<ConfigOptions>): Context[] {
  return entries(list, opts, (elt, i) => {
    if (!elt.name) throw new Error(`contexts[${i}].name is missing`);
    if (!elt.context) throw new Error(`contexts[${i}].context is missing`);
    if (!elt.context.cluster) throw new Error(`contexts[${i}].context.cluster is missing`);
    return {
      cluster: elt.context.cluster,
      name: elt.name,
      user: elt.context.user || undefined,
      namespace: elt.context.namespace || undefined,
    };
  });
}

/** A kubeconfig document (JSON) of these entries, as `KubeConfig.exportConfig` writes it. */
export function exportConfig(
  clusters: Cluster[],
  users: User[],
  contexts: Context[],
  currentContext: string,
): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: clusters.map((cluster) => ({
      name: cluster.name,
      cluster: {
        server: cluster.server,
        'certificate-authority-data': cluster.caData,
        'certificate-authority': cluster.caFile,
        'insecure-skip-tls-verify': cluster.skipTLSVerify,
        'tls-server-name': cluster.tlsServerName,
        'proxy-url': cluster.proxyUrl,
      },
    })),
    users: users.map((user) => ({
      name: user.name,
      user: {
        as: user.impersonateUser,
        'auth-provider': user.authProvider,
        'client-certificate-data': user.certData,
        'client-certificate': user.certFile,
        exec: user.exec,
        'client-key-data': user.keyData,
        'client-key': user.keyFile,
        token: user.token,
        password: user.password,
        username: user.username,
      },
    })),
    contexts: contexts.map((ctx) => ({ name: ctx.name, context: ctx })),
    preferences: {},
    'current-context': currentContext,
  });
}

/**
 * Finds the entry called `name`, as client-node's `findObject` does (including its habit of returning the
 * nested object, named, when the entry has one).
 */
export function findObject<T extends { name: string }>(
  list: T[] | undefined,
  name: string,
  key: string,
): T | null {
  if (!list) return null;
  for (const obj of list) {
    if (obj.name !== name) continue;
    const nested = (obj as unknown as Raw)[key] as Raw | undefined;
    if (nested) {
      nested.name = name;
      return nested as T;
    }
    return obj;
  }
  return null;
}

function entries<T>(
  list: unknown,
  opts: Partial<ConfigOptions> | undefined,
  parse: (elt: Raw, i: number) => T,
): T[] {
  if (!Array.isArray(list)) return [];
  const filter = opts?.onInvalidEntry === 'filter';
  return list
    .map((elt: Raw, i) => {
      try {
        return parse(elt, i);
      } catch (err) {
        if (filter) return null;
        throw err;
      }
    })
    .filter(Boolean) as T[];
}

function findToken(user: Raw | undefined): string | undefined {
  if (!user) return undefined;
  if (user.token) return user.token as string;
  if (user['token-file']) return readFileSync(user['token-file'] as string).toString();
  return undefined;
}
