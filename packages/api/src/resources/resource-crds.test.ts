import { describe, expect, it } from '@jest/globals';
import { generateCrd, type JsonSchemaProps } from '@score-orchestrator/operator-sdk';
import type { ScoreContainer, ScoreResource } from '../score-file/score-workload.js';
import { ResourceClaimKind, WorkloadKind, WorkloadPlanKind } from './resource-kinds.js';
import { ResourceClaim } from './resource-claim.resource.js';
import { WorkloadPlan } from './workload-plan.resource.js';
import { Workload } from './workload.resource.js';
import type { WorkloadContainer } from './container.js';
import type { WorkloadResource } from './workload-resource.js';

const schemaOf = (cls: typeof Workload | typeof ResourceClaim | typeof WorkloadPlan) =>
  generateCrd(cls).spec.versions[0]!.schema.openAPIV3Schema;
const at = (schema: JsonSchemaProps, ...path: string[]): JsonSchemaProps =>
  path.reduce<JsonSchemaProps>((node, key) => {
    const next = key === '*' ? node.additionalProperties : node.properties?.[key];
    if (typeof next !== 'object' || next === null) throw new Error(`no schema at ${path.join('.')}`);
    return next as JsonSchemaProps;
  }, schema);
const rules = (node: JsonSchemaProps) => (node['x-kubernetes-validations'] ?? []).map((r) => r.message);

