import { createRequire } from 'node:module';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

// `@Type(() => X)` writes into class-transformer's CommonJS storage (its `main`), which the package does not
// export by name; we read the same instance the decorators wrote to.
const require = createRequire(import.meta.url);
const { defaultMetadataStorage } = require('class-transformer/cjs/storage.js') as {
  defaultMetadataStorage: MetadataStorage;
};

/** class-transformer's metadata storage, as `validationMetadatasToSchemas` expects it. */
export const classTransformerStorage: MetadataStorage = defaultMetadataStorage;

/** The class named by `@Type(() => X)` on a property, if any. */
export function declaredTypeOf(cls: object, propertyKey: string): unknown {
  const meta = defaultMetadataStorage.findTypeMetadata(cls as new () => unknown, propertyKey);
  return meta?.typeFunction();
}
