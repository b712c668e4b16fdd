import { ScoreApiError } from '../errors/api.error.js';
import { childField } from '../errors/field-path.js';
import { containerStartOrder } from './container-start-order.js';
import { dropUndefined, readScoreContainer } from './read-score-container.js';
import { scoreSchemaRules } from './score-schema-rules.js';
import {
  SCORE_API_VERSION,
  type ScoreContainer,
  type ScoreContainerBefore,
  type ScoreFile,
  type ScoreMetadata,
  type ScoreResource,
  type ScoreService,
  type ScoreServicePort,
} from './score-workload.js';
import { FieldReader } from '../field-reader/field-reader.js';

/**
 * Checks a decoded Score file (e.g. from YAML or JSON) against the Score schema and returns it
 * normalised: `files` and `volumes` in map form, absent optional fields dropped. Rules follow score-go's
 * `schema/files/score-v1b1.json`, plus what the schema cannot express and score-go's loader checks:
 * `before` entries name sibling containers, form no cycle and leave a main container (see
 * `containerStartOrder`). Every broken rule is reported at once.
 *
 * @throws ScoreApiError kind `Validation`, one issue per field, e.g. `containers.web.files[2].target: required`.
 */
export function readScoreFile(value: unknown): ScoreFile {
  const reader = new FieldReader();
  const root = reader.mapping(value, '', { required: true }) ?? {};
  reader.onlyKeys(root, '', ['apiVersion', 'metadata', 'containers', 'service', 'resources']);
  reader.string(root.apiVersion, 'apiVersion', { required: true, oneOf: [SCORE_API_VERSION] });
  const metadata = readMetadata(reader, root.metadata);
  const containers = readContainers(reader, root.containers);
  const service = readService(reader, root.service);
  const resources = readResources(reader, root.resources);
  if (reader.issues.length > 0) {
    throw ScoreApiError.fromIssues('Validation', 'failed to read Score file', reader.issues);
  }
  return dropUndefined({
    apiVersion: SCORE_API_VERSION,
    metadata,
    containers,
    service,
    resources,
  }) as ScoreFile;
}

function readMetadata(reader: FieldReader, value: unknown): ScoreMetadata {
  const map = reader.mapping(value, 'metadata', { required: true }) ?? {};
  reader.string(map.name, 'metadata.name', { required: true, ...scoreSchemaRules.name });
  reader.stringMap(map.annotations, 'metadata.annotations', scoreSchemaRules.annotationKey);
  return map as ScoreMetadata;
}

function readContainers(reader: FieldReader, value: unknown): Record<string, ScoreContainer> {
  const map = reader.mapping(value, 'containers', { required: true }) ?? {};
  if (value !== undefined && Object.keys(map).length === 0)
    reader.add('containers', 'at least one container is required');
  const names = Object.keys(map);
  const out: Record<string, ScoreContainer> = {};
  for (const [name, item] of Object.entries(map)) {
    const field = childField('containers', name);
    reader.key(name, field, scoreSchemaRules.name);
    const container = readScoreContainer(reader, item, field);
    if (container !== undefined) out[name] = container;
  }
  // Containers that failed to read still count, with the names their `before` uses.
  const all = Object.fromEntries(
    names.map((name) => [name, out[name] ?? { before: namedBefore(map[name]) }]),
  );
  try {
    containerStartOrder(all);
  } catch (err) {
    if (!ScoreApiError.is(err)) throw err;
    for (const issue of err.issues) reader.add(issue.field, issue.message);
  }
  return out;
}

/** The names in a container's `before` as written, each as `started` (only the names matter). */
function namedBefore(container: unknown): Record<string, ScoreContainerBefore> {
  const before = (container as { before?: unknown } | null)?.before;
  if (typeof before !== 'object' || before === null || Array.isArray(before)) return {};
  return Object.fromEntries(Object.keys(before).map((name) => [name, { ready: 'started' as const }]));
}

function readService(reader: FieldReader, value: unknown): ScoreService | undefined {
  const map = reader.mapping(value, 'service');
  if (map === undefined) return undefined;
  reader.onlyKeys(map, 'service', ['ports']);
  const ports = reader.mapping(map.ports, 'service.ports');
  if (ports === undefined) return {};
  const out: Record<string, ScoreServicePort> = {};
  for (const [name, item] of Object.entries(ports)) {
    const field = childField('service.ports', name);
    reader.key(name, field, scoreSchemaRules.name);
    const port = reader.mapping(item, field, { required: true });
    if (port === undefined) continue;
    reader.onlyKeys(port, field, ['port', 'protocol', 'targetPort']);
    out[name] = dropUndefined({
      port: reader.integer(port.port, `${field}.port`, 1, 65535, true) as number,
      protocol: reader.string(port.protocol, `${field}.protocol`, { oneOf: ['TCP', 'UDP'] }) as 'TCP' | 'UDP',
      targetPort: reader.integer(port.targetPort, `${field}.targetPort`, 1, 65535),
    });
  }
  return { ports: out };
}

function readResources(reader: FieldReader, value: unknown): Record<string, ScoreResource> | undefined {
  const map = reader.mapping(value, 'resources');
  if (map === undefined) return undefined;
  const out: Record<string, ScoreResource> = {};
  for (const [name, item] of Object.entries(map)) {
    const field = childField('resources', name);
    reader.key(name, field, scoreSchemaRules.name);
    const resource = reader.mapping(item, field, { required: true });
    if (resource === undefined) continue;
    reader.onlyKeys(resource, field, ['type', 'class', 'id', 'metadata', 'params']);
    const metadata = reader.mapping(resource.metadata, `${field}.metadata`);
    if (metadata !== undefined) {
      const at = `${field}.metadata.annotations`;
      reader.stringMap(metadata.annotations, at, scoreSchemaRules.annotationKey);
    }
    out[name] = dropUndefined({
      type: reader.string(resource.type, `${field}.type`, scoreSchemaRules.resourceType) as string,
      class: reader.string(resource.class, `${field}.class`, scoreSchemaRules.resourceClass),
      id: reader.string(resource.id, `${field}.id`, scoreSchemaRules.resourceId),
      metadata,
      params: reader.mapping(resource.params, `${field}.params`),
    });
  }
  return out;
}
