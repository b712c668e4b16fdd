import type { V1EnvVar } from '@kubernetes/client-node';
import type { PlanEnvVar, SecretKeyRef } from '@score-orchestrator/api';
import { contentHash } from './content-hash.js';

/**
 * Maps a plan container's env to Kubernetes env vars. Plain values and the text of templates are escaped
 * (`$` → `$$`), because Kubernetes expands `$(VAR)` in values and Score values are literal. A whole secret
 * becomes `valueFrom.secretKeyRef`. A template with secret parts becomes, as score-k8s does it, one hidden
 * `SCORE_SECRET_<hash>` var per distinct secret key (listed first) and the var itself as text with
 * `$(SCORE_SECRET_<hash>)` references, which Kubernetes composes at container start: the runtime never
 * reads the secret.
 */
export function mapEnvVars(env: readonly PlanEnvVar[] | undefined): V1EnvVar[] | undefined {
  if (!env || env.length === 0) return undefined;
  const hidden = new Map<string, V1EnvVar>();
  const vars: V1EnvVar[] = [];
  for (const entry of env) {
    if (entry.secretKeyRef) {
      vars.push({ name: entry.name, valueFrom: { secretKeyRef: keyRef(entry.secretKeyRef) } });
    } else if (entry.template) {
      const value = entry.template
        .map((part) => {
          if (!part.secretKeyRef) return escapeExpansion(part.text ?? '');
          const name = hiddenVarName(part.secretKeyRef);
          if (!hidden.has(name)) {
            hidden.set(name, { name, valueFrom: { secretKeyRef: keyRef(part.secretKeyRef) } });
          }
          return `$(${name})`;
        })
        .join('');
      vars.push({ name: entry.name, value });
    } else {
      vars.push({ name: entry.name, value: escapeExpansion(entry.value ?? '') });
    }
  }
  return [...hidden.values(), ...vars];
}

/** The hidden var holding one secret key for templates. */
export function hiddenVarName(ref: SecretKeyRef): string {
  return `SCORE_SECRET_${contentHash([ref.name, ref.key], 10).toUpperCase()}`;
}

/** Escapes text so Kubernetes' `$(VAR)` expansion leaves it as written. */
export function escapeExpansion(text: string): string {
  return text.replaceAll('$', '$$$$');
}

function keyRef(ref: SecretKeyRef): { name: string; key: string } {
  return { name: ref.name, key: ref.key };
}
