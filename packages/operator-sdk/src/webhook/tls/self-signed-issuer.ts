// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import type * as X509 from '@peculiar/x509';

const crypto = webcrypto;
// ECDSA P-256: generated in microseconds by webcrypto and accepted by the API server's (Go) TLS stack.
const keyAlgorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;
// Issued a minute in the past, for clock skew between this process and the API server.
const SKEW_MS = 60_000;

// @peculiar/x509 and its dependencies cost about 8 MiB: loaded when a certificate is first made, not at import.
let x509Module: Promise<typeof X509> | undefined;
const loadX509 = (): Promise<typeof X509> => (x509Module ??= import('@peculiar/x509'));

/** A serving certificate issued by a {@link SelfSignedIssuer}, PEM. */
export interface IssuedCertificate {
  readonly cert: string;
  readonly key: string;
  readonly notAfter: Date;
}

/**
 * A certificate authority held in memory that issues TLS serving certificates: what a webhook server uses
 * when no certificate is mounted (local runs, tests). Node's `crypto` can parse certificates but not create
 * them, so this uses `@peculiar/x509` (pure JavaScript over WebCrypto, the test kit's choice too): no
 * `openssl` binary is needed at run time.
 */
export class SelfSignedIssuer {
  private constructor(
    private readonly keys: webcrypto.CryptoKeyPair,
    private readonly ca: X509.X509Certificate,
    /** The CA certificate, PEM: the `caBundle` that trusts every certificate this issuer issues. */
    readonly caCertificate: string,
  ) {}

  /** Creates a CA with a fresh key, valid for `lifetimeMs` (default one year). */
  static async create(commonName: string, lifetimeMs = 365 * 24 * 3600_000): Promise<SelfSignedIssuer> {
    const x509 = await loadX509();
    const keys = await generateKeys();
    const ca = await x509.X509CertificateGenerator.createSelfSigned(
      {
        name: [{ CN: [commonName] }],
        keys,
        signingAlgorithm,
        ...validity(lifetimeMs),
        extensions: [
          new x509.BasicConstraintsExtension(true, 0, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        ],
      },
      crypto,
    );
    return new SelfSignedIssuer(keys, ca, pem(ca.toString('pem')));
  }

  /** Issues a serving certificate for `hosts` (DNS names and IP addresses) with a fresh key. */
  async issue(hosts: readonly string[], lifetimeMs: number): Promise<IssuedCertificate> {
    const x509 = await loadX509();
    const keys = await generateKeys();
    const names: X509.JsonGeneralName[] = hosts.map((host) => ({
      type: isIP(host) ? 'ip' : 'dns',
      value: host,
    }));
    const times = validity(lifetimeMs);
    const cert = await x509.X509CertificateGenerator.create(
      {
        subject: [{ CN: [hosts[0] ?? 'webhook'] }],
        issuer: this.ca.subject,
        publicKey: keys.publicKey,
        signingKey: this.keys.privateKey,
        signingAlgorithm,
        ...times,
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
          await x509.AuthorityKeyIdentifierExtension.create(this.ca, false, crypto),
          new x509.SubjectAlternativeNameExtension(names, false),
        ],
      },
      crypto,
    );
    const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
    return {
      cert: cert.toString('pem'),
      key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
      notAfter: times.notAfter,
    };
  }
}

/** PEM with `\n` line ends and a final newline, so bundles can be concatenated as PEM files are. */
function pem(text: string): string {
  const lines = text.replaceAll('\r\n', '\n');
  return lines.endsWith('\n') ? lines : `${lines}\n`;
}

function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey(keyAlgorithm, true, ['sign', 'verify']);
}

function validity(lifetimeMs: number): { serialNumber: string; notBefore: Date; notAfter: Date } {
  const now = Date.now();
  // A positive serial (leading byte below 0x80) keeps strict DER parsers such as Go's happy.
  const serialNumber = '01' + Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString('hex');
  return { serialNumber, notBefore: new Date(now - SKEW_MS), notAfter: new Date(now + lifetimeMs) };
}
