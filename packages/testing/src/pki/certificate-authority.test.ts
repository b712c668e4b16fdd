import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';

import { describe, expect, it } from '@jest/globals';

import { CertificateAuthority, createSigningKeyPair } from './certificate-authority.js';

describe('CertificateAuthority', () => {
  it('issues client certificates that name the user and groups and chain to the CA', async () => {
    const ca = await CertificateAuthority.create('test-ca');
    const issued = await ca.issue({ commonName: 'alice', organizations: ['dev', 'ops'], usage: 'client' });
    const caCert = new X509Certificate(ca.certificate);
    const cert = new X509Certificate(issued.certificate);

    expect(caCert.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.subject.split('\n')).toEqual(['CN=alice', 'O=dev', 'O=ops']);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(cert.checkPrivateKey(createPrivateKey(issued.privateKey))).toBe(true);
  });

  it('issues serving certificates for the given names and addresses', async () => {
    const ca = await CertificateAuthority.create('test-ca');
    const issued = await ca.issue({
      commonName: 'kube-apiserver',
      usage: 'server',
      dnsNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
    });
    const cert = new X509Certificate(issued.certificate);

    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('10.9.9.9')).toBeUndefined();
  });

  it('creates PEM signing key pairs for service-account tokens', async () => {
    const pair = await createSigningKeyPair();
    expect(createPrivateKey(pair.privateKey).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    expect(createPublicKey(pair.publicKey).asymmetricKeyType).toBe('ec');
  });
});
