// Certificates from a directory laid out as kubelet lays out a Secret volume: files are symlinks into a
// `..data` directory that is swapped atomically on update.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@score-orchestrator/testing';
import { OperatorSdkError } from '../../errors/operator-sdk.error.js';
import { DirectoryCertificates } from './directory-certificates.js';
import { SelfSignedIssuer } from './self-signed-issuer.js';
import type { ServingCertificate } from './serving-certificate.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

let generation = 0;
/** Writes a new `..<n>` data directory with `files` and points `..data` (and the file links) at it. */
async function project(dir: string, files: Record<string, string>): Promise<void> {
  const data = `..${++generation}`;
  await mkdir(join(dir, data));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, data, name), content);
    await symlink(join('..data', name), join(dir, name)).catch(() => undefined);
  }
  await symlink(data, join(dir, '..data_tmp'));
  await rename(join(dir, '..data_tmp'), join(dir, '..data'));
}

async function secretDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'webhook-certs-'));
  dirs.push(dir);
  return dir;
}

describe('DirectoryCertificates', () => {
  it('loads tls.crt, tls.key and ca.crt, and reports the pair kubelet swaps in', async () => {
    const issuer = await SelfSignedIssuer.create('test-ca');
    const [first, second] = await Promise.all([
      issuer.issue(['localhost'], 3600_000),
      issuer.issue(['localhost'], 3600_000),
    ]);
    const dir = await secretDir();
    await project(dir, { 'tls.crt': first.cert, 'tls.key': first.key, 'ca.crt': issuer.caCertificate });
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
      await project(dir, { 'tls.crt': second.cert, 'tls.key': first.key, 'ca.crt': issuer.caCertificate });
      await eventually(() => errors.length > 0, 'the broken pair reported');
      expect(errors[0].message).toMatch(/the private key does not belong to the certificate/);
      expect(reported).toEqual([]);
      await project(dir, { 'tls.crt': second.cert, 'tls.key': second.key, 'ca.crt': issuer.caCertificate });
      await eventually(() => reported.length > 0, 'the new pair reported');
      expect(reported).toEqual([{ cert: second.cert, key: second.key, caBundle: issuer.caCertificate }]);
    } finally {
      stop();
    }
  });

  it('says what to do when nothing is mounted', async () => {
    const dir = await secretDir();
    const err = await new DirectoryCertificates({ dir }).load().catch((e: unknown) => e);
    expect(OperatorSdkError.is(err) && err.kind).toBe('Configuration');
    expect((err as Error).message).toMatch(
      new RegExp(
        `failed to read the webhook certificate in ${dir}: .*ENOENT.*; mount a kubernetes.io/tls Secret there or leave certDir unset`,
      ),
    );
  });
});
