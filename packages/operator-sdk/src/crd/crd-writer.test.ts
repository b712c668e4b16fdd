import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCrd } from './crd-generator.js';
import { crdFileName, findStaleCrds, renderCrdYaml, writeCrds } from './crd-writer.js';
import { Widget } from './fixtures/widget.resource.js';

describe('CRD files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crd-writer-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names files <group>_<plural>.yaml and renders the same bytes every time', () => {
    const crd = generateCrd(Widget);
    expect(crdFileName(crd)).toBe('fixtures.score.dev_widgets.yaml');
    expect(renderCrdYaml(generateCrd(Widget))).toBe(renderCrdYaml(crd));
    expect(
      renderCrdYaml(crd).startsWith(
        '---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n',
      ),
    ).toBe(true);
  });

  it('reports missing and changed files, and nothing once written', async () => {
    const path = join(dir, 'fixtures.score.dev_widgets.yaml');
    expect(await findStaleCrds([Widget], dir)).toEqual([{ path, reason: 'missing' }]);
    expect(await writeCrds([Widget], dir)).toEqual([path]);
    expect(await findStaleCrds([Widget], dir)).toEqual([]);
    await writeFile(path, `${await readFile(path, 'utf8')}# edited\n`);
    expect(await findStaleCrds([Widget], dir)).toEqual([{ path, reason: 'differs' }]);
  });
});
