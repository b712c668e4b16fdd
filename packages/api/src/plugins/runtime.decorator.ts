import 'reflect-metadata';
import { injectable } from 'inversify';
import type { KindReference } from '@score-orchestrator/operator-sdk';
import { RUNTIME_METADATA } from '../metadata-keys.js';
import type { PluginWatch } from './plugin-watch.js';

/** What `@Runtime` records. */
export interface RuntimeOptions {
  /** The runtime class it serves, e.g. `kubernetes`; plans name it in `spec.runtimeClass`. */
  readonly runtimeClass: string;
  /** Kinds it creates and owns (via owner references to the plan): their changes re-run `apply`. */
  readonly owns?: readonly KindReference[];
  /** Other kinds whose changes re-run `apply` for the plans `map` names (e.g. Pods, via their labels). */
  readonly watches?: readonly PluginWatch[];
}

/** Marks a class as a runtime. Records metadata only (and makes the class injectable). */
export function Runtime(options: RuntimeOptions): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(RUNTIME_METADATA, options, target);
    injectable()(target as never);
  };
}

/** The options recorded by `@Runtime` on `cls`, or undefined. */
export function readRuntimeOptions(cls: object): RuntimeOptions | undefined {
  return Reflect.getMetadata(RUNTIME_METADATA, cls) as RuntimeOptions | undefined;
}
