import { X509Certificate, createPrivateKey } from 'node:crypto';
import { OperatorSdkError, describeError } from '../../errors/operator-sdk.error.js';

/** A TLS serving certificate (chain) and its private key, both PEM, and the CA bundle that trusts it if known. */
export interface ServingCertificate {
  readonly cert: string;
  readonly key: string;
  /** PEM of the CA certificate(s) the API server must trust: the `caBundle` of the webhook configuration. */
  readonly caBundle?: string;
}

/**
 * Where the webhook server gets its certificate: generated in process (`GeneratedCertificates`) or read from
 * files a Secret mount provides (`DirectoryCertificates`). The server loads once when it starts and swaps in
 * every certificate `watch` reports, without a restart and without dropping connections.
 */
export interface CertificateSource {
  /** The current certificate. @throws OperatorSdkError `Configuration` when there is none usable. */
  load(): Promise<ServingCertificate>;
  /**
   * Reports each new certificate until the returned function is called. `onError` hears problems that leave
   * the previous certificate in use (e.g. a half-written pair of files).
   */
  watch(onChange: (certificate: ServingCertificate) => void, onError: (err: Error) => void): () => void;
}

/**
 * Checks that `cert` and `key` parse and belong together, and returns the certificate's expiry, so a bad pair
 * is refused before it replaces a good one.
 * @throws OperatorSdkError `Configuration` naming what is wrong.
 */
export function checkServingCertificate(certificate: ServingCertificate, origin: string): { notAfter: Date } {
  let parsed: X509Certificate;
  try {
    parsed = new X509Certificate(certificate.cert);
  } catch (err) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to read the certificate of ${origin}: ${describeError(err)}`,
      { cause: err },
    );
  }
  let matches: boolean;
  try {
    matches = parsed.checkPrivateKey(createPrivateKey(certificate.key));
  } catch (err) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to read the private key of ${origin}: ${describeError(err)}`,
      { cause: err },
    );
  }
  if (!matches) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to load ${origin}: the private key does not belong to the certificate`,
    );
  }
  return { notAfter: new Date(parsed.validTo) };
}
