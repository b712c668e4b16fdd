// score-k8s's provisioner contract as data: the input every provisioner gets and the output it returns.

/** One port of a workload's service (score-k8s `ServicePort`). */
export interface NetworkServicePort {
  /** The port's name in the Workload's `service.ports`. */
  readonly name: string;
  /** The port the Service publishes. */
  readonly port: number;
  /** The container port traffic goes to (the Workload's `targetPort`, default `port`). */
  readonly target_port: number;
  /** `TCP` (the default), `UDP` or `SCTP`. */
  readonly protocol: string;
}

/** How to reach a workload's service (score-k8s `NetworkService`). */
export interface NetworkService {
  /** The name of the workload's Service in the namespace (a host name for clients there). */
  readonly service_name: string;
  /**
   * Ports by name; each port is also listed under its number (`"8080"`) unless a port is named so, as
   * score-k8s does. Empty when the workload serves no ports.
   */
  readonly ports: Readonly<Record<string, NetworkServicePort>>;
}

/** The JSON a cmd:// provisioner reads on stdin; field for field score-k8s's `provisioners.Input`. */
export interface ProvisionerInput {
  /** Stable unique id of the resource (score-k8s: a random uuid; here the claim's uid). */
  readonly resource_guid: string;
  /** `type.class#id`; the id of a private resource is `<workload>.<resource>`. */
  readonly resource_uid: string;
  readonly resource_type: string;
  readonly resource_class: string;
  readonly resource_id: string;
  readonly resource_params: Readonly<Record<string, unknown>>;
  readonly resource_metadata: Readonly<Record<string, unknown>>;
  /** The workload that owns the claim (the first owner for a shared resource). */
  readonly source_workload: string;
  /** Every Workload of the namespace (not being deleted), by name: its Service name and ports. */
  readonly workload_services: Readonly<Record<string, NetworkService>>;
  /** This resource's state from its previous provision (`{}` the first time). */
  readonly resource_state: Readonly<Record<string, unknown>>;
  /** State shared by every resource in the namespace. */
  readonly shared_state: Readonly<Record<string, unknown>>;
}

/** What a provisioner returns; score-k8s's `provisioners.ProvisionOutput`. Absent fields mean empty. */
export interface ProvisionerOutput {
  /** The resource's new state (replaces the old one; absent means `{}`). */
  readonly resource_state?: Record<string, unknown>;
  /** Outputs; strings may hold secret references (`🔐💬<secret>_<key>💬🔐`). */
  readonly resource_outputs?: Record<string, unknown>;
  /** A JSON merge patch (RFC 7386) onto the shared state. */
  readonly shared_state?: Record<string, unknown>;
  /** Kubernetes objects to apply in the claim's namespace, owned by the claim. */
  readonly manifests?: Record<string, unknown>[];
}
