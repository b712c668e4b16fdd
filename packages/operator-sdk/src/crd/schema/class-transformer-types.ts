import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
// `@Type(() => X)` writes into class-transformer's CommonJS storage (its `main`), which the package does not
// export by name; we read the same instance the decorators wrote to. A static import (not `createRequire`),
// so a bundler (the image's bundled entry, deploy/bundle) includes this very module instead of leaving a
// run-time `require` that would load a second class-transformer beside the bundled one.
// (Typed by class-transformer-storage.d.ts: the package ships no types for this file.)
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';

/** class-transformer's metadata storage, as `validationMetadatasToSchemas` expects it. */
export const classTransformerStorage: MetadataStorage = defaultMetadataStorage;

/** The class named by `@Type(() => X)` on a property, if any. */
export function declaredTypeOf(cls: object, propertyKey: string): unknown {
  const meta = defaultMetadataStorage.findTypeMetadata(cls as new () => unknown, propertyKey);
  return meta?.typeFunction();
}
