// The public API of @score-orchestrator/api, name by name. See ../README.md for the map of concepts.

// errors
export { ScoreApiError } from './errors/api.error.js';
export type { FieldIssue, ScoreApiErrorKind } from './errors/api.error.js';
export { childField, indexField } from './errors/field-path.js';
// field-reader
export { FieldReader, isMapping, ROOT_FIELD } from './field-reader/field-reader.js';
export type { Mapping, MappingRules, StringRules } from './field-reader/field-reader.js';

// naming shared by runtimes and resolvers
export { workloadServiceName } from './naming/workload-service-name.js';

// placeholders: grammar
export {
  findPlaceholders,
  parsePlaceholders,
  splitPlaceholderPath,
} from './placeholders/parse-placeholders.js';
export { placeholderText } from './placeholders/placeholder-template.js';
export type {
  LiteralPart,
  PlaceholderPart,
  PlaceholderTemplate,
  TemplatePart,
} from './placeholders/placeholder-template.js';

// placeholders: resolution
export { Missing } from './placeholders/missing.js';
export type { PlaceholderResolver } from './placeholders/placeholder-resolver.js';
export { createScoreResolver } from './placeholders/score-resolver.js';
export type { ResourceBinding, ScoreResolverOptions } from './placeholders/score-resolver.js';
export { SecretReference } from './placeholders/secret-reference.js';
export { encodeJsonText } from './placeholders/json-text.js';

// placeholders: substitution
export type { Substitution, UnresolvedPlaceholder } from './placeholders/substitution-result.js';
export { substituteString } from './placeholders/substitute-string.js';
export { substituteVariables } from './placeholders/substitute-variables.js';
export type { SecretTemplate, VariableValue } from './placeholders/substitute-variables.js';
export { substituteFile } from './placeholders/substitute-file.js';
export type { ProjectedFile } from './placeholders/substitute-file.js';
export { substituteResourceParams } from './placeholders/substitute-params.js';
export { substituteContainers } from './placeholders/substitute-containers.js';
export type { ProjectedContainer } from './placeholders/substitute-containers.js';
export { resourceDependencyOrder } from './placeholders/resource-dependency-order.js';
export type { ResourceDependencyOrder } from './placeholders/resource-dependency-order.js';

// score-file
export { SCORE_API_VERSION } from './score-file/score-workload.js';
export type {
  ScoreContainer,
  ScoreContainerBefore,
  ScoreContainerFile,
  ScoreContainerProbe,
  ScoreContainerResources,
  ScoreContainerVolume,
  ScoreExecProbe,
  ScoreFile,
  ScoreHttpHeader,
  ScoreHttpProbe,
  ScoreMetadata,
  ScoreReadyCondition,
  ScoreResource,
  ScoreResourcesLimits,
  ScoreService,
  ScoreServicePort,
  ScoreWorkload,
} from './score-file/score-workload.js';
export { WORKLOAD_API_VERSION, WORKLOAD_KIND } from './score-file/workload-object.js';
export type { WorkloadObject, WorkloadObjectMetadata } from './score-file/workload-object.js';
export { scoreSchemaRules } from './score-file/score-schema-rules.js';
export { parseScoreFile } from './score-file/parse-score-file.js';
export { readScoreFile } from './score-file/read-score-file.js';
export { containerStartOrder } from './score-file/container-start-order.js';
export type {
  ContainerStartOrder,
  EarlyContainer,
  OrderedContainer,
} from './score-file/container-start-order.js';
export { convertScoreFile, scoreFileToWorkload } from './score-file/convert-score-file.js';
export type { ConvertScoreFileOptions } from './score-file/convert-score-file.js';
export { toScoreFile, workloadToScoreFile } from './score-file/to-score-file.js';
export { toolingAnnotations, workloadScoreMetadata } from './score-file/score-metadata.js';

// batch: how a workload runs (service, job, cronjob), from its profile and annotations
export { nextCronTime, parseCronSchedule } from './batch/cron-schedule.js';
export type { CronSchedule } from './batch/cron-schedule.js';
export { checkBatchKind, CRONJOB_ONLY_FIELDS, readBatchSettings } from './batch/batch-settings.js';
export type { BatchField, BatchSettings } from './batch/batch-settings.js';
export { resolveWorkloadRun, RunAnnotations, WORKLOAD_KIND_VALUES } from './batch/workload-run.js';
export type { WorkloadKindValue, WorkloadRun } from './batch/workload-run.js';

