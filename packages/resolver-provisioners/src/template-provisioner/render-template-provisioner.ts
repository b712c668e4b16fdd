// Renders a template:// provisioner as score-k8s does: init, state, shared, outputs, manifests, in that order.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { mergePatch } from '../contract/merge-patch.js';
import type { ProvisionerInput, ProvisionerOutput } from '../contract/provisioner-input.js';
import { ProvisionersError } from '../errors/provisioners.error.js';
import type {
  TemplateProvisionerDefinition,
  TemplateSection,
} from '../provisioner-file/provisioner-definition.js';
import { templateData } from './template-data.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Renders `def` for `input`. Each section's text is YAML: `init`, `state`, `shared` and `outputs` maps,
 * `manifests` a list of objects; an empty rendering means empty. `Init` is visible from `state` on,
 * the new `State` from `shared` on, and `Shared` (patched by this resource's `shared`) from `outputs` on.
 *
 * @throws ProvisionersError `Render` (a template failed, e.g. `fail`) or `Output` (not YAML of the right
 *   shape), naming the provisioner and the section; messages never quote rendered text.
 */
export function renderTemplateProvisioner(
  def: TemplateProvisionerDefinition,
  input: ProvisionerInput,
  namespace: string,
): ProvisionerOutput {
  const render = (section: TemplateSection, data: unknown): unknown => {
    const template = def.templates[section];
    if (!template) return undefined;
    let text: string;
    try {
      text = template.render(data);
    } catch (err) {
      throw new ProvisionersError(
        'Render',
        `${section} template of provisioner ${def.uri} failed: ${(err as Error).message}`,
        { cause: err },
      );
    }
    if (text.trim() === '') return undefined;
    try {
      return parseYaml(text, { prettyErrors: false, uniqueKeys: false });
    } catch (err) {
      // The rendered text may hold secrets: say where and what, never quote it.
      const detail =
        err instanceof YAMLParseError
          ? ` at line ${text.slice(0, err.pos[0]).split('\n').length} (${err.code})`
          : '';
      throw new ProvisionersError(
        'Output',
        `${section} template of provisioner ${def.uri} rendered invalid YAML${detail}`,
      );
    }
  };
  const asMap = (section: TemplateSection, value: unknown): Record<string, unknown> => {
    if (value === undefined || value === null) return {};
    if (!isObject(value))
      throw new ProvisionersError(
        'Output',
        `${section} template of provisioner ${def.uri} must render a YAML map`,
      );
    return value;
  };

  const init = asMap('init', render('init', templateData(input, namespace)));
  const state = asMap('state', render('state', templateData(input, namespace, { Init: init })));
  const shared = asMap(
    'shared',
    render('shared', templateData(input, namespace, { Init: init, State: state })),
  );
  const sharedNow = mergePatch(input.shared_state, shared);
  const sectionData = templateData(input, namespace, { Init: init, State: state, Shared: sharedNow });
  const outputs = asMap('outputs', render('outputs', sectionData));
  const manifests = render('manifests', sectionData) ?? [];
  if (!Array.isArray(manifests) || !manifests.every(isObject)) {
    throw new ProvisionersError(
      'Output',
      `manifests template of provisioner ${def.uri} must render a YAML list of objects`,
    );
  }
  return { resource_state: state, resource_outputs: outputs, shared_state: shared, manifests };
}
