// Loads a score-k8s provisioners file (a YAML list of template:// and cmd:// provisioners) and checks it all.
import { isMap as isYamlMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { ProvisionersError } from '../errors/provisioners.error.js';
import { compileTemplate, type CompiledTemplate } from '@score-orchestrator/api';
import { provisionerFunctions } from '../template/score-functions.js';
import { decodeCmdUri } from './cmd-uri.js';
import {
  templateSections,
  type CmdProvisionerDefinition,
  type DefinitionSource,
  type ProvisionerDefinition,
  type TemplateProvisionerDefinition,
  type TemplateSection,
} from './provisioner-definition.js';

/** Options of {@link loadProvisionerFile}. */
export interface LoadProvisionerFileOptions {
  /** The file's name, for messages. */
  readonly fileName?: string;
  /** Directory `cmd://./...` and `cmd://../...` resolve against (default: the working directory, as score-k8s). */
  readonly baseDir?: string;
}

const commonFields = ['uri', 'type', 'class', 'id', 'description', 'supported_params', 'expected_outputs'];
const knownFields = {
  template: new Set([...commonFields, ...templateSections]),
  cmd: new Set([...commonFields, 'args']),
};

/**
 * Parses a provisioners file in score-k8s's format and compiles every template in it (sections and cmd
 * args), so syntax errors and unsupported functions surface now rather than when a claim arrives. The
 * result keeps the file's order, which decides matching (first match wins, as in score-k8s).
 *
 * @throws ProvisionersError `Load`, e.g. `failed to load provisioners file p.yaml: entry 2 (template://x, line 14):
 *   template outputs:3:7: ...`.
 */
export function loadProvisionerFile(
  yamlText: string,
  options: LoadProvisionerFileOptions = {},
): ProvisionerDefinition[] {
  const where = options.fileName ? `provisioners file ${options.fileName}` : 'provisioners file';
  const fail = (message: string, cause?: unknown): never => {
    throw new ProvisionersError('Load', `failed to load ${where}: ${message}`, { cause });
  };
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    const pos = lines.linePos(err.pos[0]);
    fail(`invalid YAML at line ${pos.line}, column ${pos.col}: ${err.message.split('\n')[0]}`);
  }
  if (doc.contents === null) return [];
  if (!isSeq(doc.contents)) fail('expected a list of provisioners');
  const items = (doc.contents as unknown as { items: YamlNode[] }).items;
  return items.map((node, index) => {
    const source: DefinitionSource = {
      file: options.fileName,
      index,
      line: node.range ? lines.linePos(node.range[0]).line : 0,
    };
    const raw = node.toJSON() as unknown;
    const uri =
      isYamlMap(node) && typeof (raw as Record<string, unknown>).uri === 'string'
        ? String((raw as Record<string, unknown>).uri)
        : '';
    try {
      return parseEntry(raw, source, options.baseDir ?? process.cwd());
    } catch (err) {
      return fail(
        `entry ${index} (${uri ? `${uri}, ` : ''}line ${source.line}): ${(err as Error).message}`,
        err,
      );
    }
  });
}

function parseEntry(raw: unknown, source: DefinitionSource, baseDir: string): ProvisionerDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('expected a map');
  const entry = raw as Record<string, unknown>;
  const uri = entry.uri;
  if (typeof uri !== 'string' || uri === '') throw new Error('uri not set');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1];
  if (!scheme) throw new Error(`missing uri scheme in '${uri}'`);
  if (scheme !== 'template' && scheme !== 'cmd') {
    throw new Error(`unsupported provisioner type '${scheme}'; use template:// or cmd://`);
  }
  for (const key of Object.keys(entry)) {
    if (!knownFields[scheme].has(key)) throw new Error(`field ${key} not found in ${scheme} provisioner`);
  }
  if (typeof entry.type !== 'string' || entry.type === '') throw new Error('type not set');
  const base = {
    uri,
    type: entry.type,
    class: optionalString(entry, 'class'),
    id: optionalString(entry, 'id'),
    description: optionalString(entry, 'description'),
    supportedParams: stringList(entry, 'supported_params'),
    expectedOutputs: stringList(entry, 'expected_outputs'),
    source,
  };
  if (scheme === 'template') {
    const templates: Partial<Record<TemplateSection, CompiledTemplate>> = {};
    for (const section of templateSections) {
      const text = optionalString(entry, section);
      if (text !== undefined && text.trim() !== '')
        templates[section] = compileTemplate(section, text.trim(), provisionerFunctions);
    }
    return { ...base, scheme, templates } satisfies TemplateProvisionerDefinition;
  }
  const command = decodeCmdUri(uri, baseDir);
  const args = stringList(entry, 'args').map((arg, i) =>
    compileTemplate(`args[${i}]`, arg === '<mode>' ? 'provision' : arg, provisionerFunctions),
  );
  return { ...base, scheme, command, args } satisfies CmdProvisionerDefinition;
}

function optionalString(entry: Record<string, unknown>, key: string): string | undefined {
  const v = entry[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`${key} must be a string`);
  return v;
}

function stringList(entry: Record<string, unknown>, key: string): string[] {
  const v = entry[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
    throw new Error(`${key} must be a list of strings`);
  return v as string[];
}
