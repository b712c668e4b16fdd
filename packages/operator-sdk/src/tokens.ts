// Dependency-injection tokens of the SDK: the services the Manager binds into your container, and the
// token your controllers are bound to so the Manager can discover them.

/** Bind every controller class to this token: `container.bind(Tokens.Controller).to(MyController)`. */
const Controller = Symbol.for('@score-orchestrator/operator-sdk/Controller');
/** The `KubeClient` the manager created (writes go to the API server). */
const KubeClient = Symbol.for('@score-orchestrator/operator-sdk/KubeClient');
/** The `SharedCache` all controllers read from. */
const SharedCache = Symbol.for('@score-orchestrator/operator-sdk/SharedCache');
/** The root `Logger` (the SDK's interface; `createLogger` makes the default). */
const Logger = Symbol.for('@score-orchestrator/operator-sdk/Logger');
/** The `EventRecorder` writing events.k8s.io/v1 Events. */
const EventRecorder = Symbol.for('@score-orchestrator/operator-sdk/EventRecorder');
/** The `OperatorMetrics` (prom-client registry and the controller-runtime metric set). */
const Metrics = Symbol.for('@score-orchestrator/operator-sdk/Metrics');
/** Bind every admission webhook class (`@Validator` / `@Defaulter`) to this token to have the Manager serve it. */
const Webhook = Symbol.for('@score-orchestrator/operator-sdk/Webhook');
/**
 * The kubeconfig the manager connects with (`KubeConfigLike`): the client-node `KubeConfig` you passed, or the
 * `LeanKubeConfig` the manager loaded. `toClientNodeKubeConfig` turns either into a client-node `KubeConfig`.
 */
const KubeConfig = Symbol.for('@score-orchestrator/operator-sdk/KubeConfig');

/** DI tokens, namespaced by package so two libraries never collide. */
export const Tokens = {
  Controller,
  KubeClient,
  SharedCache,
  Logger,
  EventRecorder,
  Metrics,
  KubeConfig,
  Webhook,
} as const;
