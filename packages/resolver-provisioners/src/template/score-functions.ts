// Functions score-k8s adds to sprig for its template provisioners, and the set provisioner templates get.
import { goTemplateFunctions, toStringValue, fixed, type FunctionMap } from '@score-orchestrator/api';

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

/** Every function a provisioner template may call: the api package's Go template set and score-k8s's. */
export const provisionerFunctions: FunctionMap = { ...goTemplateFunctions, ...scoreFunctions };
