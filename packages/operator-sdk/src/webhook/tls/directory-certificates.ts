import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError, OperatorSdkError } from '../../errors/operator-sdk.error.js';
import {
  checkServingCertificate,
  type CertificateSource,
  type ServingCertificate,
} from './serving-certificate.js';

/** Options of {@link DirectoryCertificates}. */
export interface DirectoryCertificatesOptions {
  /** The directory, e.g. where a cert-manager Secret is mounted (`/tmp/k8s-webhook-server/serving-certs`). */
  readonly dir: string;
  /** Default `tls.crt`, as a `kubernetes.io/tls` Secret names it. */
  readonly certFile?: string;
  /** Default `tls.key`. */
  readonly keyFile?: string;
  /** Default `ca.crt` (cert-manager writes it); read when present, for `caBundle`. */
  readonly caFile?: string;
  /** Re-read this often as well as on file events, which some volume types never send (default 10 s). */
  readonly pollIntervalMs?: number;
}

/**
 * A certificate read from files, as a Secret mount provides them in a cluster, and re-read when they change:
 * kubelet updates a Secret volume by swapping a `..data` symlink, which the directory watch sees; a poll
 * covers file systems without events. A new pair that does not parse or whose key does not match (e.g. read
 * between two writes) is reported and skipped: the server keeps the previous one until a good pair appears.
 */
export class DirectoryCertificates implements CertificateSource {
  private readonly paths: { cert: string; key: string; ca: string };
  /** What `load` returned or `watch` reported last: the certificate in use. */
  private latest?: ServingCertificate;

  constructor(private readonly options: DirectoryCertificatesOptions) {
    this.paths = {
      cert: join(options.dir, options.certFile ?? 'tls.crt'),
      key: join(options.dir, options.keyFile ?? 'tls.key'),
      ca: join(options.dir, options.caFile ?? 'ca.crt'),
    };
  }

  async load(): Promise<ServingCertificate> {
    this.latest = await this.read();
    return this.latest;
  }

  private async read(): Promise<ServingCertificate> {
    let cert: string;
    let key: string;
    try {
      [cert, key] = await Promise.all([readFile(this.paths.cert, 'utf8'), readFile(this.paths.key, 'utf8')]);
    } catch (err) {
      throw new OperatorSdkError(
        'Configuration',
        `failed to read the webhook certificate in ${this.options.dir}: ${describeError(err)}; mount a kubernetes.io/tls Secret there or leave certDir unset to generate one`,
        { cause: err },
      );
    }
    const caBundle = await readFile(this.paths.ca, 'utf8').catch(() => undefined);
    const certificate = { cert, key, ...(caBundle && { caBundle }) };
    checkServingCertificate(certificate, this.options.dir);
    return certificate;
  }

  watch(onChange: (certificate: ServingCertificate) => void, onError: (err: Error) => void): () => void {
    let debounce: NodeJS.Timeout | undefined;
    const check = () => {
      this.read().then((certificate) => {
        const latest = this.latest;
        if (latest?.cert === certificate.cert && latest.key === certificate.key) return;
        this.latest = certificate;
        onChange(certificate);
      }, onError);
    };
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(this.options.dir, () => {
        clearTimeout(debounce);
        debounce = setTimeout(check, 100);
      });
      watcher.on('error', onError);
    } catch (err) {
      onError(err as Error);
    }
    const poll = setInterval(check, this.options.pollIntervalMs ?? 10_000);
    poll.unref();
    return () => {
      watcher?.close();
      clearInterval(poll);
      clearTimeout(debounce);
    };
  }
}
