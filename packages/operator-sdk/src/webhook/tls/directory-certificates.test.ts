// Certificates from a directory laid out as kubelet lays out a Secret volume (see SecretVolume).
import { afterEach, describe, expect, it } from '@jest/globals';
import { eventually } from '@score-orchestrator/testing';
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';
import { SecretVolume } from '../fixtures/secret-volume.js';
import { DirectoryCertificates } from './directory-certificates.js';
import { SelfSignedIssuer } from './self-signed-issuer.js';
import type { ServingCertificate } from './serving-certificate.js';

// Under the unit project's 30 s hang guard, so a failure names what it waited for instead of jest's timeout.
const UNIT_WAIT = { timeoutMs: 20_000 };

const volumes: SecretVolume[] = [];
afterEach(async () => {
  await Promise.all(volumes.splice(0).map((volume) => volume.remove()));
});

async function secretVolume(): Promise<SecretVolume> {
  const volume = await SecretVolume.create();
  volumes.push(volume);
  return volume;
}

describe('DirectoryCertificates', () => {
  it('loads tls.crt, tls.key and ca.crt, and reports the pair kubelet swaps in', async () => {
    const issuer = await SelfSignedIssuer.create('test-ca');
    const [first, second] = await Promise.all([
      issuer.issue(['localhost'], 3600_000),
      issuer.issue(['localhost'], 3600_000),
    ]);
    const volume = await secretVolume();
    const dir = volume.dir;
    await volume.project({ 'tls.crt': first.cert, 'tls.key': first.key, 'ca.crt': issuer.caCertificate });
    const source = new DirectoryCertificates({ dir, pollIntervalMs: 50 });
    expect(await source.load()).toEqual({ cert: first.cert, key: first.key, caBundle: issuer.caCertificate });

    const reported: ServingCertificate[] = [];
    const errors: Error[] = [];
    const stop = source.watch(
      (c) => reported.push(c),
      (e) => errors.push(e),
    );
    try {
      // A half-written update (a key that is not the certificate's) is reported as an error and skipped.
      await volume.project({ 'tls.crt': second.cert, 'tls.key': first.key, 'ca.crt': issuer.caCertificate });
      await eventually(() => errors.length > 0, 'the broken pair reported', UNIT_WAIT);
      expect(errors[0].message).toMatch(/the private key does not belong to the certificate/);
      expect(reported).toEqual([]);
      await volume.project({ 'tls.crt': second.cert, 'tls.key': second.key, 'ca.crt': issuer.caCertificate });
      await eventually(() => reported.length > 0, 'the new pair reported', UNIT_WAIT);
      expect(reported).toEqual([{ cert: second.cert, key: second.key, caBundle: issuer.caCertificate }]);
    } finally {
      stop();
    }
  });

  it('says what to do when nothing is mounted', async () => {
    const dir = (await secretVolume()).dir;
    const err = await new DirectoryCertificates({ dir }).load().catch((e: unknown) => e);
    expect(OperatorSdkError.is(err) && err.kind).toBe('Configuration');
    expect((err as Error).message).toMatch(
      new RegExp(
        `failed to read the webhook certificate in ${dir}: .*ENOENT.*; mount a kubernetes.io/tls Secret there or leave certDir unset`,
      ),
    );
  });
});
