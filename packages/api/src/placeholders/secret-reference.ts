const brand = Symbol.for('@score-orchestrator/api/secret-reference');

/**
 * A resource output whose value is secret: it names a key of a Kubernetes Secret (in the workload's
 * namespace) instead of holding the value, so secrets are never copied into plans, events or logs.
 * Resolvers return one wherever an output is secret; substitution keeps it a reference (see the
 * placeholders README for where a secret may appear).
 *
 * Serialises as `{ "secretName": ..., "key": ... }`; `toString()` never yields a value, because there is none.
 */
export class SecretReference {
  declare readonly [brand]: true;

  constructor(
    readonly secretName: string,
    readonly key: string,
  ) {
    // Non-enumerable, so equality checks and JSON see only the two fields.
    Object.defineProperty(this, brand, { value: true, enumerable: false });
  }

  toString(): string {
    return `[secret ${this.secretName}/${this.key}]`;
  }

  /** Brand check that works across two copies of the package. */
  static is(value: unknown): value is SecretReference {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }

  /** Whether `value` is or contains (in nested objects or arrays) a secret reference. */
  static within(value: unknown): boolean {
    if (SecretReference.is(value)) return true;
    if (Array.isArray(value)) return value.some((item) => SecretReference.within(item));
    if (typeof value === 'object' && value !== null) {
      return Object.values(value).some((item) => SecretReference.within(item));
    }
    return false;
  }
}
