import type { ResolverOptions } from '@score-orchestrator/api';

/** What a claim asks for, as far as choosing a resolver goes. */
export interface ResolverQuery {
  readonly type: string;
  readonly class: string;
  readonly id?: string;
  /** A resolver chosen by name (platform configuration): then only that one may serve. */
  readonly resolver?: string;
}

/** The outcome of {@link matchResolver}: the chosen candidate, or why there is none (safe to show users). */
export type ResolverMatch<T> =
  { readonly found: true; readonly candidate: T } | { readonly found: false; readonly message: string };

/**
 * Chooses the resolver for a claim, as score-k8s chooses a provisioner: by `resolver` name when set;
 * otherwise among those serving `type`, those serving `class` (listed, or any class), then those serving
 * `id` (listed, or any id; a resolver with `ids` serves only those shared resources). When several
 * match, the more specific wins (a listed class over any class, then a listed id over any id), then the
 * first in `candidates` order (binding order). Pure.
 */
export function matchResolver<T extends { readonly options: ResolverOptions }>(
  query: ResolverQuery,
  candidates: readonly T[],
): ResolverMatch<T> {
  if (query.resolver !== undefined) return matchByName(query, candidates);
  const ofType = candidates.filter((c) => c.options.type === query.type);
  const ofClass = ofType.filter((c) => !c.options.classes || c.options.classes.includes(query.class));
  const ofId = ofClass.filter((c) =>
    c.options.ids ? query.id !== undefined && c.options.ids.includes(query.id) : true,
  );
  if (ofId.length === 0) return { found: false, message: notFoundMessage(query, ofType) };
  const score = (c: T) => (c.options.classes ? 2 : 0) + (c.options.ids ? 1 : 0);
  const best = ofId.reduce((winner, c) => (score(c) > score(winner) ? c : winner));
  return { found: true, candidate: best };
}

function matchByName<T extends { readonly options: ResolverOptions }>(
  query: ResolverQuery,
  candidates: readonly T[],
): ResolverMatch<T> {
  const named = candidates.find((c) => c.options.name === query.resolver);
  if (!named) {
    const installed = candidates.map((c) => c.options.name).join(', ') || 'none';
    return {
      found: false,
      message: `resolver "${query.resolver}" chosen for type "${query.type}" is not installed; installed resolvers: ${installed}`,
    };
  }
  if (named.options.type !== query.type) {
    return {
      found: false,
      message: `resolver "${query.resolver}" serves type "${named.options.type}", not "${query.type}"`,
    };
  }
  return { found: true, candidate: named };
}

function notFoundMessage(query: ResolverQuery, ofType: readonly { options: ResolverOptions }[]): string {
  const wanted = `type "${query.type}", class "${query.class}"${query.id === undefined ? '' : `, id "${query.id}"`}`;
  if (ofType.length === 0) return `no resolver serves ${wanted}: none serves type "${query.type}"`;
  const offers = ofType.map((c) => `${c.options.name} (${describeServes(c.options)})`).join(', ');
  return `no resolver serves ${wanted}; resolvers of type "${query.type}": ${offers}`;
}

function describeServes(options: ResolverOptions): string {
  const classes = options.classes ? `classes ${options.classes.join('/')}` : 'any class';
  const ids = options.ids ? `ids ${options.ids.join('/')}` : 'any id';
  return `${classes}, ${ids}`;
}
