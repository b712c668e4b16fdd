// score-k8s's patch templates: a Go template renders patch operations, which are applied to manifests in order.
import { ScoreApiError } from '../errors/api.error.js';
import { compileTemplate, type CompiledTemplate } from '../go-template/compile-template.js';
import { GoStruct } from '../go-template/go-values.js';
import type { FunctionMap } from '../go-template/template-function.js';
import { goTemplateFunctions } from '../go-template/template-functions.js';
import { deleteAtPath, setAtPath } from './patch-path.js';
import { readPatchOperations, type PatchOperation } from './patch-operation.js';

/** What a patch template sees, named as in score-k8s (`.Manifests`, `.Workloads`, `.Namespace`). */
export interface PatchTemplateInput {
  /** The manifests to patch, as plain JSON objects; index `i` is path step `i`. */
  readonly Manifests: readonly Record<string, unknown>[];
  /** Score workload name to its Score spec (`apiVersion`, `metadata`, `containers`, `service`...). */
  readonly Workloads: Readonly<Record<string, unknown>>;
  /** The namespace the manifests go to. */
  readonly Namespace: string;
}

/** A parsed, checked patch template. */
export interface PatchTemplate {
  readonly name: string;
  /**
   * Renders the operations for `input`.
   *
   * @throws ScoreApiError `TemplateRender` (the template failed) or `Patch` (it rendered no valid list).
   */
  operations(input: PatchTemplateInput): PatchOperation[];
}

/** sprig's random functions: a patch must render the same for the same input, or every reconcile writes. */
const RANDOM_FUNCTIONS = new Set(['uuidv4', 'randAlphaNum', 'randAlpha', 'randNumeric', 'randAscii']);

/** What patch templates may call: `goTemplateFunctions` without the random ones. */
export const patchTemplateFunctions: FunctionMap = Object.fromEntries(
  Object.entries(goTemplateFunctions).filter(([name]) => !RANDOM_FUNCTIONS.has(name)),
);

/**
 * Parses a patch template (Go text/template with {@link patchTemplateFunctions}) so that syntax errors and
 * unsupported functions fail when the configuration loads.
 *
 * @throws ScoreApiError `Template`: `template <name>:<line>:<col>: ...` or `template <name>: unsupported function: ...`.
 */
export function compilePatchTemplate(name: string, source: string): PatchTemplate {
  const template: CompiledTemplate = compileTemplate(name, source, patchTemplateFunctions);
  return {
    name,
    operations: (input) =>
      readPatchOperations(template.render(new GoStruct('patchTemplateInput', { ...input })), name),
  };
}

/** An operation that was applied, and by which template. */
export interface AppliedPatchOperation extends PatchOperation {
  readonly template: string;
}

/**
 * Applies each template in order to the output of the one before, as score-k8s does: each sees the
 * manifests as patched so far, and its operations apply in the order it rendered them. Pure and
 * deterministic (the templates' random functions aside); `manifests` is not changed.
 *
 * @throws ScoreApiError `TemplateRender` or `Patch` naming the template (and the operation's number).
 */
export function applyPatchTemplates(
  templates: readonly PatchTemplate[],
  input: PatchTemplateInput,
): { manifests: Record<string, unknown>[]; applied: AppliedPatchOperation[] } {
  let manifests: unknown = input.Manifests;
  const applied: AppliedPatchOperation[] = [];
  for (const template of templates) {
    const ops = template.operations({ ...input, Manifests: manifests as Record<string, unknown>[] });
    ops.forEach((op, i) => {
      try {
        manifests =
          op.op === 'set' ? setAtPath(manifests, op.path, op.value) : deleteAtPath(manifests, op.path);
      } catch (err) {
        throw new ScoreApiError(
          'Patch',
          `patch template ${template.name}: patch ${i + 1} (${op.op} ${op.path}): ${(err as Error).message}`,
          { cause: err },
        );
      }
      applied.push({ template: template.name, ...op });
    });
    checkManifestList(manifests, template.name);
  }
  return { manifests: manifests as Record<string, unknown>[], applied };
}

function checkManifestList(
  manifests: unknown,
  template: string,
): asserts manifests is Record<string, unknown>[] {
  if (!Array.isArray(manifests))
    throw new ScoreApiError('Patch', `patch template ${template}: the manifests are no longer a list`);
  manifests.forEach((m, i) => {
    if (typeof m !== 'object' || m === null || Array.isArray(m))
      throw new ScoreApiError('Patch', `patch template ${template}: manifest ${i} is not an object`);
  });
}
