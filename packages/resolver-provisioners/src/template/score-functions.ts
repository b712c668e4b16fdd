// Functions score-k8s adds to sprig for its template provisioners, and the few Helm functions we add.
import { isNil, toStringValue } from './go-values.js';
import { fixed, type FunctionMap } from './template-function.js';

/** The markers score-k8s wraps a secret reference in: `🔐💬<secret name>_<key>💬🔐`. */
export const secretRefPrefix = '🔐💬';
export const secretRefSuffix = '💬🔐';

/** score-k8s's `encodeSecretRef secret key`: a reference to key `key` of Secret `secret`, not its value. */
export function encodeSecretRef(secret: string, key: string): string {
  return `${secretRefPrefix}${secret}_${key}${secretRefSuffix}`;
}

/** score-k8s's own template functions. */
export const scoreFunctions: FunctionMap = {
  encodeSecretRef: fixed(2, (secret: unknown, key: unknown) =>
    encodeSecretRef(toStringValue(secret), toStringValue(key)),
  ),
};

/** Helm's `required` (not in score-k8s): fails with `message` when `value` is nil or an empty string. */
export const helmFunctions: FunctionMap = {
  required: fixed(2, (message: unknown, value: unknown) => {
    if (isNil(value) || value === '') throw new Error(toStringValue(message));
    return value;
  }),
};
