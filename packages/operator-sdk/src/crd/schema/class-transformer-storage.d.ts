// class-transformer's CommonJS metadata storage, which its `@Type` decorators write to: the package ships no
// declaration for this file (see class-transformer-types.ts for why the SDK imports it).
declare module 'class-transformer/cjs/storage.js' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

  export const defaultMetadataStorage: MetadataStorage;
}
