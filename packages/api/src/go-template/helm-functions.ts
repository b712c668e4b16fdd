// The few Helm functions templates may call that sprig lacks (score-k8s has none of them).
import { isNil, toStringValue } from './go-values.js';
import { fixed, type FunctionMap } from './template-function.js';

/** Helm's `required` (not in score-k8s): fails with `message` when `value` is nil or an empty string. */
export const helmFunctions: FunctionMap = {
  required: fixed(2, (message: unknown, value: unknown) => {
    if (isNil(value) || value === '') throw new Error(toStringValue(message));
    return value;
  }),
};
