import 'reflect-metadata';
import { injectable } from 'inversify';
import type { KindReference } from '@score-orchestrator/operator-sdk';
import { RESOLVER_METADATA } from '../metadata-keys.js';
import type { PluginWatch } from './plugin-watch.js';

/**
 * A param a resolver reads from `resources.NAME.params` (score-k8s's `supported_params`), for listings and
 * docs. Declaring one changes nothing at run time: the resolver still validates its params itself.
 */
export interface ResolverParam {
  readonly name: string;
  /** Whether a request without it fails. */
  readonly required?: boolean;
  /** What it means and its default, for `plugins list` and generated docs. */
  readonly description?: string;
}

/**
 * An output a resolver promises (`${resources.NAME.OUTPUT}`; score-k8s's `expected_outputs`), for listings
 * and docs. A promise, not a check: the resolver returns it from `provision`.
 */
export interface ResolverOutput {
  /** The output key, or with `dynamic` a description of a family of keys, e.g. `<ConfigMap key>`. */
  readonly name: string;
  /** Returned in `secretOutputs` (the claim's Secret), so workloads get it as a secret reference. */
  readonly secret?: boolean;
  /** The keys are decided at provision time (e.g. the keys of a ConfigMap), not fixed. */
  readonly dynamic?: boolean;
  readonly description?: string;
}

/** What `@Resolver` records: which requests a resolver serves and what it creates. */
export interface ResolverOptions {
  /** Unique name, used in platform config to select it and in claim status (e.g. `builtin-postgres`). */
  readonly name: string;
  /** Score resource type served, e.g. `postgres`. */
  readonly type: string;
  /** Classes served; absent means any class. */
  readonly classes?: readonly string[];
  /** Shared ids served; absent means any id (and private resources). */
  readonly ids?: readonly string[];
  /** Kinds the resolver creates and owns (via owner references to the claim): changes re-run `provision`. */
  readonly owns?: readonly KindReference[];
  /** Other kinds whose changes re-run `provision` for the claims `map` names (objects the claim does not own). */
  readonly watches?: readonly PluginWatch[];
  /** One line on what it provisions, for `plugins list` and generated docs. */
  readonly description?: string;
  /** The params it reads (documentation only). */
  readonly params?: readonly ResolverParam[];
  /** The outputs it promises (documentation only). */
  readonly outputs?: readonly ResolverOutput[];
}

/**
 * Marks a class as a resolver. Records metadata only (and makes the class injectable); plugin discovery
 * binds it, the claim host dispatches to it. Matching follows score-k8s: type first, then class, then id.
 */
export function Resolver(options: ResolverOptions): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(RESOLVER_METADATA, options, target);
    injectable()(target as never);
  };
}

/** The options recorded by `@Resolver` on `cls`, or undefined. */
export function readResolverOptions(cls: object): ResolverOptions | undefined {
  return Reflect.getMetadata(RESOLVER_METADATA, cls) as ResolverOptions | undefined;
}
