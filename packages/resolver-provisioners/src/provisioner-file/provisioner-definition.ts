// What one entry of a score-k8s provisioner file becomes once loaded: plain data plus compiled templates.
import type { CompiledTemplate } from '@score-orchestrator/api';

/** Where an entry came from, for messages. */
export interface DefinitionSource {
  /** The file name given to the loader, if any. */
  readonly file?: string;
  /** Index of the entry in the file's list (0-based, as score-k8s reports it). */
  readonly index: number;
  /** Line of the entry in the file (1-based). */
  readonly line: number;
}

/** Fields every provisioner has; `class` / `id` absent (or null) match any. */
interface DefinitionBase {
  readonly uri: string;
  readonly type: string;
  readonly class?: string;
  readonly id?: string;
  readonly description?: string;
  readonly supportedParams: readonly string[];
  readonly expectedOutputs: readonly string[];
  readonly source: DefinitionSource;
}

/** The template sections of a `template://` provisioner, in the order they render. */
export const templateSections = ['init', 'state', 'shared', 'outputs', 'manifests'] as const;
export type TemplateSection = (typeof templateSections)[number];

/** A `template://` provisioner: Go templates rendering init, state, shared state, outputs and manifests. */
export interface TemplateProvisionerDefinition extends DefinitionBase {
  readonly scheme: 'template';
  readonly templates: Readonly<Partial<Record<TemplateSection, CompiledTemplate>>>;
}

/** How a `cmd://` provisioner's binary is found: on PATH at run time, or an absolute path. */
export type CommandTarget =
  { readonly lookup: 'path'; readonly name: string } | { readonly lookup: 'file'; readonly path: string };

/** A `cmd://` provisioner: a program reading score-k8s's JSON input on stdin and writing its output. */
export interface CmdProvisionerDefinition extends DefinitionBase {
  readonly scheme: 'cmd';
  readonly command: CommandTarget;
  /** Arguments as written (`<mode>` becomes `provision`); each is also a template. */
  readonly args: readonly CompiledTemplate[];
}

/** One loaded provisioner. */
export type ProvisionerDefinition = TemplateProvisionerDefinition | CmdProvisionerDefinition;

/** score-k8s's match: the type, then the class and the id when the provisioner names them. */
export function definitionMatches(
  def: ProvisionerDefinition,
  query: { readonly type: string; readonly class: string; readonly id?: string },
): boolean {
  return (
    def.type === query.type &&
    (def.class === undefined || def.class === query.class) &&
    (def.id === undefined || def.id === query.id)
  );
}
