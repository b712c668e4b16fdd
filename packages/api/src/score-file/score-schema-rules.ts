import type { StringRules } from '../field-reader/field-reader.js';

/**
 * The string rules of the Score JSON schema (score-go `schema/files/score-v1b1.json`), in one place so
 * the reader and any future CRD validation quote the same patterns.
 */
export const scoreSchemaRules = {
  /** Workload, container, port and resource names. */
  name: {
    minLength: 2,
    maxLength: 63,
    pattern: /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/,
    expected: 'an RFC 1123 label (lower-case letters, digits and "-", 2 to 63 characters)',
  },
  annotationKey: {
    minLength: 2,
    maxLength: 316,
    pattern:
      /^(([a-z0-9][a-z0-9-]{0,61}[a-z0-9])(\.[a-z0-9][a-z0-9-]{0,61}[a-z0-9])*\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,61}[A-Za-z0-9]$/,
    expected: 'an annotation key with an optional DNS prefix, such as "example.com/my-key"',
  },
  resourceType: {
    required: true,
    minLength: 2,
    maxLength: 63,
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/,
    expected: 'letters, digits and "-", 2 to 63 characters',
  },
  resourceClass: {
    minLength: 2,
    maxLength: 63,
    pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$/,
    expected: 'letters, digits and "-", 2 to 63 characters',
  },
  resourceId: {
    minLength: 2,
    maxLength: 63,
    pattern: /^[a-z0-9]+(?:-+[a-z0-9]+)*(?:\.[a-z0-9]+(?:-+[a-z0-9]+)*)*$/,
    expected: 'dot-separated RFC 1123 labels such as "shared.db"',
  },
  memory: {
    pattern: /^(0\.\d+|[1-9]\d*(\.\d+)?)(K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/,
    expected: 'a byte count with an optional unit, such as "128Mi" or "1.5G"',
  },
  cpu: { pattern: /^\d+(?:m|\.\d+)?$/, expected: 'CPUs or milli-CPUs, such as "2", "0.5" or "250m"' },
  fileMode: { pattern: /^0?[0-7]{3}$/, expected: 'an octal mode string such as "0644"' },
  variableName: { minLength: 1, pattern: /^[^=]+$/, expected: 'a name without "="' },
  headerName: { required: true, pattern: /^[A-Za-z0-9_-]+$/, expected: 'letters, digits, "_" and "-"' },
} satisfies Record<string, StringRules>;
