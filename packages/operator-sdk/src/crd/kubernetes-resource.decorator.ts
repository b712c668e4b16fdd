import 'reflect-metadata';
import type { ResourceKind } from '../api/resource-kind.js';
import { OperatorSdkError } from '../errors/operator-sdk.error.js';
import { KUBERNETES_RESOURCE_METADATA } from '../metadata-keys.js';
import { pluralNameOf } from './plural-name.js';

/** One `additionalPrinterColumns` entry: a column `kubectl get` shows for the resource. */
export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** JSONPath relative to the object, e.g. `.status.phase`. */
  readonly jsonPath: string;
  readonly description?: string;
  readonly format?: string;
  /** 0 shows in the standard view; higher values only with `-o wide`. */
  readonly priority?: number;
}

/**
 * Restrictions on the objects' `metadata.name`, on top of the API server's own (a DNS subdomain: at most
 * 253 lower-case letters, digits, `-` and `.`). The only part of `metadata` a CRD may constrain (with
 * `generateName`); use it when names become names of other objects with stricter rules, e.g. a DNS label
 * for a Service.
 */
export interface MetadataNameRules {
  readonly maxLength?: number;
  /** A Go RE2 regular expression (`^...$` for the whole name), as the schema's `pattern`. */
  readonly pattern?: string;
}

/** What `@KubernetesResource` takes: the identity and CRD-level settings of a custom resource. */
export interface KubernetesResourceOptions {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Defaults to the lower-case kind with English plural rules (`Policy` → `policies`). */
  readonly plural?: string;
  /** Defaults to the lower-case kind. */
  readonly singular?: string;
  /** Defaults to `<kind>List`. */
  readonly listKind?: string;
  /** Defaults to `Namespaced`. */
  readonly scope?: 'Namespaced' | 'Cluster';
  /**
   * Other names `kubectl` resolves to this resource (`kubectl get wdg`): lower-case, like the plural.
   * Pick names no other resource in the cluster uses (built-in ones such as `po`, `svc`, `cm` included):
   * when two resources share a short name, kubectl picks one of them and the other becomes unreachable
   * through it. Defaults to none.
   */
  readonly shortNames?: readonly string[];
  /**
   * Groups of resources this one belongs to: `kubectl get <category>` lists every resource of the
   * category at once (the built-in `all` is one). Defaults to none.
   */
  readonly categories?: readonly string[];
  readonly printerColumns?: readonly PrinterColumn[];
  /** Whether `/status` is a subresource (status writes ignore spec and vice versa). Defaults to true. */
  readonly statusSubresource?: boolean;
  /**
   * Whether this version is the one the API server stores. Defaults to true; when several classes are
   * versions of one kind (a multi-version CRD), set it to false on all but one.
   */
  readonly storageVersion?: boolean;
  /**
   * Marks this version deprecated: clients using it get a warning (this text, or the API server's default
   * when `true`). For the older versions of a multi-version CRD. Defaults to not deprecated.
   */
  readonly deprecated?: boolean | string;
  /**
   * Rules for `metadata.name`, enforced by the API server (errors name `metadata.name`) and by
   * `OfflineValidator`. Defaults to none.
   */
  readonly metadataName?: MetadataNameRules;
}

/** The options with every default filled in, as the CRD generator and controllers read them. */
export type KubernetesResourceDefinition = Required<
  Omit<KubernetesResourceOptions, 'printerColumns' | 'metadataName' | 'deprecated'>
> & {
  readonly printerColumns: readonly PrinterColumn[];
  readonly metadataName?: MetadataNameRules;
  readonly deprecated?: boolean | string;
};

/** A class constructor, as decorators receive it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ResourceClass = new (...args: any[]) => unknown;

/**
 * Marks a class as the shape of a custom resource. Only records metadata; `generateCrd` and
 * `resourceKindOf` read it. The class's `spec` and `status` properties, described with
 * class-validator decorators, become the CRD's schema.
 */
export function KubernetesResource(options: KubernetesResourceOptions): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(KUBERNETES_RESOURCE_METADATA, withDefaults(options), target);
  };
}

function withDefaults(options: KubernetesResourceOptions): KubernetesResourceDefinition {
  return {
    plural: pluralNameOf(options.kind),
    singular: options.kind.toLowerCase(),
    listKind: `${options.kind}List`,
    scope: 'Namespaced',
    shortNames: [],
    categories: [],
    printerColumns: [],
    statusSubresource: true,
    storageVersion: true,
    ...stripUndefined(options),
    group: options.group,
    version: options.version,
    kind: options.kind,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The resource definition recorded on `cls`, or `undefined` when it is not decorated. */
export function readKubernetesResource(cls: object): KubernetesResourceDefinition | undefined {
  return Reflect.getMetadata(KUBERNETES_RESOURCE_METADATA, cls) as KubernetesResourceDefinition | undefined;
}

/**
 * The `ResourceKind` of a decorated class; a `ResourceKind` passes through unchanged, so APIs can take
 * either a built-in kind or a custom resource class.
 *
 * @throws OperatorSdkError (`Configuration`) when `target` is a class without `@KubernetesResource`.
 */
export function resourceKindOf(target: ResourceKind | ResourceClass): ResourceKind {
  if (typeof target !== 'function') return target;
  const definition = readKubernetesResource(target);
  if (!definition) {
    throw new OperatorSdkError(
      'Configuration',
      `failed to resolve the resource kind of class ${target.name}: it has no @KubernetesResource decorator; ` +
        'add @KubernetesResource({ group, version, kind }) to the class or pass a ResourceKind',
    );
  }
  return {
    apiVersion: `${definition.group}/${definition.version}`,
    kind: definition.kind,
    plural: definition.plural,
    namespaced: definition.scope === 'Namespaced',
  };
}
