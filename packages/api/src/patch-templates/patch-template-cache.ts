// Compiled patch templates by name and text, so that applying the same templates again does not parse them again.
import { LruMap } from '@score-orchestrator/operator-sdk';
import { compilePatchTemplate, type PatchTemplate } from './patch-template.js';

/** How many compiled templates a {@link PatchTemplateCache} keeps unless told otherwise. */
export const DEFAULT_PATCH_TEMPLATE_CACHE_SIZE = 64;

/** Settings of a {@link PatchTemplateCache}. */
export interface PatchTemplateCacheOptions {
  /** Compiled templates kept, least recently used out first (default {@link DEFAULT_PATCH_TEMPLATE_CACHE_SIZE}). */
  readonly size?: number;
  /** What compiles a template the cache does not hold (default {@link compilePatchTemplate}; tests count calls). */
  readonly compile?: (name: string, source: string) => PatchTemplate;
}

/**
 * {@link compilePatchTemplate} with a memory: a template is compiled once per name and text, so a runtime
 * that applies a plan's templates on every reconcile parses them once, not each time. Keyed by the text
 * itself, so a new configuration (new text under the same name) compiles afresh and the old entry ages out;
 * bounded (least recently used out first), so texts that stop being used do not pile up. Compiled templates
 * hold no state between renders, so sharing them is safe. Errors are not kept: a template that fails to
 * compile throws again on the next call.
 *
 * @throws ScoreApiError `Template`, as {@link compilePatchTemplate}.
 */
export class PatchTemplateCache {
  private readonly compiled: LruMap<string, PatchTemplate>;
  private readonly compileOne: (name: string, source: string) => PatchTemplate;

  constructor(options: PatchTemplateCacheOptions = {}) {
    this.compiled = new LruMap(options.size ?? DEFAULT_PATCH_TEMPLATE_CACHE_SIZE);
    this.compileOne = options.compile ?? compilePatchTemplate;
  }

  /** Compiled templates held now. */
  get size(): number {
    return this.compiled.size;
  }

  /** The compiled template for `name` and `source`, compiled now unless held. */
  compile(name: string, source: string): PatchTemplate {
    // The name is in the key: errors and applied operations name the template.
    const key = `${name}\u0000${source}`;
    const held = this.compiled.get(key);
    if (held) return held;
    const template = this.compileOne(name, source);
    this.compiled.set(key, template);
    return template;
  }
}
