// The function set provisioner templates get: Go's builtins, the sprig subset, score-k8s's and Helm's extras.
import { builtinFunctions, shortCircuitFunctions } from './builtin-functions.js';
import { helmFunctions, scoreFunctions } from './score-functions.js';
import { sprigCollectionFunctions } from './sprig-collections.js';
import { sprigEncodingFunctions } from './sprig-encoding.js';
import { sprigMathFunctions } from './sprig-math.js';
import { sprigStringFunctions } from './sprig-strings.js';
import type { FunctionMap } from './template-function.js';

/** Every function a provisioner template may call (later sets win, as sprig's `slice` over the builtin). */
export const provisionerFunctions: FunctionMap = {
  ...builtinFunctions,
  ...sprigStringFunctions,
  ...sprigMathFunctions,
  ...sprigCollectionFunctions,
  ...sprigEncodingFunctions,
  ...scoreFunctions,
  ...helmFunctions,
};

/** Whether `name` is a function templates may call with `functions` (including `and` / `or`). */
export function isKnownFunction(functions: FunctionMap, name: string): boolean {
  return Object.hasOwn(functions, name) || (shortCircuitFunctions as readonly string[]).includes(name);
}
