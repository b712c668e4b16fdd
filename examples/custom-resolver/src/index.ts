/**
 * An example resolver plugin for the made-up Score resource type `api-key`. The orchestrator imports
 * `plugin`; the rest is exported for tests and for reuse. See ../README.md and
 * docs/platform/writing-a-resolver.md.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';

// The plugin
export { plugin } from './plugin.js';

// The resolver and its parts
export { ApiKeyResolver, registrationName } from './api-key.resolver.js';
export { apiKeyParams } from './api-key-params.js';
export type { ApiKeyParams } from './api-key-params.js';
export { apiKeyDigest, apiKeyId, generateApiKey } from './api-key.js';
