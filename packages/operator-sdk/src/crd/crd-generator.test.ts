import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { IsString } from 'class-validator';
import { generateCrd } from './crd-generator.js';
import { renderCrdYaml } from './crd-writer.js';
import { Widget } from './fixtures/widget.resource.js';
import { KubernetesResource } from './kubernetes-resource.decorator.js';
import { OfflineValidator } from '../validation/offline-validator.js';

const golden = fileURLToPath(new URL('./fixtures/fixtures.score.dev_widgets.yaml', import.meta.url));

describe('generateCrd', () => {
  it('renders the Widget fixture exactly as the golden file (UPDATE_GOLDEN=1 rewrites it)', async () => {
    const yaml = renderCrdYaml(generateCrd(Widget));
    if (process.env.UPDATE_GOLDEN) {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(golden, yaml);
    }
    expect(yaml).toBe(await readFile(golden, 'utf8'));
  });

  it('names the CRD plural.group and keeps the header fields in the schema', () => {
    const crd = generateCrd(Widget);
    expect(crd.metadata.name).toBe('widgets.fixtures.score.dev');
    const schema = crd.spec.versions[0]!.schema.openAPIV3Schema;
    expect(Object.keys(schema.properties!)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(schema.required).toEqual(['spec']);
    expect(crd.spec.versions[0]!.subresources).toEqual({ status: {} });
  });

  it('inlines nested classes and arrays of classes (no $ref anywhere)', () => {
    const text = JSON.stringify(generateCrd(Widget));
    expect(text).not.toContain('$ref');
    const spec = generateCrd(Widget).spec.versions[0]!.schema.openAPIV3Schema.properties!.spec!;
    expect(spec.properties!.containers!.items!.properties!.ports!.items!.required).toEqual(['name', 'port']);
  });

  it('omits the status subresource and printer columns when not asked for', () => {
    @KubernetesResource({
      group: 'g.io',
      version: 'v1',
      kind: 'Plain',
      statusSubresource: false,
      scope: 'Cluster',
    })
    class Plain {
      @IsString()
      spec!: string;
    }
    const crd = generateCrd(Plain);
    expect(crd.spec.versions[0]!.subresources).toBeUndefined();
    expect(crd.spec.versions[0]!.additionalPrinterColumns).toBeUndefined();
    expect(crd.spec.scope).toBe('Cluster');
  });

  it('constrains metadata.name when asked, and the offline validator enforces it', () => {
    @KubernetesResource({
      group: 'g.io',
      version: 'v1',
      kind: 'Named',
      metadataName: { maxLength: 10, pattern: '^[a-z]+$' },
    })
    class Named {
      @IsString()
      spec!: string;
    }
    const schema = generateCrd(Named).spec.versions[0]!.schema.openAPIV3Schema;
    expect(schema.properties!.metadata).toEqual({
      type: 'object',
      properties: { name: { type: 'string', maxLength: 10, pattern: '^[a-z]+$' } },
    });
    const validator = OfflineValidator.fromClass(Named);
    const named = (name: string) => ({ apiVersion: 'g.io/v1', kind: 'Named', metadata: { name }, spec: 'x' });
    expect(validator.validate(named('ok'))).toEqual([]);
    expect(validator.validate(named('a.b')).map(String)).toEqual([
      `metadata.name: Invalid value: "a.b": metadata.name in body should match '^[a-z]+$'`,
    ]);
    expect(validator.validate(named('abcdefghijk')).map(String)).toEqual([
      'metadata.name: Too long: may not be more than 10 bytes',
      expect.stringContaining('some validation rules were not checked'),
    ]);
    expect(generateCrd(Widget).spec.versions[0]!.schema.openAPIV3Schema.properties!.metadata).toEqual({
      type: 'object',
    });
  });

  it('rejects a class without @KubernetesResource', () => {
    class Bare {}
    expect(() => generateCrd(Bare)).toThrow(/no @KubernetesResource decorator/);
  });
});
