/**
 * The Score workload specification (`score.dev/v1b1`) as plain TypeScript, after the newest schema in
 * score-go (`schema/files/score-v1b1.json`, which adds `before`, `exec` probes, `binaryContent` and the
 * map forms of `files` and `volumes`). Optional fields are absent, never `null`. These are data shapes;
 * `parseScoreFile` / `readScoreFile` check untrusted input against the schema's rules.
 */

/** The Score API version, the only one that exists. */
export const SCORE_API_VERSION = 'score.dev/v1b1';

/** A Score file: what users write in `score.yaml`. */
export interface ScoreFile {
  readonly apiVersion: typeof SCORE_API_VERSION;
  readonly metadata: ScoreMetadata;
  readonly containers: Readonly<Record<string, ScoreContainer>>;
  readonly service?: ScoreService;
  readonly resources?: Readonly<Record<string, ScoreResource>>;
}

/** Workload metadata: `name` is required, `annotations` typed, any other key allowed (and usable as `${metadata.KEY}`). */
export interface ScoreMetadata {
  /** RFC 1123 label, 2 to 63 characters. */
  readonly name: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly [key: string]: unknown;
}

/**
 * The Score workload without its envelope: what a `Workload` custom resource holds in `spec`.
 * `metadataExtras` carries the Score metadata keys that have no place in Kubernetes object metadata
 * (see `scoreFileToWorkload`).
 */
export interface ScoreWorkload {
  readonly containers: Readonly<Record<string, ScoreContainer>>;
  readonly service?: ScoreService;
  readonly resources?: Readonly<Record<string, ScoreResource>>;
  readonly metadataExtras?: Readonly<Record<string, unknown>>;
}

export interface ScoreContainer {
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** Environment variables; values may hold placeholders. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Files to mount, keyed by target path (the deprecated list form is converted on read). */
  readonly files?: Readonly<Record<string, ScoreContainerFile>>;
  /** Volumes to mount, keyed by target path (the deprecated list form is converted on read). */
  readonly volumes?: Readonly<Record<string, ScoreContainerVolume>>;
  readonly resources?: ScoreContainerResources;
  readonly livenessProbe?: ScoreContainerProbe;
  readonly readinessProbe?: ScoreContainerProbe;
  /**
   * Containers of this workload that this one runs **before**, keyed by container name: `migrate.before.main`
   * starts `migrate` first and `main` once `migrate` reached `ready` (as score-compose reads it). A container
   * with entries here starts early (an init container or sidecar on Kubernetes); see `containerStartOrder`.
   */
  readonly before?: Readonly<Record<string, ScoreContainerBefore>>;
}

/** Exactly one of `source`, `content` or `binaryContent` is set. */
export interface ScoreContainerFile {
  /** Octal access mode, e.g. `0600`. */
  readonly mode?: string;
  /** Path of a local file holding the content; only meaningful before the workload leaves the user's machine. */
  readonly source?: string;
  /** UTF-8 content; placeholders are expanded unless `noExpand`. */
  readonly content?: string;
  /** Standard base64 content; never expanded. */
  readonly binaryContent?: string;
  readonly noExpand?: boolean;
}

export interface ScoreContainerVolume {
  /** The external volume reference, usually `${resources.NAME}`. */
  readonly source: string;
  /** Sub path inside the volume. */
  readonly path?: string;
  readonly readOnly?: boolean;
}

export interface ScoreContainerResources {
  readonly limits?: ScoreResourcesLimits;
  readonly requests?: ScoreResourcesLimits;
}

export interface ScoreResourcesLimits {
  /** Whole or fractional CPUs, or milli-CPUs: `2`, `0.5`, `125m`. */
  readonly cpu?: string;
  /** Bytes with an optional unit: `128Mi`, `1.5G`. */
  readonly memory?: string;
}

/** Either probe kind, or both (an implementation that supports both should prefer `exec`). */
/**
 * At least one of `httpGet` or `exec` (the Score schema's `anyOf`); with both, `exec` is used, as the
 * schema asks. An `exec` probe needs a non-empty `command` (Kubernetes refuses an empty one).
 */
export interface ScoreContainerProbe {
  readonly httpGet?: ScoreHttpProbe;
  readonly exec?: ScoreExecProbe;
}

export interface ScoreHttpProbe {
  readonly scheme?: 'HTTP' | 'HTTPS';
  readonly host?: string;
  readonly path: string;
  readonly port: number;
  readonly httpHeaders?: readonly ScoreHttpHeader[];
}

export interface ScoreHttpHeader {
  readonly name: string;
  readonly value: string;
}

export interface ScoreExecProbe {
  readonly command: readonly string[];
}

/**
 * The state this container must reach before the named one starts: `started`, `healthy` (its readiness or
 * liveness probe passes) or `complete` (it exited successfully).
 */
export interface ScoreContainerBefore {
  readonly ready: ScoreReadyCondition;
}

export type ScoreReadyCondition = 'started' | 'healthy' | 'complete';

export interface ScoreService {
  /** Named ports; names are RFC 1123 labels. */
  readonly ports?: Readonly<Record<string, ScoreServicePort>>;
}

export interface ScoreServicePort {
  readonly port: number;
  /** Defaults to `TCP`. */
  readonly protocol?: 'TCP' | 'UDP';
  /** Defaults to `port`. */
  readonly targetPort?: number;
}

/** A dependency of the workload, provisioned by a resolver. Identity is `type.class#id` (class defaults to `default`). */
export interface ScoreResource {
  readonly type: string;
  readonly class?: string;
  /** Shares one resource between workloads that use the same type, class and id. */
  readonly id?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Provisioning parameters; string values may hold placeholders, including outputs of other resources. */
  readonly params?: Readonly<Record<string, unknown>>;
}
