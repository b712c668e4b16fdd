// A kubeconfig loader with client-node's KubeConfig semantics that does not load the generated client.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import { isIPv6 } from 'node:net';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import type { Cluster, ConfigOptions, Context, KubeConfig, User } from '@kubernetes/client-node';
import type { KubeConfigLike } from './kube-config-like.js';
import { canAccess, findHomeDir } from './internal/home-dir.js';
import { toClientNodeKubeConfig } from './to-client-node.js';
import {
  exportConfig,
  findObject,
  newClusters,
  newContexts,
  newUsers,
} from './internal/kubeconfig-entries.js';
import {
  ExecPluginCredentials,
  TokenFileCredentials,
  usesExecPlugin,
  usesTokenFile,
} from './internal/user-credentials.js';

const serviceAccountRoot = '/var/run/secrets/kubernetes.io/serviceaccount';

type Options = https.RequestOptions & { headers: Record<string, unknown> };
type CreateAgent = (cluster: Cluster | null, options: https.AgentOptions) => http.Agent;

/**
 * Loads kubeconfig files, contexts and in-cluster ServiceAccount config exactly as `@kubernetes/client-node`'s
 * `KubeConfig` does (`loadFromDefault`: `$KUBECONFIG`, merged left to right, then `~/.kube/config`, then the
 * in-cluster ServiceAccount, then `http://localhost:8080`), and applies the same credentials: client
 * certificates, tokens and token files, basic auth, impersonation, exec credential plugins. Importing it
 * costs a few hundred kilobytes instead of client-node's ~60 MiB, which is why the SDK's `Manager` and the
 * orchestrator load their kubeconfig with it.
 *
 * Rare cases are handed to client-node itself, imported on first use: `auth-provider` users other than
 * token files and exec (`oidc`, and the retired `gcp` / `azure` providers) and clusters reached through a
 * `proxy-url`. Anything that needs the real class (its generated APIs) can get one with
 * {@link toClientNodeKubeConfig}.
 */
export class LeanKubeConfig implements KubeConfigLike {
  private clusters: Cluster[] = [];
  private users: User[] = [];
  private contexts: Context[] = [];
  private currentContext = '';
  private readonly exec = new ExecPluginCredentials();
  private readonly tokenFile = new TokenFileCredentials();
  private delegate?: Promise<KubeConfig>;
  private proxyAgent?: CreateAgent;

  getContexts(): Context[] {
    return this.contexts;
  }
  getClusters(): Cluster[] {
    return this.clusters;
  }
  getUsers(): User[] {
    return this.users;
  }
  getCurrentContext(): string {
    return this.currentContext;
  }
  setCurrentContext(context: string): void {
    this.currentContext = context;
  }
  getContextObject(name: string): Context | null {
    return findObject(this.contexts, name, 'context');
  }
  getCurrentCluster(): Cluster | null {
    const context = this.getContextObject(this.currentContext);
    return context ? this.getCluster(context.cluster) : null;
  }
  getCluster(name: string): Cluster | null {
    return findObject(this.clusters, name, 'cluster');
  }
  getCurrentUser(): User | null {
    const context = this.getContextObject(this.currentContext);
    return context ? this.getUser(context.user) : null;
  }
  getUser(name: string): User | null {
    return findObject(this.users, name, 'user');
  }

  /** Loads the default kubeconfig, as `KubeConfig.loadFromDefault` does. */
  loadFromDefault(
    opts?: Partial<ConfigOptions>,
    contextFromStartingConfig = false,
    platform = process.platform,
  ): void {
    const kubeconfig = process.env.KUBECONFIG;
    if (kubeconfig) {
      const [first, ...rest] = kubeconfig.split(delimiter).filter(Boolean);
      this.loadFromFile(first!, opts);
      for (const file of rest) {
        const next = new LeanKubeConfig();
        next.loadFromFile(file, opts);
        this.mergeConfig(next, contextFromStartingConfig);
      }
      return;
    }
    const home = findHomeDir(platform);
    const config = home && join(home, '.kube', 'config');
    if (config && canAccess(config)) return this.loadFromFile(config, opts);
    if (platform === 'win32' && this.loadFromWsl(opts)) return;
    if (canAccess(`${serviceAccountRoot}/token`)) return this.loadFromCluster();
    this.loadFromClusterAndUser({ name: 'cluster', server: 'http://localhost:8080' } as Cluster, {
      name: 'user',
    });
  }

  /** Loads one kubeconfig file; relative certificate paths are taken from the file's directory. */
  loadFromFile(file: string, opts?: Partial<ConfigOptions>): void {
    this.loadFromString(readFileSync(file).toString('utf-8'), opts);
    this.makePathsAbsolute(dirname(file));
  }

