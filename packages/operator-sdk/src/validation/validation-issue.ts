// One validation failure, shaped and rendered like k8s.io/apimachinery/pkg/util/validation/field.Error.

/** The `field.ErrorType`s the offline validator reports, spelled as the API server prints them. */
export type ValidationIssueType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Too many'
  | 'Too long'
  | 'Forbidden'
  | 'Duplicate value'
  | 'Internal error';

/** The `reason` an API server `Status` cause carries for each issue type. */
export const CAUSE_REASONS: Record<ValidationIssueType, string> = {
  'Required value': 'FieldValueRequired',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  'Too many': 'FieldValueTooMany',
  'Too long': 'FieldValueTooLong',
  Forbidden: 'FieldValueForbidden',
  'Duplicate value': 'FieldValueDuplicate',
  'Internal error': 'InternalError',
};

/** Marks an issue whose bad value the API server leaves out (objects and lists in CEL failures). */
export const OMITTED = Symbol('omitted value');

/**
 * One failure: where (`field`, e.g. `spec.containers[0].image`; `''` for the whole object, which the
 * API server prints as `<nil>`), what kind (`type`), and the rest of the API server's message.
 * `toString()` renders exactly the API server's `field.Error.Error()`.
 */
export class ValidationIssue {
  /** Everything after `field: `, e.g. `Invalid value: "ABC": spec.name in body should match '^[a-z]+$'`. */
  readonly message: string;

  /** The Status cause `reason`, e.g. `FieldValueInvalid` (`FieldValueTypeInvalid` for type mismatches). */
  readonly reason: string;
  /** Whether the API server skips CEL rules once it found this issue. */
  readonly blocking: boolean;

  constructor(
    readonly field: string,
    readonly type: ValidationIssueType,
    readonly detail: string = '',
    readonly value: unknown = OMITTED,
    options: { typeMismatch?: boolean } = {},
  ) {
    this.message = renderBody(type, value, detail);
    this.reason = options.typeMismatch ? 'FieldValueTypeInvalid' : CAUSE_REASONS[type];
    // apiextensions-apiserver's hasBlockingErr: these mean the object is too broken for CEL to make sense.
    this.blocking = options.typeMismatch === true || BLOCKING.includes(type);
  }

  toString(): string {
    return `${this.field || '<nil>'}: ${this.message}`;
  }
}

const BLOCKING: readonly ValidationIssueType[] = [
  'Unsupported value',
  'Required value',
  'Too long',
  'Too many',
];

const VALUE_SHOWN: readonly ValidationIssueType[] = [
  'Invalid value',
  'Unsupported value',
  'Duplicate value',
  'Too many',
];

function renderBody(type: ValidationIssueType, value: unknown, detail: string): string {
  let body: string = type;
  if (VALUE_SHOWN.includes(type) && value !== OMITTED) body = `${type}: ${formatGoValue(value)}`;
  return detail ? `${body}: ${detail}` : body;
}

/** Renders a value as Go's `%v` (numbers, booleans), `%q` (strings) or JSON (anything else). */
export function formatGoValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? 'null';
}
