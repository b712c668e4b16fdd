// The credentials a kubeconfig user gets from outside the file: exec credential plugins (the cloud providers'
// `aws eks get-token`, `gke-gcloud-auth-plugin`, `kubelogin`, ...) and token files that rotate (the in-cluster
// ServiceAccount token). Same behaviour as client-node 1.4's ExecAuth and FileAuth.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type https from 'node:https';
import type { User } from '@kubernetes/client-node';

/** What an exec plugin prints: a `client.authentication.k8s.io` ExecCredential. */
interface ExecCredential {
  status: {
    token?: string;
    clientCertificateData?: string;
    clientKeyData?: string;
    expirationTimestamp?: string;
  };
}

interface ExecConfig {
  command?: string;
  args?: string[];
  env?: { name: string; value: string }[];
}

type Options = https.RequestOptions & { headers: Record<string, unknown> };

/** Whether client-node would hand this user to its exec authenticator. */
export function usesExecPlugin(user: User): boolean {
  if (user.exec) return true;
  if (!user.authProvider) return false;
  return user.authProvider.name === 'exec' || !!user.authProvider.config?.exec;
}

/** Whether client-node would hand this user to its token-file authenticator. */
export function usesTokenFile(user: User): boolean {
  return !!user.authProvider?.config?.tokenFile;
}

/**
 * Runs a user's exec plugin and applies what it prints. A credential is cached per user name until its
 * `expirationTimestamp` (one without is fetched again for every request, as client-node does).
 */
export class ExecPluginCredentials {
  private readonly cache = new Map<string, ExecCredential>();

  async apply(user: User, opts: Options): Promise<void> {
    const credential = await this.credentialFor(user);
    if (!credential) return;
    if (credential.status.clientCertificateData) opts.cert = credential.status.clientCertificateData;
    if (credential.status.clientKeyData) opts.key = credential.status.clientKeyData;
    if (credential.status.token) opts.headers['Authorization'] = `Bearer ${credential.status.token}`;
  }

  private async credentialFor(user: User): Promise<ExecCredential | null> {
    const cached = this.cache.get(user.name);
    if (cached) {
      if (Date.parse(cached.status.expirationTimestamp ?? '') > Date.now()) return cached;
      this.cache.delete(user.name);
    }
    const exec = (user.exec ?? user.authProvider?.config?.exec ?? null) as ExecConfig | null;
    if (!exec) return null;
    if (!exec.command) throw new Error('No command was specified for exec authProvider!');
    const credential = await runPlugin(exec);
    this.cache.set(user.name, credential);
    return credential;
  }
}

function runPlugin(exec: ExecConfig): Promise<ExecCredential> {
  const env = exec.env ? { ...process.env } : undefined;
  for (const { name, value } of exec.env ?? []) env![name] = value;
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let failure: Error | undefined;
    const child = spawn(exec.command!, exec.args ?? [], env ? { env } : {});
    child.stdout.setEncoding('utf8').on('data', (data: string) => (stdout += data));
    child.stderr.setEncoding('utf8').on('data', (data: string) => (stderr += data));
    child.on('error', (err) => (failure = err));
    child.on('close', (code) => {
      if (failure) return reject(failure);
      if (code !== 0) return reject(new Error(stderr));
      try {
        resolve(JSON.parse(stdout) as ExecCredential);
      } catch (err) {
        reject(err as Error);
      }
    });
  });
}

/** A token read from `authProvider.config.tokenFile`, read again after a minute (as client-go does). */
export class TokenFileCredentials {
  private token: string | null = null;
  private readAt = 0;

  apply(user: User, opts: Options): void {
    if (this.token === null || Date.now() - this.readAt > 60_000) {
      this.token = readFileSync(user.authProvider.config.tokenFile as string).toString('utf-8');
      this.readAt = Date.now();
    }
    if (this.token) opts.headers['Authorization'] = `Bearer ${this.token}`;
  }
}