  /** Loads a kubeconfig document (YAML or JSON). */
  loadFromString(config: string, opts?: Partial<ConfigOptions>): void {
    const obj = parseYaml(config) as Record<string, unknown>;
    this.clusters = newClusters(obj.clusters, opts);
    this.contexts = newContexts(obj.contexts, opts);
    this.users = newUsers(obj.users, opts);
    this.currentContext = obj['current-context'] as string;
    this.delegate = undefined;
  }

  /** Uses these entries as they are. */
  loadFromOptions(options: {
    clusters: Cluster[];
    users: User[];
    contexts: Context[];
    currentContext: string;
  }): void {
    this.clusters = options.clusters;
    this.users = options.users;
    this.contexts = options.contexts;
    this.currentContext = options.currentContext;
    this.delegate = undefined;
  }

  /** One cluster and one user, in a context called `loaded-context`. */
  loadFromClusterAndUser(cluster: Cluster, user: User): void {
    this.loadFromOptions({
      clusters: [cluster],
      users: [user],
      contexts: [{ cluster: cluster.name, user: user.name, name: 'loaded-context' }],
      currentContext: 'loaded-context',
    });
  }

  /**
   * The in-cluster config: the API server from `KUBERNETES_SERVICE_HOST` / `_PORT`, the ServiceAccount's CA,
   * token (re-read every minute) and namespace under `pathPrefix` + `/var/run/secrets/kubernetes.io/serviceaccount`.
   */
  loadFromCluster(pathPrefix = ''): void {
    const host = process.env.KUBERNETES_SERVICE_HOST;
    const port = process.env.KUBERNETES_SERVICE_PORT;
    const scheme = port === '80' || port === '8080' || port === '8001' ? 'http' : 'https';
    const serverHost = host && isIPv6(host) ? `[${host}]` : host;
    const root = `${pathPrefix}${serviceAccountRoot}`;
    const namespaceFile = `${root}/namespace`;
    const namespace = canAccess(namespaceFile) ? readFileSync(namespaceFile).toString('utf-8') : undefined;
    this.loadFromOptions({
      clusters: [
        {
          name: 'inCluster',
          caFile: `${root}/ca.crt`,
          server: `${scheme}://${serverHost}:${port}`,
          skipTLSVerify: false,
        },
      ],
      users: [
        {
          name: 'inClusterUser',
          authProvider: { name: 'tokenFile', config: { tokenFile: `${root}/token` } },
        },
      ],
      contexts: [{ cluster: 'inCluster', name: 'inClusterContext', user: 'inClusterUser', namespace }],
      currentContext: 'inClusterContext',
    });
  }

  /** Adds another config's entries (a duplicate name is an error) and, unless told not to, its current context. */
  mergeConfig(config: KubeConfigLike, preserveContext = false): void {
    if (!preserveContext && config.getCurrentContext()) this.currentContext = config.getCurrentContext();
    for (const cluster of config.getClusters()) addUnique(this.clusters, cluster, 'cluster');
    for (const user of config.getUsers()) addUnique(this.users, user, 'user');
    for (const context of config.getContexts()) addUnique(this.contexts, context, 'context');
  }

  /** The config as a kubeconfig document (JSON), as `KubeConfig.exportConfig` writes it. */
  exportConfig(): string {
    return exportConfig(this.clusters, this.users, this.contexts, this.currentContext);
  }

  /**
   * Sets the current context's TLS material, credentials and an agent on `opts`, as
   * `KubeConfig.applyToHTTPSOptions` does.
   */
  async applyToHTTPSOptions(opts: https.RequestOptions): Promise<void> {
    const user = this.getCurrentUser();
    const cluster = this.getCurrentCluster();
    if (needsClientNode(cluster, user)) return (await this.clientNode()).applyToHTTPSOptions(opts);
    if (user) {
      const options = opts as Options;
      this.applyTls(cluster, user, options);
      options.headers ??= {};
      if (usesExecPlugin(user)) await this.exec.apply(user, options);
      else if (usesTokenFile(user)) this.tokenFile.apply(user, options);
      if (user.token) options.headers.Authorization = `Bearer ${user.token}`;
      if (user.username) opts.auth = `${user.username}:${user.password}`;
    }
    // The agent gets the request's TLS options; rejectUnauthorized only when set, so that
    // NODE_TLS_REJECT_UNAUTHORIZED applies otherwise.
    const from = opts as Record<string, unknown>;
    const agentOptions: Record<string, unknown> = {};
    for (const field of tlsFields) agentOptions[field] = from[field];
    if (opts.rejectUnauthorized !== undefined) agentOptions.rejectUnauthorized = opts.rejectUnauthorized;
    for (const field of agentFields) agentOptions[field] = from[field];
    opts.agent = this.createAgent(cluster, agentOptions as https.AgentOptions);
  }

