import 'reflect-metadata';

export { OperatorSdkError, describeError } from './errors/operator-sdk.error.js';
export type { OperatorSdkErrorKind } from './errors/operator-sdk.error.js';
export { createLogger } from './logging/logger.js';
export type { Logger, LoggerOptions } from './logging/logger.js';
export {
  formatObjectKey,
  parseObjectKey,
  objectKeyOf,
  splitApiVersion,
  qualifiedKindName,
} from './api/resource-kind.js';
export type { ResourceKind, ObjectKey } from './api/resource-kind.js';
export { BuiltinKinds } from './api/builtin-kinds.js';
