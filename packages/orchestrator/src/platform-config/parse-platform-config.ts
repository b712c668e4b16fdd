import {
  childField,
  compileEndpointTemplate,
  DEPROVISION_POLICIES,
  FieldReader,
  ROOT_FIELD,
  type FieldIssue,
  type Mapping,
} from '@score-orchestrator/api';
import { describeError } from '@score-orchestrator/operator-sdk';
import { parseDocument } from 'yaml';
import { OrchestratorError } from '../errors/orchestrator.error.js';
import { compilePolicyRule } from '../policy/compile-policy-rule.js';
import type { PolicyRule } from '../policy/policy-rule.js';
import { dnsLabel, text } from './name-rules.js';
import { readPatchTemplates } from './read-patch-templates.js';
import { readProfileBatch } from './read-profile-batch.js';
import { selectorMatcher } from './selector-matcher.js';
import {
  DEFAULT_RUNTIME_CLASS,
  PLATFORM_CONFIG_API_VERSION,
  PLATFORM_CONFIG_KIND,
  type Backend,
  type LabelSelectorRequirement,
  type PlatformConfig,
  type PlatformDefaults,
  type Profile,
  type ProfileSelector,
  type ResolverRule,
} from './platform-config.js';

const resolverName = {
  pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
  expected: "a resolver name: lower-case letters, digits, '-' and '.', as given to @Resolver",
  maxLength: 253,
  notBlank: true,
};
const noSpaces = { notBlank: true, pattern: /^\S+$/, expected: 'a single word without spaces' };
const npmName = {
  pattern: /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/,
  expected: 'an npm package name, e.g. @my-org/resolver-aws or resolver-aws',
  maxLength: 214,
  notBlank: true,
};
const labelName = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const selectorOperators = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

/**
 * Parses and validates a platform configuration document (YAML or JSON). Pure. Fills in defaults
 * (`defaults.runtimeClass: kubernetes`, `defaults.deprovisionPolicy: Delete`, empty lists) and checks every
 * field, including that each policy's CEL compiles, each endpoint template is well formed, each patch
 * template parses (and renders a valid patch list where it can without input) and each selector is valid. See docs/configuration.md.
 *
 * @throws OrchestratorError `Configuration` listing every issue as `<field path>: <problem and fix>`.
 */
export function parsePlatformConfig(yamlText: string): PlatformConfig {
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues: FieldIssue[] = doc.errors.map((err) => ({
      field: ROOT_FIELD,
      message: `YAML ${err.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'syntax error'} at line ${err.linePos?.[0].line ?? '?'}: ${err.message.split('\n')[0]}`,
    }));
    throw OrchestratorError.fromIssues('Configuration', 'failed to parse platform config', issues);
  }
  const reader = new FieldReader();
  const config = readConfig(reader, doc.toJS({ maxAliasCount: 100 }) as unknown);
  if (reader.issues.length > 0 || config === undefined) {
    throw OrchestratorError.fromIssues('Configuration', 'failed to parse platform config', reader.issues);
  }
  return config;
}

function readConfig(reader: FieldReader, value: unknown): PlatformConfig | undefined {
  if (value === undefined || value === null) {
    reader.add(
      '',
      `the document is empty; start it with "apiVersion: ${PLATFORM_CONFIG_API_VERSION}" and "kind: ${PLATFORM_CONFIG_KIND}"`,
    );
    return undefined;
  }
  const root = reader.mapping(value, '', {
    required: true,
    known: [
      'apiVersion',
      'kind',
      'defaults',
      'profiles',
      'backends',
      'resolvers',
      'policies',
      'patchTemplates',
      'plugins',
    ],
  });
  if (!root) return undefined;
  const apiVersion = reader.stringAt(root, 'apiVersion', '', { required: true, ...text });
  if (apiVersion !== undefined && apiVersion !== PLATFORM_CONFIG_API_VERSION)
    reader.add(
      'apiVersion',
      `${JSON.stringify(apiVersion)} is not supported: use ${PLATFORM_CONFIG_API_VERSION}`,
    );
  const kind = reader.stringAt(root, 'kind', '', { required: true, ...text });
  if (kind !== undefined && kind !== PLATFORM_CONFIG_KIND)
    reader.add('kind', `${JSON.stringify(kind)} is not supported: use ${PLATFORM_CONFIG_KIND}`);

  const profileItems = reader
    .listAt(root, 'profiles', '')
    .map(([item, field]) => [readProfile(reader, item, field), field] as [Profile | undefined, string]);
  reader.unique(profileItems, (p) => p?.name, 'profile name');
  const profiles = profileItems.map(([p]) => p).filter((p) => p !== undefined);
  const defaults = readDefaults(reader, root, profiles);

  const backendItems = reader
    .listAt(root, 'backends', '')
    .map(([item, field]) => [readBackend(reader, item, field), field] as [Backend | undefined, string]);
  reader.unique(backendItems, (b) => b?.runtimeClass, 'backend runtimeClass');

  const policyItems = reader
    .listAt(root, 'policies', '')
    .map(([item, field]) => [readPolicy(reader, item, field), field] as [PolicyRule | undefined, string]);
  reader.unique(policyItems, (p) => p?.name, 'policy name');

  const resolverItems = reader
    .listAt(root, 'resolvers', '')
    .map(
      ([item, field]) => [readResolverRule(reader, item, field), field] as [ResolverRule | undefined, string],
    );
  reader.unique(resolverItems, (r) => r?.name, 'resolver rule name');

  const patchTemplates = readPatchTemplates(reader, root, profiles);

  const pluginItems = reader
    .listAt(root, 'plugins', '')
    .map(([item, field]) => [readPlugin(reader, item, field), field] as [string | undefined, string]);
  reader.unique(pluginItems, (p) => p, 'plugin');

  return {
    apiVersion: PLATFORM_CONFIG_API_VERSION,
    kind: PLATFORM_CONFIG_KIND,
    defaults,
    profiles,
    backends: backendItems.map(([b]) => b).filter((b) => b !== undefined),
    resolvers: resolverItems.map(([r]) => r).filter((r) => r !== undefined),
    policies: policyItems.map(([p]) => p).filter((p) => p !== undefined),
    patchTemplates,
    plugins: pluginItems.map(([p]) => p).filter((p) => p !== undefined),
  };
}

