// One name for both halves of a resolver: `@Resolver({...})` marks the class, `implements Resolver` types it.
import { Resolver as resolverDecorator } from './resolver.decorator.js';
import type { Resolver as ResolverContract } from './resolver.interface.js';

/** Marks a class as a resolver; see `resolver.decorator.ts`. */
export const Resolver = resolverDecorator;
/** The contract a resolver implements; see `resolver.interface.ts`. */
export type Resolver = ResolverContract;