  private applyTls(cluster: Cluster | null, user: User, opts: Options): void {
    if (cluster?.skipTLSVerify) opts.rejectUnauthorized = false;
    if (cluster?.tlsServerName) opts.servername = cluster.tlsServerName;
    const ca = cluster ? fileOrData(cluster.caFile, cluster.caData) : null;
    if (ca) opts.ca = ca;
    const cert = fileOrData(user.certFile, user.certData);
    if (cert) opts.cert = cert;
    const key = fileOrData(user.keyFile, user.keyData);
    if (key) opts.key = key;
    if (user.impersonateUser != null) {
      opts.headers ??= {};
      opts.headers['Impersonate-User'] = user.impersonateUser;
    }
  }

  /** The agent for a cluster, as client-node makes it (replaced per instance by `shareHttpAgent`). */
  protected createAgent(cluster: Cluster | null, agentOptions: https.AgentOptions): http.Agent {
    if (cluster?.proxyUrl) {
      if (!this.proxyAgent) throw new Error(`proxy-url ${cluster.proxyUrl} needs applyToHTTPSOptions first`);
      return this.proxyAgent(cluster, agentOptions);
    }
    if (cluster?.server?.startsWith('http:')) {
      if (!cluster.skipTLSVerify) {
        throw new Error('HTTP protocol is not allowed when skipTLSVerify is not set or false');
      }
      return new http.Agent(agentOptions);
    }
    return new https.Agent(agentOptions);
  }

  /** client-node's KubeConfig over these same entries, for what this class leaves to it; its agents are ours. */
  private async clientNode(): Promise<KubeConfig> {
    this.delegate ??= toClientNodeKubeConfig(this).then((full) => {
      const target = full as unknown as { createAgent: CreateAgent };
      this.proxyAgent = target.createAgent.bind(full);
      target.createAgent = (cluster, options) => this.createAgent(cluster, options);
      return full;
    });
    const full = await this.delegate;
    full.setCurrentContext(this.currentContext);
    return full;
  }

  private makePathsAbsolute(root: string): void {
    for (const cluster of this.clusters) if (cluster.caFile) cluster.caFile = absolute(root, cluster.caFile);
    for (const user of this.users) {
      if (user.certFile) user.certFile = absolute(root, user.certFile);
      if (user.keyFile) user.keyFile = absolute(root, user.keyFile);
    }
  }

  private loadFromWsl(opts?: Partial<ConfigOptions>): boolean {
    try {
      const env = spawnSync('wsl.exe', ['bash', '-c', 'printenv KUBECONFIG']);
      if (env.status === 0 && env.stdout.length > 0) {
        const result = spawnSync('wsl.exe', ['cat', env.stdout.toString('utf8')]);
        if (result.status === 0) {
          this.loadFromString(result.stdout.toString('utf8'), opts);
          return true;
        }
      }
    } catch {
      // Fall back to the default kubeconfig.
    }
    try {
      const config = spawnSync('wsl.exe', ['cat', '~/.kube/config']);
      if (config.status === 0) {
        this.loadFromString(config.stdout.toString('utf8'), opts);
        const dir = spawnSync('wsl.exe', ['wslpath', '-w', '~/.kube']);
        if (dir.status === 0) this.makePathsAbsolute(dir.stdout.toString('utf8'));
        return true;
      }
    } catch {
      // Fall back to the in-cluster config.
    }
    return false;
  }
}

const tlsFields = ['ca', 'cert', 'key', 'pfx', 'passphrase'];
const agentFields = [
  'timeout',
  'servername',
  'ciphers',
  'honorCipherOrder',
  'ecdhCurve',
  'clientCertEngine',
  'crl',
  'dhparam',
  'secureOptions',
  'secureProtocol',
  'sessionIdContext',
];
const clientNodeOnlyProviders = new Set(['azure', 'gcp']);

/** Whether client-node's own code must serve this context: a proxy, or an auth provider handled only there. */
function needsClientNode(cluster: Cluster | null, user: User | null): boolean {
  if (cluster?.proxyUrl) return true;
  if (!user?.authProvider) return false;
  if (clientNodeOnlyProviders.has(user.authProvider.name)) return true;
  return !usesExecPlugin(user) && !usesTokenFile(user);
}

function parseYaml(text: string): unknown {
  // js-yaml is what client-node parses with; loaded only when a kubeconfig file is read (in-cluster config
  // needs none). `createRequire(import.meta.url)('<package>')` in this exact form: the image's bundle build
  // turns it into a bundled `require` (ADR 0014).
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  return yaml.load(text);
}

function fileOrData(file: string | undefined, data: string | undefined): Buffer | null {
  if (file) return readFileSync(file);
  if (data) return Buffer.from(data, 'base64');
  return null;
}

function absolute(root: string, file: string): string {
  return !root || isAbsolute(file) ? file : join(root, file);
}

function addUnique<T extends { name: string }>(list: T[], entry: T, kind: string): void {
  if (list.some((existing) => existing.name === entry.name)) {
    throw new Error(`Duplicate ${kind}: ${entry.name}`);
  }
  list.push(entry);
}
