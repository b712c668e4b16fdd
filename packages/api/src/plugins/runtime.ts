// One name for both halves of a runtime: `@Runtime({...})` marks the class, `implements Runtime` types it.
import { Runtime as runtimeDecorator } from './runtime.decorator.js';
import type { Runtime as RuntimeContract } from './runtime.interface.js';

/** Marks a class as a runtime; see `runtime.decorator.ts`. */
export const Runtime = runtimeDecorator;
/** The contract a runtime implements; see `runtime.interface.ts`. */
export type Runtime = RuntimeContract;
