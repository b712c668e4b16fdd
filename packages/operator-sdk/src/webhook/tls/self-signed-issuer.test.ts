import { describe, expect, it } from '@jest/globals';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';
import { DirectoryCertificates } from './directory-certificates.js';
import { GeneratedCertificates } from './generated-certificates.js';
import { SelfSignedIssuer } from './self-signed-issuer.js';

describe('SelfSignedIssuer', () => {
  it('issues a serving certificate for DNS names and IPs, signed by its CA, with its own key', async () => {
    const issuer = await SelfSignedIssuer.create('test-ca');
    const issued = await issuer.issue(['webhook.ns.svc', '127.0.0.1'], 3600_000);
    const ca = new X509Certificate(issuer.caCertificate);
    const cert = new X509Certificate(issued.cert);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:webhook.ns.svc, IP Address:127.0.0.1');
    expect(cert.checkPrivateKey(createPrivateKey(issued.key))).toBe(true);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(Math.abs(issued.notAfter.getTime() - (Date.now() + 3600_000))).toBeLessThan(60_000);
  });

  it('writes PEM that concatenates into a bundle (a final newline on every block)', async () => {
    const [a, b] = await Promise.all([SelfSignedIssuer.create('a'), SelfSignedIssuer.create('b')]);
    const bundle = a.caCertificate + b.caCertificate;
    expect(bundle).toMatch(/-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----/);
    expect(bundle).not.toContain('\r');
  });
});

describe('GeneratedCertificates', () => {
  it('rotates the serving certificate under one CA and tells its watchers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'generated-certs-'));
    const source = new GeneratedCertificates({ hosts: ['localhost'], writeTo: dir });
    const first = await source.load();
    const seen: string[] = [];
    const stop = source.watch(
      (c) => seen.push(c.cert),
      () => undefined,
    );
    const second = await source.rotate();
    stop();
    await source.rotate();
    expect(seen).toEqual([second.cert]);
    expect(second.cert).not.toBe(first.cert);
    expect(second.caBundle).toBe(first.caBundle);
    expect(await source.caBundle()).toBe(first.caBundle);
    expect(new X509Certificate(second.cert).checkIssued(new X509Certificate(first.caBundle!))).toBe(true);
    // What it writes is what DirectoryCertificates reads: local tools can share the files.
    expect(await new DirectoryCertificates({ dir }).load()).toEqual(await source.load());
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a renewal window as long as the lifetime', () => {
    const build = () => new GeneratedCertificates({ validityMs: 1000, renewBeforeMs: 1000 });
    expect(build).toThrow(OperatorSdkError);
    expect(build).toThrow(
      'invalid certificate timing: validityMs 1000 must be > 0 and renewBeforeMs 1000 below it',
    );
  });
});