describe('the Workload CRD', () => {
  const crd = generateCrd(Workload);
  const schema = schemaOf(Workload);
  const container = at(schema, 'spec', 'containers', '*');

  it('names the kind, short name and category, with a status subresource', () => {
    expect(crd.metadata.name).toBe('workloads.score.dev');
    expect(crd.spec.names).toMatchObject({ kind: 'Workload', shortNames: ['wl'], categories: ['score'] });
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.versions[0]).toMatchObject({ name: 'v1b1', subresources: { status: {} } });
  });

  it('prints Ready, Endpoint and Age', () => {
    expect(crd.spec.versions[0]!.additionalPrinterColumns).toEqual([
      { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
      { name: 'Endpoint', type: 'string', jsonPath: '.status.endpoint' },
      { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
    ]);
  });

  it('requires a spec with at least one container, each with an image', () => {
    expect(schema.required).toEqual(['spec']);
    expect(at(schema, 'spec').required).toEqual(['containers']);
    expect(at(schema, 'spec', 'containers')).toMatchObject({ minProperties: 1 });
    expect(container.required).toEqual(['image']);
    expect(at(container, 'image')).toMatchObject({ type: 'string', minLength: 1 });
  });

  it('checks names, files, probes, before and placeholders with CEL', () => {
    expect(rules(at(schema, 'spec'))).toEqual([
      'before must name other containers of this workload (not the container itself)',
      'at least one container must have no before entries, to run as the workload',
    ]);
    expect(rules(container)).toEqual([
      'before with ready: healthy needs a readinessProbe or livenessProbe on this container',
      'files and volumes must not share a target path',
    ]);
    expect(rules(at(container, 'files'))).toEqual([
      'file targets must be absolute paths without ".." segments',
    ]);
    expect(rules(at(container, 'volumes'))).toEqual([
      'volume targets must be absolute paths without ".." segments',
    ]);
    expect(rules(at(container, 'volumes', '*', 'path'))).toEqual([
      'must be a path inside the volume, without ".." segments',
    ]);
    expect(rules(at(container, 'variables'))).toEqual([
      'variable names must be printable ASCII characters other than "="',
    ]);
    expect(rules(at(schema, 'spec', 'containers'))[0]).toMatch(/^container names must be an RFC 1123 label/);
    expect(rules(at(schema, 'spec', 'resources'))[0]).toMatch(/^resource names must be/);
    expect(rules(at(schema, 'spec', 'service', 'ports'))[0]).toMatch(/^port names must be/);
    expect(rules(at(container, 'files', '*'))).toEqual([
      'exactly one of source, content or binaryContent must be set',
      expect.stringMatching(/^must not contain an unterminated placeholder/),
    ]);
    expect(rules(at(container, 'livenessProbe'))).toEqual(['at least one of httpGet or exec must be set']);
    expect(rules(at(container, 'variables', '*'))).toEqual([
      expect.stringMatching(/^must not contain an unterminated placeholder/),
    ]);
  });

  it('limits Workload names to what can name a Service: an RFC 1123 label', () => {
    expect(at(schema, 'metadata')).toEqual({
      type: 'object',
      properties: { name: { type: 'string', maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' } },
    });
  });

  it('quotes the Score schema patterns and bounds', () => {
    expect(at(container, 'files', '*', 'mode').pattern).toBe('^0?[0-7]{3}$');
    // Standard base64 by pattern: `format: byte` next to a CEL rule means URL-safe to the API server.
    expect(at(container, 'files', '*', 'binaryContent')).toEqual({
      type: 'string',
      pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
    });
    expect(at(schema, 'spec', 'resources', '*').required).toEqual(['type']);
    expect(at(schema, 'spec', 'resources', '*', 'type').pattern).toBe(
      '^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$',
    );
    expect(at(schema, 'spec', 'service', 'ports', '*', 'port')).toMatchObject({ minimum: 1, maximum: 65535 });
    expect(at(schema, 'spec', 'service', 'ports', '*', 'protocol').enum).toEqual(['TCP', 'UDP', 'SCTP']);
  });

  it('keeps params, metadata and metadataExtras as they are', () => {
    for (const node of [
      at(schema, 'spec', 'resources', '*', 'params'),
      at(schema, 'spec', 'resources', '*', 'metadata'),
      at(schema, 'spec', 'metadataExtras'),
    ]) {
      expect(node).toEqual({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    }
  });
});

describe('the internal CRDs', () => {
  it.each([
    [
      ResourceClaim,
      'resourceclaims.score.dev',
      ['sclaim', 'scoreclaim'],
      ['Type', 'Class', 'Phase', 'Resolver', 'Rule', 'Age'],
    ],
    [
      WorkloadPlan,
      'workloadplans.score.dev',
      ['wplan', 'scoreplan'],
      ['RuntimeClass', 'Phase', 'Endpoint', 'Age'],
    ],
  ] as const)(
    '%p is %s in categories score and score-internal, with short names',
    (cls, name, short, columns) => {
      const crd = generateCrd(cls);
      expect(crd.metadata.name).toBe(name);
      expect(crd.spec.names.categories).toEqual(['score', 'score-internal']);
      expect(crd.spec.names.shortNames).toEqual(short);
      expect(crd.spec.versions[0]!.subresources).toEqual({ status: {} });
      expect(crd.spec.versions[0]!.additionalPrinterColumns?.map((c) => c.name)).toEqual(columns);
    },
  );

  it('takes plan binaryContent as standard base64, by pattern, not format byte', () => {
    const files = at(schemaOf(WorkloadPlan), 'spec', 'containers', '*', 'files');
    const file = files.items as JsonSchemaProps;
    expect(at(file, 'binaryContent')).toEqual({
      type: 'string',
      pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
    });
  });

  it('defaults a claim class to default and its deprovision policy to Delete', () => {
    const spec = at(schemaOf(ResourceClaim), 'spec');
    expect(at(spec, 'class').default).toBe('default');
    expect(at(spec, 'deprovisionPolicy')).toMatchObject({
      default: 'Delete',
      enum: ['Delete', 'Retain', 'Orphan'],
    });
  });
});

describe('resource kinds', () => {
  it('name the three kinds for clients and controllers', () => {
    expect([WorkloadKind, ResourceClaimKind, WorkloadPlanKind]).toEqual([
      { apiVersion: 'score.dev/v1b1', kind: 'Workload', plural: 'workloads', namespaced: true },
      { apiVersion: 'score.dev/v1b1', kind: 'ResourceClaim', plural: 'resourceclaims', namespaced: true },
      { apiVersion: 'score.dev/v1b1', kind: 'WorkloadPlan', plural: 'workloadplans', namespaced: true },
    ]);
  });

  it('type Workload containers and resources as Score ones (a compile-time check)', () => {
    const container: WorkloadContainer = { image: 'nginx', variables: { A: '${metadata.name}' } };
    const resource: WorkloadResource = { type: 'postgres' };
    const asScore: [ScoreContainer, ScoreResource] = [container, resource];
    expect(asScore).toHaveLength(2);
  });
});
