/**
 * score-k8s provisioner files for the Score orchestrator: `template://` provisioners (Go text/template with
 * sprig functions) and `cmd://` provisioners (score-k8s's JSON contract), loaded as resolvers. See ../README.md.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';

// The plugin
export { provisionersPlugin } from './plugin.js';
export type { ProvisionersPluginOptions } from './plugin.js';

// Loading provisioner files
export { loadProvisionerFile } from './provisioner-file/load-provisioner-file.js';
export type { LoadProvisionerFileOptions } from './provisioner-file/load-provisioner-file.js';
export { definitionMatches, templateSections } from './provisioner-file/provisioner-definition.js';
export type {
  CmdProvisionerDefinition,
  CommandTarget,
  DefinitionSource,
  ProvisionerDefinition,
  TemplateProvisionerDefinition,
  TemplateSection,
} from './provisioner-file/provisioner-definition.js';

// Resolvers from definitions
export { createProvisionerResolvers, groupProvisioners } from './resolvers/create-provisioner-resolvers.js';
export type {
  ProvisionerGroup,
  ProvisionerResolverOptions,
} from './resolvers/create-provisioner-resolvers.js';
export type { ProvisionSettings } from './resolvers/provision-claim.js';

// The score-k8s contract
export type {
  NetworkService,
  NetworkServicePort,
  ProvisionerInput,
  ProvisionerOutput,
} from './contract/provisioner-input.js';
export { mergePatch } from './contract/merge-patch.js';
export { CLAIM_LABEL, claimStateSecretName } from './state/claim-state.js';
export { SHARED_STATE_SECRET } from './state/shared-state.js';
export { encodeSecretRef } from './template/score-functions.js';
export { findSecretRefs } from './outputs/split-secret-outputs.js';
export type { SecretRef } from './outputs/split-secret-outputs.js';

// The functions provisioner templates get (the engine itself is @score-orchestrator/api's Go template)
export { provisionerFunctions } from './template/score-functions.js';

// Errors
export { ProvisionersError } from './errors/provisioners.error.js';
export type { ProvisionersErrorKind } from './errors/provisioners.error.js';