function readDefaults(reader: FieldReader, root: Mapping, profiles: readonly Profile[]): PlatformDefaults {
  const obj =
    reader.mappingAt(root, 'defaults', '', { known: ['runtimeClass', 'deprovisionPolicy', 'profile'] }) ?? {};
  const profile = reader.stringAt(obj, 'profile', 'defaults', dnsLabel);
  if (profile !== undefined && !profiles.some((p) => p.name === profile)) {
    reader.add(
      'defaults.profile',
      `names no profile ${JSON.stringify(profile)}; use one of: ${profiles.map((p) => p.name).join(', ') || '(no profiles defined)'}`,
    );
  }
  return {
    runtimeClass: reader.stringAt(obj, 'runtimeClass', 'defaults', dnsLabel) ?? DEFAULT_RUNTIME_CLASS,
    deprovisionPolicy: reader.oneOfAt(obj, 'deprovisionPolicy', 'defaults', DEPROVISION_POLICIES) ?? 'Delete',
    ...(profile === undefined ? {} : { profile }),
  };
}

function readProfile(reader: FieldReader, value: unknown, field: string): Profile | undefined {
  const obj = reader.mapping(value, field, {
    required: true,
    known: ['name', 'description', 'selector', 'runtimeClass', 'options', 'batch'],
  });
  if (!obj) return undefined;
  const name = reader.stringAt(obj, 'name', field, { required: true, ...dnsLabel });
  const description = reader.stringAt(obj, 'description', field, text);
  const selector = readSelector(reader, obj, field, 'selector');
  const runtimeClass = reader.stringAt(obj, 'runtimeClass', field, dnsLabel);
  const options = reader.mappingAt(obj, 'options', field);
  const batch = readProfileBatch(reader, obj, field);
  if (name === undefined) return undefined;
  return {
    name,
    ...(description === undefined ? {} : { description }),
    ...(selector === undefined ? {} : { selector }),
    ...(runtimeClass === undefined ? {} : { runtimeClass }),
    options: options ?? {},
    ...(batch === undefined ? {} : { batch }),
  };
}

/** Reads a Kubernetes label selector object: a profile's `selector`, a resolver rule's `namespaceSelector`. */
function readSelector(
  reader: FieldReader,
  parent: Mapping,
  parentField: string,
  selectorKey: 'selector' | 'namespaceSelector',
): ProfileSelector | undefined {
  const field = childField(parentField, selectorKey);
  const obj = reader.mappingAt(parent, selectorKey, parentField, {
    known: ['matchLabels', 'matchExpressions'],
  });
  if (!obj) return undefined;
  const matchLabels = reader.stringMapAt(obj, 'matchLabels', field);
  for (const [key, value] of Object.entries(matchLabels ?? {})) {
    const at = childField(childField(field, 'matchLabels'), key);
    checkLabelKey(reader, key, at);
    checkLabelValue(reader, value, at);
  }
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const [item, at] of reader.listAt(obj, 'matchExpressions', field)) {
    const expr = reader.mapping(item, at, { required: true, known: ['key', 'operator', 'values'] });
    if (!expr) continue;
    const key = reader.stringAt(expr, 'key', at, { required: true, ...text });
    const operator = reader.oneOfAt(expr, 'operator', at, selectorOperators);
    if (expr.operator === undefined)
      reader.add(childField(at, 'operator'), `required; use one of ${selectorOperators.join(', ')}`);
    const values = reader
      .listAt(expr, 'values', at)
      .map(([v, vField]) => reader.string(v, vField, { required: true }) ?? String(v));
    if (key !== undefined) checkLabelKey(reader, key, childField(at, 'key'));
    values.forEach((v, i) => checkLabelValue(reader, v, `${childField(at, 'values')}[${i}]`));
    if (key === undefined || operator === undefined) continue;
    const needsValues = operator === 'In' || operator === 'NotIn';
    if (needsValues && values.length === 0)
      reader.add(childField(at, 'values'), `required and non-empty for operator ${operator}`);
    if (!needsValues && values.length > 0)
      reader.add(childField(at, 'values'), `must be empty for operator ${operator}; remove it`);
    matchExpressions.push({ key, operator, ...(needsValues ? { values } : {}) });
  }
  const selector: ProfileSelector = {
    ...(matchLabels === undefined ? {} : { matchLabels }),
    ...(matchExpressions.length === 0 ? {} : { matchExpressions }),
  };
  try {
    selectorMatcher(selector);
  } catch (err) {
    reader.add(field, `is not a valid label selector: ${describeError(err)}`);
  }
  return selector;
}

