import type { SubstitutionRun } from './substitution-run.js';

/** The output of a `volume`-like resource that says what to mount: a Kubernetes volume source. */
export const VOLUME_SOURCE_OUTPUT = 'source';

/**
 * Substitutes a container volume's `source` (`field` is its path, e.g. `containers.web.volumes["/data"]`),
 * with score-k8s's meaning (`convertContainerVolume`):
 *
 * - `${resources.NAME}` names the resource to mount, and stands for its `source` output: what the
 *   resolver made, as a Kubernetes volume source (`{"persistentVolumeClaim":{"claimName":"vol-web-data"}}`,
 *   JSON-encoded), or a string (a PersistentVolumeClaim name). It must be the whole source. While the claim
 *   is not ready it is pending; a resource without a `source` output leaves it unresolved (`absent`).
 * - Any other placeholder (`${resources.data.source}`, `${metadata.name}`) is expanded as text, like
 *   score-go's `SubstituteString`; text without placeholders is kept (the runtime reads it as a claim name).
 * - A secret output cannot be a volume source.
 *
 * @returns the source, or `undefined` when something failed or is unresolved (recorded on `run`).
 */
export function substituteVolumeSourceIn(
  run: SubstitutionRun,
  source: string,
  field: string,
): string | undefined {
  const segments = run.resolve(source, field, (path) =>
    namesResource(path) ? [...path, VOLUME_SOURCE_OUTPUT] : path,
  );
  if (segments === undefined) return undefined;
  const nonEmpty = segments.filter((segment) => segment.kind === 'value' || segment.text !== '');
  const resource = nonEmpty.find((s) => s.kind === 'value' && namesResource(s.part.path));
  if (resource?.kind === 'value' && nonEmpty.length > 1) {
    run.fail(
      field,
      `\${${resource.part.ref}} names the volume's resource and must be the whole source (it stands for the resource's ${VOLUME_SOURCE_OUTPUT} output)`,
    );
    return undefined;
  }
  return run.render(segments, field, 'as a volume source');
}

/** `${resources.NAME}`: a resource itself, not one of its outputs. */
function namesResource(path: readonly string[]): boolean {
  return path.length === 2 && path[0] === 'resources';
}
