import { childField } from '../errors/field-path.js';
import { readContainerFiles, readContainerVolumes } from './read-container-mounts.js';
import { scoreSchemaRules } from './score-schema-rules.js';
import type {
  ScoreContainer,
  ScoreContainerBefore,
  ScoreContainerProbe,
  ScoreHttpHeader,
  ScoreResourcesLimits,
} from './score-workload.js';
import type { FieldReader } from '../field-reader/field-reader.js';

const containerKeys = [
  'image',
  'command',
  'args',
  'variables',
  'files',
  'volumes',
  'resources',
  'livenessProbe',
  'readinessProbe',
  'before',
];
const readyConditions = ['started', 'healthy', 'complete'];

/**
 * Reads one container against the Score schema. What `before` names is checked across the workload by
 * `containerStartOrder`, once every container is read.
 */
export function readScoreContainer(
  reader: FieldReader,
  value: unknown,
  field: string,
): ScoreContainer | undefined {
  const map = reader.mapping(value, field, { required: true });
  if (map === undefined) return undefined;
  reader.onlyKeys(map, field, containerKeys);
  const image = reader.string(map.image, `${field}.image`, { required: true, minLength: 1 });
  const container = {
    image,
    command: reader.strings(map.command, `${field}.command`),
    args: reader.strings(map.args, `${field}.args`),
    variables: reader.stringMap(map.variables, `${field}.variables`, scoreSchemaRules.variableName),
    files: readContainerFiles(reader, map.files, `${field}.files`),
    volumes: readContainerVolumes(reader, map.volumes, `${field}.volumes`),
    resources: readResources(reader, map.resources, `${field}.resources`),
    livenessProbe: readProbe(reader, map.livenessProbe, `${field}.livenessProbe`),
    readinessProbe: readProbe(reader, map.readinessProbe, `${field}.readinessProbe`),
    before: readBefore(reader, map.before, `${field}.before`),
  };
  return image === undefined ? undefined : (dropUndefined(container) as unknown as ScoreContainer);
}

function readResources(reader: FieldReader, value: unknown, field: string): ScoreContainer['resources'] {
  const map = reader.mapping(value, field);
  if (map === undefined) return undefined;
  reader.onlyKeys(map, field, ['limits', 'requests']);
  const limits = (key: 'limits' | 'requests'): ScoreResourcesLimits | undefined => {
    const at = `${field}.${key}`;
    const inner = reader.mapping(map[key], at);
    if (inner === undefined) return undefined;
    reader.onlyKeys(inner, at, ['cpu', 'memory']);
    return dropUndefined({
      cpu: reader.string(inner.cpu, `${at}.cpu`, scoreSchemaRules.cpu),
      memory: reader.string(inner.memory, `${at}.memory`, scoreSchemaRules.memory),
    });
  };
  return dropUndefined({ limits: limits('limits'), requests: limits('requests') });
}

function readProbe(reader: FieldReader, value: unknown, field: string): ScoreContainerProbe | undefined {
  const map = reader.mapping(value, field);
  if (map === undefined) return undefined;
  reader.onlyKeys(map, field, ['httpGet', 'exec']);
  const httpField = `${field}.httpGet`;
  const http = reader.mapping(map.httpGet, httpField);
  let httpGet;
  if (http !== undefined) {
    reader.onlyKeys(http, httpField, ['scheme', 'host', 'path', 'port', 'httpHeaders']);
    httpGet = dropUndefined({
      scheme: reader.string(http.scheme, `${httpField}.scheme`, { oneOf: ['HTTP', 'HTTPS'] }) as
        'HTTP' | 'HTTPS',
      host: reader.string(http.host, `${httpField}.host`, { minLength: 1 }),
      path: reader.string(http.path, `${httpField}.path`, { required: true }),
      port: reader.integer(http.port, `${httpField}.port`, 1, 65535, true),
      httpHeaders: readHeaders(reader, http.httpHeaders, `${httpField}.httpHeaders`),
    });
  }
  const execMap = reader.mapping(map.exec, `${field}.exec`);
  let exec;
  if (execMap !== undefined) {
    reader.onlyKeys(execMap, `${field}.exec`, ['command']);
    const command = reader.strings(execMap.command, `${field}.exec.command`, true);
    // The schema allows an empty list, but such a probe can never run (Kubernetes refuses it).
    if (command?.length === 0)
      reader.add(
        `${field}.exec.command`,
        'must hold at least the program to run; an empty command can never run',
      );
    exec = dropUndefined({ command });
  }
  // The schema's anyOf: at least one kind; with both, exec is used (as the schema prefers).
  if (map.httpGet === undefined && map.exec === undefined)
    reader.add(field, 'at least one of httpGet or exec is required');
  return dropUndefined({ httpGet, exec }) as ScoreContainerProbe;
}

function readHeaders(reader: FieldReader, value: unknown, field: string): ScoreHttpHeader[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return reader.add(field, 'must be a list of {name, value}');
  return reader.list(value, field).map(([item, at]) => {
    const map = reader.mapping(item, at, { required: true }) ?? {};
    reader.onlyKeys(map, at, ['name', 'value']);
    return {
      name: reader.string(map.name, `${at}.name`, scoreSchemaRules.headerName) ?? '',
      value: reader.string(map.value, `${at}.value`, { required: true, minLength: 1 }) ?? '',
    };
  });
}

function readBefore(
  reader: FieldReader,
  value: unknown,
  field: string,
): Record<string, ScoreContainerBefore> | undefined {
  const map = reader.mapping(value, field);
  if (map === undefined) return undefined;
  const out: Record<string, ScoreContainerBefore> = {};
  for (const [name, item] of Object.entries(map)) {
    const at = childField(field, name);
    if (!reader.key(name, at, scoreSchemaRules.name)) continue;
    const entry = reader.mapping(item, at, { required: true });
    if (entry === undefined) continue;
    reader.onlyKeys(entry, at, ['ready']);
    const ready = reader.string(entry.ready, `${at}.ready`, { required: true, oneOf: readyConditions });
    // An entry with a bad `ready` still names a container, for the order check (the file is refused anyway).
    out[name] = { ready: (ready ?? 'started') as ScoreContainerBefore['ready'] };
  }
  return out;
}

/** Drops absent optional fields, so converted objects compare and serialise cleanly. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