// resources: the Workload, ResourceClaim and WorkloadPlan custom resources
export { Workload } from './resources/workload.resource.js';
export { WorkloadSpec } from './resources/workload-spec.js';
export { WorkloadContainer, ContainerBefore } from './resources/container.js';
export { ContainerFile } from './resources/container-file.js';
export { ContainerVolume } from './resources/container-volume.js';
export { ContainerResources, ResourceAmounts } from './resources/container-resources.js';
export { ContainerProbe, ExecProbe, HttpHeader, HttpProbe } from './resources/probe.js';
export { ServicePort, WorkloadService } from './resources/workload-service.js';
export type { ServicePortProtocol } from './resources/workload-service.js';
export { WorkloadResource } from './resources/workload-resource.js';
export { WorkloadStatus } from './resources/workload-status.js';
export { ClaimSummary } from './resources/claim-summary.js';
export { StatusCondition } from './resources/condition.js';
export { ResourceClaim } from './resources/resource-claim.resource.js';
export { ResourceClaimSpec } from './resources/resource-claim-spec.js';
export { ResourceClaimStatus } from './resources/resource-claim-status.js';
export { WorkloadPlan } from './resources/workload-plan.resource.js';
export {
  EndpointHints,
  EndpointTemplates,
  PlanWorkloadRef,
  WorkloadPlanSpec,
} from './resources/workload-plan-spec.js';
export { WorkloadPlanStatus } from './resources/workload-plan-status.js';
export {
  APPLIED_PATCHES_MAX,
  AppliedPatch,
  PATCH_TEMPLATE_MAX_LENGTH,
  PATCH_TEMPLATES_MAX,
  PlanPatchTemplate,
} from './resources/plan-patch.js';
export {
  BATCH_CONCURRENCY_POLICIES,
  BATCH_KINDS,
  BATCH_MAX_COUNT,
  BATCH_MAX_SECONDS,
  BATCH_RESTART_POLICIES,
  BATCH_STATES,
  PlanBatch,
  PlanBatchStatus,
} from './resources/plan-batch.js';
export type {
  BatchConcurrencyPolicy,
  BatchKind,
  BatchRestartPolicy,
  BatchState,
  WorkloadRunKind,
} from './resources/plan-batch.js';
export {
  EnvTemplatePart,
  PlanContainer,
  PlanEnvVar,
  PlanFile,
  PlanVolume,
  SecretKeyRef,
} from './resources/plan-container.js';
export { ResourceClaimKind, WorkloadKind, WorkloadPlanKind } from './resources/resource-kinds.js';
export {
  ClaimConditionType,
  ClaimPhase,
  ClaimsReadyReason,
  InputsValidReason,
  PlanPhase,
  ReadyReason,
  RuntimeReadyReason,
  WorkloadConditionType,
  WorkloadReason,
} from './resources/conditions.js';
export type { Condition, ConditionStatus, WorkloadCondition } from './resources/conditions.js';

// validation: the Workload CRD's rules, offline
export { validateWorkload } from './validation/validate-workload.js';
export { validateScoreFile } from './validation/validate-score-file.js';
export type { ScoreFileIssue, ScoreFileValidation } from './validation/validate-score-file.js';

// plugins: the resolver and runtime contracts
export { ScoreTokens } from './tokens.js';
export { Resolver } from './plugins/resolver.js';
export { readResolverOptions } from './plugins/resolver.decorator.js';
export type { ResolverOptions, ResolverOutput, ResolverParam } from './plugins/resolver.decorator.js';
export type { ProvisionResult, ResolverContext } from './plugins/resolver.interface.js';
export { Runtime } from './plugins/runtime.js';
export { readRuntimeOptions } from './plugins/runtime.decorator.js';
export type { RuntimeOptions } from './plugins/runtime.decorator.js';
export type { RuntimeContext, RuntimeObservation, RuntimePhase } from './plugins/runtime.interface.js';
export type { ResourceRequest } from './plugins/resource-request.js';
export { DEPROVISION_POLICIES } from './resources/deprovision-policy.js';
export type { DeprovisionPolicy } from './resources/deprovision-policy.js';
export type { PluginModule } from './plugins/plugin-module.js';
export type { PluginWatch } from './plugins/plugin-watch.js';
export {
  DEFAULT_MANAGED_BY_VALUES,
  LABEL_FILTERED_KINDS,
  MANAGED_BY_LABEL,
  managedObjectFilters,
  ORCHESTRATOR_MANAGED_BY,
} from './plugins/managed-objects.js';
export { podCacheShape, rolloutCacheShape } from './plugins/cached-shapes.js';
export { bindPluginModule } from './plugins/bind-plugin-module.js';

// plugins: the reasons the hosts write into claim and plan status (the hosts live in @score-orchestrator/plugin-host)
export { ClaimEventReason, ClaimReason, PlanReason } from './resources/host-reasons.js';
export { claimDeprovisionPolicy } from './resources/claim-deprovision-policy.js';

// endpoint templates: `{{ .fact }}` substitutions only, for the platform config and the Kubernetes runtime
export {
  compileEndpointTemplate,
  missingEndpointFact,
  renderEndpointTemplate,
} from './endpoint-template/endpoint-template.js';
export type {
  EndpointFacts,
  EndpointTemplate,
  EndpointTemplatePart,
} from './endpoint-template/endpoint-template.js';

// Go templates (text/template with a sprig subset): score-k8s provisioner files and patch templates
export { compileTemplate, functionUses } from './go-template/compile-template.js';
export type { CompiledTemplate, FunctionUse } from './go-template/compile-template.js';
export { goTemplateFunctions, isKnownFunction } from './go-template/template-functions.js';
export { fixed, variadic } from './go-template/template-function.js';
export type { FunctionMap, TemplateFunction } from './go-template/template-function.js';
export { GoStruct, typedMap, toStringValue } from './go-template/go-values.js';
export type { GoMap } from './go-template/go-values.js';

// patch templates: score-k8s's escape hatch over generated manifests
export {
  applyPatchTemplates,
  compilePatchTemplate,
  patchTemplateFunctions,
} from './patch-templates/patch-template.js';
export type {
  AppliedPatchOperation,
  PatchTemplate,
  PatchTemplateInput,
} from './patch-templates/patch-template.js';
export {
  DEFAULT_PATCH_TEMPLATE_CACHE_SIZE,
  PatchTemplateCache,
} from './patch-templates/patch-template-cache.js';
export type { PatchTemplateCacheOptions } from './patch-templates/patch-template-cache.js';
export { readPatchOperations } from './patch-templates/patch-operation.js';
export type { PatchOperation } from './patch-templates/patch-operation.js';
export { deleteAtPath, parsePatchPath, setAtPath } from './patch-templates/patch-path.js';
