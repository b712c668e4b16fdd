import 'reflect-metadata';
import { injectable } from 'inversify';
import type { KindReference } from '@score-orchestrator/operator-sdk';
import { RESOLVER_METADATA } from '../metadata-keys.js';
import type { PluginWatch } from './plugin-watch.js';

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