function checkLabelKey(reader: FieldReader, key: string, field: string): void {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = key.slice(slash + 1);
  const prefixOk = prefix === undefined || (prefix.length <= 253 && dnsSubdomain.test(prefix));
  if (!prefixOk || name.length > 63 || !labelName.test(name)) {
    reader.add(
      field,
      `${JSON.stringify(key)} is not a valid label key: use an optional DNS-subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    );
  }
}

function checkLabelValue(reader: FieldReader, value: string, field: string): void {
  if (value === '' || (value.length <= 63 && labelName.test(value))) return;
  reader.add(
    field,
    `${JSON.stringify(value)} is not a valid label value: use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
  );
}

function readBackend(reader: FieldReader, value: unknown, field: string): Backend | undefined {
  const obj = reader.mapping(value, field, {
    required: true,
    known: ['runtimeClass', 'endpointTemplate', 'routeEndpointTemplate'],
  });
  if (!obj) return undefined;
  const runtimeClass = reader.stringAt(obj, 'runtimeClass', field, { required: true, ...dnsLabel });
  const templates: { endpointTemplate?: string; routeEndpointTemplate?: string } = {};
  for (const key of ['endpointTemplate', 'routeEndpointTemplate'] as const) {
    const template = reader.stringAt(obj, key, field, text);
    if (template === undefined) continue;
    const compiled = compileEndpointTemplate(template);
    if ('error' in compiled) reader.add(childField(field, key), compiled.error);
    templates[key] = template;
  }
  if (runtimeClass === undefined) return undefined;
  return { runtimeClass, ...templates };
}

function readResolverRule(reader: FieldReader, value: unknown, field: string): ResolverRule | undefined {
  const obj = reader.mapping(value, field, {
    required: true,
    known: [
      'name',
      'type',
      'class',
      'id',
      'namespaceSelector',
      'resolver',
      'deprovisionPolicy',
      'description',
    ],
  });
  if (!obj) return undefined;
  const name = reader.stringAt(obj, 'name', field, dnsLabel);
  const type = reader.stringAt(obj, 'type', field, { required: true, ...noSpaces });
  const cls = reader.stringAt(obj, 'class', field, noSpaces);
  const id = reader.stringAt(obj, 'id', field, noSpaces);
  const namespaceSelector = readSelector(reader, obj, field, 'namespaceSelector');
  const resolver = reader.stringAt(obj, 'resolver', field, resolverName);
  const deprovisionPolicy = reader.oneOfAt(obj, 'deprovisionPolicy', field, DEPROVISION_POLICIES);
  const description = reader.stringAt(obj, 'description', field, text);
  if (
    resolver === undefined &&
    deprovisionPolicy === undefined &&
    obj.resolver === undefined &&
    obj.deprovisionPolicy === undefined
  ) {
    reader.add(field, 'sets nothing: add resolver and/or deprovisionPolicy, or remove the rule');
  }
  if (type === undefined) return undefined;
  return {
    ...(name === undefined ? {} : { name }),
    type,
    ...(cls === undefined ? {} : { class: cls }),
    ...(id === undefined ? {} : { id }),
    ...(namespaceSelector === undefined ? {} : { namespaceSelector }),
    ...(resolver === undefined ? {} : { resolver }),
    ...(deprovisionPolicy === undefined ? {} : { deprovisionPolicy }),
    ...(description === undefined ? {} : { description }),
  };
}

function readPolicy(reader: FieldReader, value: unknown, field: string): PolicyRule | undefined {
  const obj = reader.mapping(value, field, { required: true, known: ['name', 'rule', 'message'] });
  if (!obj) return undefined;
  const name = reader.stringAt(obj, 'name', field, { required: true, ...dnsLabel });
  const rule = reader.stringAt(obj, 'rule', field, { required: true, ...text });
  const message = reader.stringAt(obj, 'message', field, text);
  if (rule === undefined || name === undefined) return undefined;
  const policy: PolicyRule = { name, rule, ...(message === undefined ? {} : { message }) };
  const compiled = compilePolicyRule(policy);
  if ('error' in compiled) reader.add(childField(field, 'rule'), `policy ${name}: ${compiled.error}`);
  return policy;
}

function readPlugin(reader: FieldReader, value: unknown, field: string): string | undefined {
  return reader.string(value, field, { required: true, ...npmName });
}
