import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, OperatorSdkError } from '../../errors/operator-sdk.error.js';
import { SelfSignedIssuer } from './self-signed-issuer.js';
import type { CertificateSource, ServingCertificate } from './serving-certificate.js';

interface Watcher {
  onChange(certificate: ServingCertificate): void;
  onError(err: Error): void;
}

/** Options of {@link GeneratedCertificates}. */
export interface GeneratedCertificatesOptions {
  /** DNS names and IP addresses the certificate is for (default `localhost` and `127.0.0.1`). */
  readonly hosts?: readonly string[];
  /** Lifetime of each serving certificate (default 24 h). */
  readonly validityMs?: number;
  /** Issue the next certificate this long before the current one expires (default a third of its lifetime). */
  readonly renewBeforeMs?: number;
  /** Also write `tls.crt`, `tls.key` and `ca.crt` here on every rotation (e.g. for local tools). */
  readonly writeTo?: string;
}

/**
 * Certificates made in process for local runs and tests: one CA for the life of the process (so the
 * `caBundle` in the webhook configuration stays valid) and a serving certificate it renews before expiry.
 * Not for clusters: there, mount a Secret (e.g. cert-manager's) and use `DirectoryCertificates`.
 */
export class GeneratedCertificates implements CertificateSource {
  private issuer?: Promise<SelfSignedIssuer>;
  private current?: ServingCertificate;
  private readonly watchers = new Set<Watcher>();
  private timer?: NodeJS.Timeout;
  private readonly hosts: readonly string[];
  private readonly validityMs: number;
  private readonly renewBeforeMs: number;

  constructor(private readonly options: GeneratedCertificatesOptions = {}) {
    this.hosts = options.hosts?.length ? options.hosts : ['localhost', '127.0.0.1'];
    this.validityMs = options.validityMs ?? 24 * 3600_000;
    this.renewBeforeMs = options.renewBeforeMs ?? Math.floor(this.validityMs / 3);
    if (!(this.validityMs > 0) || !(this.renewBeforeMs >= 0) || this.renewBeforeMs >= this.validityMs) {
      throw new OperatorSdkError(
        'Configuration',
        `invalid certificate timing: validityMs ${this.validityMs} must be > 0 and renewBeforeMs ${this.renewBeforeMs} below it`,
      );
    }
  }

  /** The CA certificate (PEM) that trusts every serving certificate of this source. */
  async caBundle(): Promise<string> {
    return (await this.issuerOnce()).caCertificate;
  }

  async load(): Promise<ServingCertificate> {
    return this.current ?? this.rotate();
  }

  watch(onChange: Watcher['onChange'], onError: Watcher['onError']): () => void {
    const watcher = { onChange, onError };
    this.watchers.add(watcher);
    return () => {
      this.watchers.delete(watcher);
      if (this.watchers.size === 0) clearTimeout(this.timer);
    };
  }

  /** Issues a new serving certificate now (same CA), tells the watchers and schedules the next renewal. */
  async rotate(): Promise<ServingCertificate> {
    const issuer = await this.issuerOnce();
    const issued = await issuer.issue(this.hosts, this.validityMs);
    const certificate: ServingCertificate = {
      cert: issued.cert,
      key: issued.key,
      caBundle: issuer.caCertificate,
    };
    if (this.options.writeTo) await writeFiles(this.options.writeTo, certificate);
    this.current = certificate;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renew(), this.validityMs - this.renewBeforeMs);
    this.timer.unref();
    for (const watcher of this.watchers) watcher.onChange(certificate);
    return certificate;
  }

  private async renew(): Promise<void> {
    try {
      await this.rotate();
    } catch (err) {
      for (const watcher of this.watchers) watcher.onError(err as Error);
      // The current certificate is still valid for a while: try again soon.
      this.timer = setTimeout(() => void this.renew(), Math.min(30_000, this.renewBeforeMs / 4));
      this.timer.unref();
    }
  }

  private issuerOnce(): Promise<SelfSignedIssuer> {
    this.issuer ??= SelfSignedIssuer.create('operator-sdk-webhook-ca');
    return this.issuer;
  }
}

/** Writes the pair as a Secret mount holds it; each file is replaced by rename, so readers never see half. */
async function writeFiles(dir: string, certificate: ServingCertificate): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const files: Array<[string, string, number]> = [
      ['ca.crt', certificate.caBundle ?? '', 0o644],
      ['tls.key', certificate.key, 0o600],
      ['tls.crt', certificate.cert, 0o644],
    ];
    for (const [name, content, mode] of files) {
      await writeFile(join(dir, `.${name}.tmp`), content, { mode });
      await rename(join(dir, `.${name}.tmp`), join(dir, name));
    }
  } catch (err) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to write certificates to ${dir}: ${describeError(err)}`,
      { cause: err },
    );
  }
}
