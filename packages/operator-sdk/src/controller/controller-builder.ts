import { splitApiVersion, type ResourceKind } from '../api/resource-kind.js';
import { resourceKindOf } from '../crd/kubernetes-resource.decorator.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { Handlers, type MapFunction } from '../handler/map-function.js';
import type { Predicate } from '../predicate/predicate.js';
import type { ControllerDefinition, EventSource } from './controller-definition.js';
import type { ControllerOptions, FinalizerMode, KindReference, OwnsOptions } from './controller-options.js';
import { finalizerNameProblem } from './finalizer-name.js';

const NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/**
 * Builds a {@link ControllerDefinition} call by call. `@Controller(options)` is a shortcut for
 * `ControllerBuilder.fromOptions(options)`; use the builder directly to define controllers without
 * decorators (e.g. when the settings come from configuration).
 *
 * ```ts
 * const definition = ControllerBuilder.for(Widget).owns(BuiltinKinds.ConfigMap).withConcurrency(4).build();
 * ```
 */
export class ControllerBuilder {
  private readonly sources: EventSource[] = [];
  private name?: string;
  private concurrency = 1;
  private namespaces: readonly string[] = [];
  private finalizer?: string;
  private finalizerMode: FinalizerMode = 'managed';
  private reconcileTimeoutMs?: number;

  private constructor(private readonly primary: ResourceKind) {}

  /** Starts a controller for the primary kind. */
  static for(kind: KindReference, options: { predicates?: readonly Predicate[] } = {}): ControllerBuilder {
    const builder = new ControllerBuilder(resourceKindOf(kind));
    builder.sources.push({
      kind: builder.primary,
      map: Handlers.forObject(),
      predicates: options.predicates ?? [],
    });
    return builder;
  }

  /** The builder that `@Controller(options)` stands for. */
  static fromOptions(options: ControllerOptions): ControllerBuilder {
    const builder = ControllerBuilder.for(options.for, { predicates: options.predicates });
    for (const owned of options.owns ?? []) {
      const spec: OwnsOptions = isOwnsOptions(owned) ? owned : { kind: owned };
      builder.owns(spec.kind, { predicates: spec.predicates });
    }
    for (const watched of options.watches ?? []) {
      builder.watches(watched.kind, watched.map, { predicates: watched.predicates });
    }
    if (options.name !== undefined) builder.named(options.name);
    if (options.concurrency !== undefined) builder.withConcurrency(options.concurrency);
    if (options.namespaces !== undefined) builder.inNamespaces(...options.namespaces);
    if (options.finalizer !== undefined) builder.withFinalizer(options.finalizer);
    if (options.finalizerMode !== undefined) builder.withFinalizerMode(options.finalizerMode);
    if (options.reconcileTimeoutMs !== undefined) builder.withReconcileTimeout(options.reconcileTimeoutMs);
    return builder;
  }

  /** Reconcile the controller owner of every object of `kind` that changes. */
  owns(kind: KindReference, options: { predicates?: readonly Predicate[] } = {}): this {
    this.sources.push({
      kind: resourceKindOf(kind),
      map: Handlers.controllerOwner(this.primary),
      predicates: options.predicates ?? [],
    });
    return this;
  }

  /** Reconcile the primary objects `map` returns for every object of `kind` that changes. */
  watches(
    kind: KindReference,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers map their own object types
    map: MapFunction<any>,
    options: { predicates?: readonly Predicate[] } = {},
  ): this {
    this.sources.push({ kind: resourceKindOf(kind), map, predicates: options.predicates ?? [] });
    return this;
  }

  named(name: string): this {
    if (!NAME_PATTERN.test(name)) {
      throw new OperatorSdkError(
        'Configuration',
        `invalid controller name "${name}": use lower-case letters, digits, '-' and '.', e.g. "widget"`,
      );
    }
    this.name = name;
    return this;
  }

  withConcurrency(concurrency: number): this {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new OperatorSdkError(
        'Configuration',
        `invalid controller concurrency ${concurrency}: use an integer >= 1`,
      );
    }
    this.concurrency = concurrency;
    return this;
  }

  inNamespaces(...namespaces: string[]): this {
    this.namespaces = [...new Set(namespaces)];
    return this;
  }

  withFinalizer(finalizer: string): this {
    const problem = finalizerNameProblem(finalizer);
    if (problem) {
      throw new OperatorSdkError(
        'Configuration',
        `invalid finalizer "${finalizer}": ${problem}, e.g. "example.dev/cleanup"`,
      );
    }
    this.finalizer = finalizer;
    return this;
  }

  /** Who adds the finalizer: the SDK (`managed`, the default) or the reconciler (`manual`); see {@link FinalizerMode}. */
  withFinalizerMode(mode: FinalizerMode): this {
    if (mode !== 'managed' && mode !== 'manual') {
      throw new OperatorSdkError(
        'Configuration',
        `invalid finalizerMode "${String(mode)}": use "managed" (the SDK adds the finalizer) or "manual" (ctx.finalizer.add)`,
      );
    }
    this.finalizerMode = mode;
    return this;
  }

  withReconcileTimeout(ms: number): this {
    if (!(ms > 0))
      throw new OperatorSdkError('Configuration', `invalid reconcile timeout ${ms}: use a value > 0 ms`);
    this.reconcileTimeoutMs = ms;
    return this;
  }

  build(): ControllerDefinition {
    const name = this.name ?? this.primary.kind.toLowerCase();
    const group = splitApiVersion(this.primary.apiVersion).group || 'core.operator-sdk';
    return {
      name,
      primary: this.primary,
      sources: [...this.sources],
      concurrency: this.concurrency,
      namespaces: this.namespaces,
      finalizer: this.finalizer ?? `${group}/${name}-finalizer`,
      finalizerMode: this.finalizerMode,
      reconcileTimeoutMs: this.reconcileTimeoutMs,
    };
  }
}

function isOwnsOptions(value: KindReference | OwnsOptions): value is OwnsOptions {
  return typeof value === 'object' && 'kind' in value && typeof (value as OwnsOptions).kind !== 'string';
}
