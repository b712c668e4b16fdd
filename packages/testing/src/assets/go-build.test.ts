import { access, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

import { TestingError } from '../errors/testing.error.js';
import type { BinarySpec } from './binaries.js';
import { goBuild } from './go-build.js';

// Builds a tiny Go program the way the real binaries are built; needs only the go toolchain.
describe('goBuild', () => {
  let hackDir: string;
  let outDir: string;
  const spec: BinarySpec = {
    name: 'etcd',
    envVar: 'UNUSED',
    module: 'etcd',
    goPackage: '.',
    ldflags: () => '-s -w',
  };
  const versions = { kubernetes: 'v1.0.0', etcd: 'v3.0.0', kwok: 'v0.0.0' };

  beforeEach(async () => {
    hackDir = await mkdtemp(join(tmpdir(), 'score-go-build-test-'));
    outDir = join(hackDir, 'out');
    await mkdir(join(hackDir, 'etcd'));
    await writeFile(join(hackDir, 'etcd', 'go.mod'), 'module example.com/hello\n\ngo 1.22\n');
  });

  afterEach(() => rm(hackDir, { recursive: true, force: true }));

  it('builds the binary, reports progress, and leaves no temporary file, not even an abandoned one', async () => {
    await writeFile(join(hackDir, 'etcd', 'main.go'), 'package main\n\nfunc main() { println("hello") }\n');
    // What a build killed by SIGKILL leaves behind (the pid is above Linux's largest pid, so dead).
    await mkdir(outDir);
    await writeFile(join(outDir, '.etcd.4194999.1.tmp'), 'half a binary');
    const lines: string[] = [];
    const output = join(outDir, 'etcd');
    await goBuild({ spec, versions, hackDir, output, progress: (line) => lines.push(line) });

    expect(spawnSync(output, { encoding: 'utf8' }).stderr).toBe('hello\n');
    expect(await readdir(outDir)).toEqual(['etcd']);
    expect(lines[0]).toMatch(/^building etcd \(\.\) from /);
    expect(lines.at(-1)).toMatch(/^built etcd in \d+s: /);
  }, 60_000);

  it('fails with go output and leaves nothing under the final name', async () => {
    await writeFile(join(hackDir, 'etcd', 'main.go'), 'package main\n\nfunc main() { undefinedCall() }\n');
    const output = join(outDir, 'etcd');
    const error = await goBuild({ spec, versions, hackDir, output, progress: () => {} }).catch(
      (e: unknown) => e,
    );

    expect(TestingError.is(error) && error.kind).toBe('Build');
    expect((error as Error).message).toMatch(/^failed to build go \.: exit code 1\n[\s\S]*undefinedCall/);
    await expect(access(output)).rejects.toThrow();
    expect(await readdir(outDir)).toEqual([]);
  }, 60_000);
});
