// The function set every Go template here gets: Go's builtins, the sprig subset and Helm's extras.
import { builtinFunctions, shortCircuitFunctions } from './builtin-functions.js';
import { helmFunctions } from './helm-functions.js';
import { sprigCollectionFunctions } from './sprig-collections.js';
import { sprigEncodingFunctions } from './sprig-encoding.js';
import { sprigMathFunctions } from './sprig-math.js';
import { sprigStringFunctions } from './sprig-strings.js';
import type { FunctionMap } from './template-function.js';

/**
 * Go's builtins, the sprig subset and Helm's `toYaml`/`required` (later sets win, as sprig's `slice` over
 * the builtin). Callers add their own (score-k8s's `encodeSecretRef` for provisioner files).
 */
export const goTemplateFunctions: FunctionMap = {
  ...builtinFunctions,
  ...sprigStringFunctions,
  ...sprigMathFunctions,
  ...sprigCollectionFunctions,
  ...sprigEncodingFunctions,
  ...helmFunctions,
};

/** Whether `name` is a function templates may call with `functions` (including `and` / `or`). */
export function isKnownFunction(functions: FunctionMap, name: string): boolean {
  return Object.hasOwn(functions, name) || (shortCircuitFunctions as readonly string[]).includes(name);
}
