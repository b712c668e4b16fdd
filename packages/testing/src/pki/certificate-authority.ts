// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill first.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';

import * as x509 from '@peculiar/x509';

/** A certificate and its private key, both PEM. */
export interface CertificateAndKey {
  readonly certificate: string;
  readonly privateKey: string;
}

/** What a leaf certificate is for and whom it names. */
export interface LeafCertificateRequest {
  /** The subject's common name; for a client certificate, the Kubernetes user name. */
  readonly commonName: string;
  /** Subject organizations; for a client certificate, the Kubernetes groups. */
  readonly organizations?: readonly string[];
  /** `server` for a TLS serving certificate, `client` for a client certificate. */
  readonly usage: 'server' | 'client';
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
}

const crypto = webcrypto;
type KeyPair = webcrypto.CryptoKeyPair;
// ECDSA P-256: small keys that node's webcrypto creates in microseconds and Go's TLS stack accepts.
const keyAlgorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const;
const lifetimeMs = 7 * 24 * 3600 * 1000;

/**
 * An in-memory certificate authority that signs the serving and client certificates of one control plane.
 * Its certificates are valid for a week from a minute ago (a little slack for clock skew).
 */
export class CertificateAuthority {
  private constructor(
    private readonly keys: KeyPair,
    private readonly caCertificate: x509.X509Certificate,
    /** The CA certificate, PEM. */
    readonly certificate: string,
    /** The CA private key, PKCS#8 PEM. */
    readonly privateKey: string,
  ) {}

  /** Creates a CA with a fresh key pair and a self-signed certificate. */
  static async create(commonName: string): Promise<CertificateAuthority> {
    const keys = await generateKeyPair();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned(
      {
        name: [{ CN: [commonName] }],
        keys,
        signingAlgorithm,
        ...validity(),
        extensions: [
          new x509.BasicConstraintsExtension(true, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
        ],
      },
      crypto,
    );
    return new CertificateAuthority(
      keys,
      certificate,
      certificate.toString('pem'),
      await exportPrivateKey(keys),
    );
  }

  /** Issues a leaf certificate with a fresh key pair. */
  async issue(request: LeafCertificateRequest): Promise<CertificateAndKey> {
    const keys = await generateKeyPair();
    const names: x509.JsonGeneralName[] = [
      ...(request.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
      ...(request.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
    ];
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(
        [request.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
        false,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(this.caCertificate, false, crypto),
    ];
    if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names, false));
    const certificate = await x509.X509CertificateGenerator.create(
      {
        subject: [{ CN: [request.commonName] }, ...(request.organizations ?? []).map((o) => ({ O: [o] }))],
        issuer: this.caCertificate.subject,
        publicKey: keys.publicKey,
        signingKey: this.keys.privateKey,
        signingAlgorithm,
        ...validity(),
        extensions,
      },
      crypto,
    );
    return { certificate: certificate.toString('pem'), privateKey: await exportPrivateKey(keys) };
  }
}

/** A fresh ECDSA P-256 key pair as PEM: PKCS#8 private key and SPKI public key (service-account signing). */
export async function createSigningKeyPair(): Promise<{ privateKey: string; publicKey: string }> {
  const keys = await generateKeyPair();
  const spki = await crypto.subtle.exportKey('spki', keys.publicKey);
  return {
    privateKey: await exportPrivateKey(keys),
    publicKey: x509.PemConverter.encode(spki, 'PUBLIC KEY'),
  };
}

async function generateKeyPair(): Promise<KeyPair> {
  return crypto.subtle.generateKey(keyAlgorithm, true, ['sign', 'verify']);
}

async function exportPrivateKey(keys: KeyPair): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
}

function validity(): { serialNumber: string; notBefore: Date; notAfter: Date } {
  const now = Date.now();
  // A positive serial (leading hex digit below 8) keeps strict DER parsers such as Go's happy.
  const serialNumber = '01' + Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString('hex');
  return { serialNumber, notBefore: new Date(now - 60_000), notAfter: new Date(now + lifetimeMs) };
}
