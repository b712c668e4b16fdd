/**
 * The operator SDK: decorator-based Kubernetes controllers for TypeScript.
 *
 * Most operators need only: `@Controller` + `Reconciler` + `Result` + `TerminalError` to write a controller,
 * `@KubernetesResource` and class-validator decorators to define a custom resource, `Manager` + `Tokens` to
 * run controllers from an inversify container, and `generateCrd` / `writeCrds` to produce CRDs. The rest
 * (cache, client, queue, leader election, events, metrics, health) is usable on its own too.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';

// Errors and logging
export { OperatorSdkError, describeError } from './errors/operator-sdk.error.js';
export type { OperatorSdkErrorKind } from './errors/operator-sdk.error.js';
export { createLogger } from './logging/logger.js';
export type { LogFields, Logger, LoggerOptions } from './logging/logger.js';

// Kinds and keys
export {
  formatObjectKey,
  parseObjectKey,
  objectKeyOf,
  splitApiVersion,
  qualifiedKindName,
} from './api/resource-kind.js';
export type { ResourceKind, ObjectKey } from './api/resource-kind.js';
export { BuiltinKinds } from './api/builtin-kinds.js';

// Controllers
export { Controller, readControllerOptions } from './controller/controller.decorator.js';
export { ControllerBuilder } from './controller/controller-builder.js';
export type {
  ControllerOptions,
  FinalizerMode,
  KindReference,
  OwnsOptions,
  WatchesOptions,
} from './controller/controller-options.js';
export type { ControllerDefinition, EventSource } from './controller/controller-definition.js';
export type { Reconciler } from './reconcile/reconciler.interface.js';
export type { ReconcileContext, ObjectEvents } from './reconcile/reconcile-context.js';
export type { FinalizerControl } from './reconcile/finalizer-control.js';
export { Result } from './reconcile/result.js';
export type { ReconcileResult } from './reconcile/result.js';
export { TerminalError, isTerminalError } from './reconcile/terminal.error.js';
export { Handlers } from './handler/map-function.js';
export type { MapFunction } from './handler/map-function.js';
export { Predicates } from './predicate/predicates.js';
export { eventObject } from './predicate/predicate.js';
export type { Predicate, WatchEvent } from './predicate/predicate.js';

// Manager and dependency injection
export { Manager } from './manager/manager.js';
export type {
  ManagerOptions,
  ManagerLeaderElectionOptions,
  ManagerCacheOptions,
} from './manager/manager-options.js';
export { Tokens } from './tokens.js';

// Client
export { KubeClient } from './client/kube-client.js';
export type {
  KubeClientOptions,
  ListOptions,
  ListResult,
  WriteOptions,
  ApplyOptions,
  DeleteOptions,
  PatchType,
  PatchOptions,
  UpdateStatusOptions,
  UpdateStatusResult,
  RequestCounter,
  RequestLabels,
  RequestLatencyObserver,
  RequestLatencyLabels,
  KubeClientMetrics,
  RequestOptions,
} from './client/kube-client-options.js';
export {
  KubeApiError,
  isAborted,
  isConflict,
  isNamespaceTerminating,
  isNotFound,
  statusCodeOf,
} from './client/kube-api.error.js';
export type { StatusCause } from './client/kube-api.error.js';
export { hasFinalizer } from './client/finalizers.js';
export {
  setControllerReference,
  setOwnerReference,
  getControllerOf,
  isOwnedBy,
  isReferenceToKind,
} from './client/owner-references.js';
export { ownershipOf, describeOwnership, predecessorOf } from './client/ownership.js';
export type { Ownership, OwnershipState } from './client/ownership.js';
export { OwnershipConflictError, ownershipConflictOf } from './client/ownership-conflict.error.js';
export { applyOwned, checkOwnership, createOwned, deleteOwned } from './client/owned-writes.js';
export type {
  ApplyOwnedOptions,
  CreateOwnedOptions,
  CreateOwnedOutcome,
  DeleteOwnedOutcome,
  OwnedReadOptions,
} from './client/owned-writes.js';
export { alreadyApplied } from './client/already-applied.js';
export { shareHttpAgent } from './client/shared-agent.js';
export type {
  WatchEvent as RawWatchEvent,
  WatchOptions as RawWatchOptions,
  WatchHandle,
} from './client/watch-event.js';

// Kubeconfig
export { LeanKubeConfig } from './kubeconfig/lean-kube-config.js';
export { toClientNodeKubeConfig } from './kubeconfig/to-client-node.js';
export type { KubeConfigLike } from './kubeconfig/kube-config-like.js';

// Cache
export { SharedCache } from './cache/shared-cache.js';
export type {
  SharedCacheOptions,
  InformerScope,
  CacheKindFilter,
  CacheLookup,
  DisconnectedInformer,
} from './cache/shared-cache.js';
export { Informer } from './cache/informer.js';
export {
  chainTransforms,
  dropLastAppliedConfiguration,
  LAST_APPLIED_ANNOTATION,
} from './cache/cache-transform.js';
export type { CacheTransform } from './cache/cache-transform.js';
export { defaultInformerTiming } from './cache/informer-options.js';
export type { InformerOptions, InformerTiming } from './cache/informer-options.js';
export type { ResourceEventHandler, EventHandlerRegistration } from './cache/event-handler.js';
export { NAMESPACE_INDEX, OWNER_UID_INDEX } from './cache/store.js';
export type { IndexFunction, StoreQuery, ReadableStore } from './cache/store.js';
export { compileLabelSelector } from './cache/label-selector.js';
export type { LabelSelector } from './cache/label-selector.js';
export { listWatchFor } from './cache/list-watch-source.js';
export type { ListWatchSource, ListWatchScope } from './cache/list-watch-source.js';

// Queue
export { WorkQueue } from './queue/work-queue.js';
export type { WorkQueueOptions } from './queue/work-queue-options.js';
export { DefaultPriority, LowPriority } from './queue/priority.js';
export type { AddOptions, PrioritizedKey } from './queue/priority.js';
export type { RateLimiter } from './queue/rate-limiter.js';
export { ItemExponentialRateLimiter } from './queue/item-exponential-rate-limiter.js';
export type { ItemExponentialRateLimiterOptions } from './queue/item-exponential-rate-limiter.js';
export { BucketRateLimiter } from './queue/bucket-rate-limiter.js';
export type { BucketRateLimiterOptions } from './queue/bucket-rate-limiter.js';
export { MaxOfRateLimiter } from './queue/max-of-rate-limiter.js';
export { defaultControllerRateLimiter } from './queue/default-controller-rate-limiter.js';
export { realClock } from './queue/clock.js';
export type { Clock, Timer, TimerOptions } from './queue/clock.js';

// Operations: metrics, health, events, leader election
export { OperatorMetrics } from './metrics/operator-metrics.js';
export type { OperatorMetricsOptions, RestRequestRecord } from './metrics/operator-metrics.js';
export { ControllerMetrics } from './metrics/controller-metrics.js';
export type { ReconcileOutcome } from './metrics/controller-metrics.js';
export type { WorkQueueMetrics, WorkQueueSnapshot } from './metrics/work-queue-metrics.js';
export { HealthServer } from './health/health-server.js';
export type { HealthServerOptions, HealthServerAddress } from './health/health-server.js';
export type { HealthCheck } from './health/health-check.js';
export { NotReadyError } from './health/not-ready.error.js';
export { EventRecorder } from './events/event-recorder.js';
export type { EventDetails, EventRecorderOptions } from './events/event-recorder-options.js';
// Bounded per-object bookkeeping for reconcilers (what the event recorder uses for its series and spam filter).
export { LruMap } from './events/lru-map.js';
export { LeaderElector } from './leader-election/leader-elector.js';
export type { LeaderElectionOutcome } from './leader-election/leader-elector.js';
export type { LeaderElectorOptions } from './leader-election/leader-election-options.js';

// Admission webhooks: validating and mutating webhooks, their HTTPS server and configurations
export { Validator, readValidatorOptions } from './webhook/validator.decorator.js';
export { Defaulter, readDefaulterOptions } from './webhook/defaulter.decorator.js';
export { WebhookBuilder } from './webhook/webhook-builder.js';
export { webhookDefinitionsOf } from './webhook/decorated-webhooks.js';
export type {
  WebhookOptions,
  ValidatorOptions,
  DefaulterOptions,
  FailurePolicy,
  SideEffects,
  WebhookLabelSelector,
} from './webhook/webhook-options.js';
export type { WebhookDefinition, WebhookType } from './webhook/webhook-definition.js';
export type { CustomValidator, ValidationOutcome } from './webhook/custom-validator.interface.js';
export type { CustomDefaulter } from './webhook/custom-defaulter.interface.js';
export type { AdmissionContext } from './webhook/admission-context.js';
export { Admission } from './webhook/admission.js';
export type { AdmissionVerdict, DeniedOptions, FieldCause } from './webhook/admission.js';
export { ADMISSION_OPERATIONS } from './webhook/admission-review.js';
export type {
  AdmissionOperation,
  AdmissionRequest,
  AdmissionResponse,
  AdmissionReview,
  AdmissionStatus,
  AdmissionStatusCause,
  AdmissionUserInfo,
} from './webhook/admission-review.js';
export { createJsonPatch, escapePointerToken } from './webhook/json-patch.js';
export type { JsonPatchOperation } from './webhook/json-patch.js';
// Tracing: OpenTelemetry spans for reconciles, API requests and webhook calls, off unless turned on
export { Tracing, tracingWanted, TRACER_NAME } from './tracing/tracing.js';
export type { SpanAttributes, SpanOptions, TraceSpan } from './tracing/tracing.js';
// Conversion webhooks: one class per served version, converters to and from the hub, served at /convert
export {
  Converter,
  readConverterOptions,
  conversionDefinitionOf,
} from './webhook/conversion/converter.decorator.js';
export { ConversionBuilder } from './webhook/conversion/conversion-builder.js';
export type { ConverterOptions, ConversionDefinition } from './webhook/conversion/conversion-builder.js';
export type { Convertible, ConversionContext } from './webhook/conversion/convertible.interface.js';
export { ConversionAnnotations } from './webhook/conversion/conversion-annotations.js';
export { CONVERSION_PATH, conversionWebhook } from './webhook/conversion/conversion-crd.js';
export type {
  ConversionRequest,
  ConversionResponse,
  ConversionResult,
  ConversionReview,
} from './webhook/conversion/conversion-review.js';
export { WebhookServer } from './webhook/webhook-server.js';
export type { WebhookServerOptions } from './webhook/webhook-server-options.js';
export { WebhookMetrics } from './webhook/webhook-metrics.js';
export type { CertificateSource, ServingCertificate } from './webhook/tls/serving-certificate.js';
export { GeneratedCertificates } from './webhook/tls/generated-certificates.js';
export type { GeneratedCertificatesOptions } from './webhook/tls/generated-certificates.js';
export { DirectoryCertificates } from './webhook/tls/directory-certificates.js';
export type { DirectoryCertificatesOptions } from './webhook/tls/directory-certificates.js';
export { SelfSignedIssuer } from './webhook/tls/self-signed-issuer.js';
export type { IssuedCertificate } from './webhook/tls/self-signed-issuer.js';
export {
  generateWebhookConfigurations,
  renderWebhookConfigurationsYaml,
} from './webhook/webhook-configuration.js';
export type {
  AdmissionWebhook,
  WebhookClientConfig,
  WebhookConfiguration,
  WebhookConfigurationOptions,
} from './webhook/webhook-configuration.js';

// Custom resources: classes to CRDs, and offline validation
export {
  KubernetesResource,
  readKubernetesResource,
  resourceKindOf,
} from './crd/kubernetes-resource.decorator.js';
export type {
  KubernetesResourceOptions,
  KubernetesResourceDefinition,
  MetadataNameRules,
  PrinterColumn,
  ResourceClass,
} from './crd/kubernetes-resource.decorator.js';
export { Cel } from './crd/schema/cel.decorator.js';
export type { CelRuleOptions } from './crd/schema/cel.decorator.js';
export { SchemaProperty } from './crd/schema/schema-property.decorator.js';
export { MapOf } from './crd/schema/map-of.decorator.js';
export type { MapValueType } from './crd/schema/map-of.decorator.js';
export { pluralNameOf } from './crd/plural-name.js';
export type { JsonSchemaProps, ValidationRule } from './crd/schema/json-schema-props.js';
export { generateCrd } from './crd/crd-generator.js';
export type { CrdOptions } from './crd/crd-generator.js';
export {
  crdFileName,
  renderCrdYaml,
  renderManifestYaml,
  generateCrds,
  writeCrds,
  findStaleCrds,
} from './crd/crd-writer.js';
export type { StaleCrd } from './crd/crd-writer.js';
export type {
  CustomResourceConversion,
  CustomResourceWebhookConversion,
  CustomResourceDefinition,
  CustomResourceDefinitionVersion,
} from './crd/custom-resource-definition.js';
export { OfflineValidator } from './validation/offline-validator.js';
export type { ValidationReport } from './validation/offline-validator.js';
export { ValidationIssue } from './validation/validation-issue.js';
export type { ValidationIssueType } from './validation/validation-issue.js';
export { createKubernetesCelEnvironment } from './validation/cel/kubernetes-cel-library.js';
