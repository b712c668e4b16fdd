import {
  SecretReference,
  type PlanContainer,
  type PlanEnvVar,
  type PlanFile,
  type PlanVolume,
  type ProjectedContainer,
  type ProjectedFile,
  type VariableValue,
} from '@score-orchestrator/api';
import { toJson } from '../internal/json-equal.js';

/**
 * The plan's containers from the projected ones: variables become `env` (plain `value`, a whole secret
 * as `secretKeyRef`, text mixed with secrets as a `template`), files and volumes become lists keyed by
 * target. Secrets stay references: no value of a secret is ever read or written here. Lists are sorted by
 * their key, so equal inputs give equal plans. Pure.
 */
export function toPlanContainers(
  containers: Readonly<Record<string, ProjectedContainer>>,
): Record<string, PlanContainer> {
  const out: Record<string, PlanContainer> = {};
  for (const name of Object.keys(containers).sort()) out[name] = toPlanContainer(containers[name]);
  return toJson(out);
}

function toPlanContainer(container: ProjectedContainer): PlanContainer {
  const { variables, files, volumes, ...rest } = container;
  const plan = structuredClone(rest) as PlanContainer;
  const env = sortedEntries(variables).map(([name, value]) => toEnvVar(name, value));
  if (env.length > 0) plan.env = env;
  const planFiles = sortedEntries(files).map(([target, file]) => toPlanFile(target, file));
  if (planFiles.length > 0) plan.files = planFiles;
  const planVolumes = sortedEntries(volumes).map(([target, volume]): PlanVolume => ({ target, ...volume }));
  if (planVolumes.length > 0) plan.volumes = planVolumes;
  return plan;
}

function toEnvVar(name: string, value: VariableValue): PlanEnvVar {
  if (typeof value === 'string') return { name, value };
  if (SecretReference.is(value)) return { name, secretKeyRef: keyRef(value) };
  return {
    name,
    template: value.parts.map((part) =>
      typeof part === 'string' ? { text: part } : { secretKeyRef: keyRef(part) },
    ),
  };
}

function toPlanFile(target: string, file: ProjectedFile): PlanFile {
  const mode = file.mode === undefined ? {} : { mode: file.mode };
  if (file.binaryContent !== undefined) return { target, ...mode, binaryContent: file.binaryContent };
  if (SecretReference.is(file.content)) return { target, ...mode, secretRef: keyRef(file.content) };
  return { target, ...mode, content: file.content ?? '' };
}

function keyRef(ref: SecretReference): { name: string; key: string } {
  return { name: ref.secretName, key: ref.key };
}

function sortedEntries<T>(map: Readonly<Record<string, T>> | undefined): [string, T][] {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
