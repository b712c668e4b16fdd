import { childField } from '../errors/field-path.js';
import type { ScoreContainer, ScoreContainerVolume } from '../score-file/score-workload.js';
import type { PlaceholderResolver } from './placeholder-resolver.js';
import { substituteFileIn, type ProjectedFile } from './substitute-file.js';
import { substituteVariable, type VariableValue } from './substitute-variables.js';
import { substituteVolumeSourceIn } from './substitute-volume.js';
import type { Substitution } from './substitution-result.js';
import { SubstitutionRun } from './substitution-run.js';

/** A container with its placeholders substituted; the fields Score does not expand are copied as they are. */
export interface ProjectedContainer extends Omit<ScoreContainer, 'variables' | 'files' | 'volumes'> {
  readonly variables?: Readonly<Record<string, VariableValue>>;
  readonly files?: Readonly<Record<string, ProjectedFile>>;
  readonly volumes?: Readonly<Record<string, ScoreContainerVolume>>;
}

/**
 * Substitutes every placeholder of a workload's containers, in the fields where Score expands them:
 * `variables` (see `substituteVariables`), file `content` (see `substituteFile`) and volume `source`
 * (`${resources.NAME}` stands for the resource's `source` output, see `substituteVolumeSourceIn`).
 * `image`, `command`, `args` and probes are not expanded, as in score-k8s.
 *
 * One call reports every problem of every container: all errors in one `ScoreApiError`, or all
 * unresolved placeholders in the unresolved result.
 *
 * @throws ScoreApiError kind `Placeholder`, fields named from `containers.<name>`.
 */
export function substituteContainers(
  containers: Readonly<Record<string, ScoreContainer>>,
  resolver: PlaceholderResolver,
): Substitution<Record<string, ProjectedContainer>> {
  const run = new SubstitutionRun(resolver);
  const out: Record<string, ProjectedContainer> = {};
  let complete = true;
  for (const [name, container] of Object.entries(containers)) {
    const projected = substituteContainer(run, container, childField('containers', name));
    if (projected === undefined) complete = false;
    else out[name] = projected;
  }
  return run.finish(complete ? out : undefined);
}

function substituteContainer(
  run: SubstitutionRun,
  container: ScoreContainer,
  field: string,
): ProjectedContainer | undefined {
  const { variables, files, volumes, ...rest } = container;
  let complete = true;
  const each = <In, Out>(
    map: Readonly<Record<string, In>> | undefined,
    mapField: string,
    project: (value: In, field: string) => Out | undefined,
  ): Record<string, Out> | undefined => {
    if (map === undefined) return undefined;
    const out: Record<string, Out> = {};
    for (const [key, value] of Object.entries(map)) {
      const projected = project(value, childField(mapField, key));
      if (projected === undefined) complete = false;
      else out[key] = projected;
    }
    return out;
  };
  const projected: ProjectedContainer = {
    ...rest,
    ...optional(
      'variables',
      each(variables, `${field}.variables`, (v, f) => substituteVariable(run, v, f)),
    ),
    ...optional(
      'files',
      each(files, `${field}.files`, (f, at) => substituteFileIn(run, f, at)),
    ),
    ...optional(
      'volumes',
      each(volumes, `${field}.volumes`, (volume, at) => {
        const source = substituteVolumeSourceIn(run, volume.source, `${at}.source`);
        return source === undefined ? undefined : { ...volume, source };
      }),
    ),
  };
  return complete ? projected : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
