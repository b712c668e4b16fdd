// The `patchTemplates:` section: score-k8s patch templates over the manifests the Kubernetes runtime produces.
import {
  childField,
  compilePatchTemplate,
  PATCH_TEMPLATE_MAX_LENGTH,
  PATCH_TEMPLATES_MAX,
  ScoreApiError,
  type FieldReader,
  type Mapping,
  type PatchTemplate,
} from '@score-orchestrator/api';
import { dnsLabel, text } from './name-rules.js';
import type { PatchTemplateConfig, Profile } from './platform-config.js';

/**
 * Reads `patchTemplates` (absent: none): each a `name` (a DNS label, unique), an optional `description`, the
 * Go `template` text and optional `profiles` (names of profiles whose Workloads it applies to; absent: every
 * Workload). Each template is parsed with its function names checked, then rendered once over no manifests
 * and no workloads: what that renders must be a valid list of patches. A template that fails only on real
 * input (e.g. `index .Manifests 0`) passes here and fails the plan when it applies. Problems go to `reader`.
 */
export function readPatchTemplates(
  reader: FieldReader,
  root: Mapping,
  profiles: readonly Profile[],
): PatchTemplateConfig[] {
  const items = reader
    .listAt(root, 'patchTemplates', '')
    .map(([item, field]) => [readPatchTemplate(reader, item, field, profiles), field] as const);
  reader.unique(items, (t) => t?.name, 'patch template name');
  if (items.length > PATCH_TEMPLATES_MAX)
    reader.add(
      'patchTemplates',
      `has ${items.length} templates; at most ${PATCH_TEMPLATES_MAX} are allowed (a plan carries every template that applies to it): merge some`,
    );
  return items.map(([t]) => t).filter((t) => t !== undefined);
}

function readPatchTemplate(
  reader: FieldReader,
  value: unknown,
  field: string,
  profiles: readonly Profile[],
): PatchTemplateConfig | undefined {
  const obj = reader.mapping(value, field, {
    required: true,
    known: ['name', 'description', 'template', 'profiles'],
  });
  if (!obj) return undefined;
  const name = reader.stringAt(obj, 'name', field, { required: true, ...dnsLabel });
  const description = reader.stringAt(obj, 'description', field, { ...text, maxLength: 1024 });
  const template = reader.stringAt(obj, 'template', field, {
    ...text,
    required: true,
    maxLength: PATCH_TEMPLATE_MAX_LENGTH,
  });
  const profileNames = reader.listAt(obj, 'profiles', field).map(([item, at]) => {
    const profile = reader.string(item, at, { required: true, ...dnsLabel });
    if (profile !== undefined && !profiles.some((p) => p.name === profile))
      reader.add(
        at,
        `names no profile ${JSON.stringify(profile)}; use one of: ${profiles.map((p) => p.name).join(', ') || '(no profiles defined)'}`,
      );
    return profile;
  });
  if (name === undefined || template === undefined) return undefined;
  checkTemplate(reader, name, template, childField(field, 'template'));
  return {
    name,
    ...(description === undefined ? {} : { description }),
    template,
    ...(obj.profiles === undefined ? {} : { profiles: profileNames.filter((p) => p !== undefined) }),
  };
}

function checkTemplate(reader: FieldReader, name: string, template: string, field: string): void {
  let compiled: PatchTemplate;
  try {
    compiled = compilePatchTemplate(name, template);
  } catch (err) {
    reader.add(field, `${(err as Error).message}; see docs/platform/patch-templates.md`);
    return;
  }
  try {
    compiled.operations({ Manifests: [], Workloads: {}, Namespace: '' });
  } catch (err) {
    // Over no input, only what the template renders regardless of input is judged: its patch list, and
    // fields that the input never has (Go: "can't evaluate field X in type patchTemplateInput").
    const unknownField = /in type patchTemplateInput/.test((err as Error).message);
    if (ScoreApiError.is(err, 'Patch') || unknownField)
      reader.add(field, `${(err as Error).message}; see docs/platform/patch-templates.md`);
  }
}
