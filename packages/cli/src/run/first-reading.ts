import type { ConfigReading, PlatformConfigSource } from '@score-orchestrator/orchestrator';

/**
 * Starts `source` once and hands back its first reading (which plugins to load is needed before the
 * orchestrator exists) together with a source that replays that reading and then forwards every later one.
 * The underlying source is read and watched once; stopping the returned source stops it.
 */
export async function takeFirstReading(
  source: PlatformConfigSource,
): Promise<{ first: ConfigReading; source: PlatformConfigSource }> {
  let first: ConfigReading | undefined;
  let forward: ((reading: ConfigReading) => void) | undefined;
  const pending: ConfigReading[] = [];
  await source.start((reading) => {
    if (first === undefined) first = reading;
    else if (forward !== undefined) forward(reading);
    else pending.push(reading);
  });
  if (first === undefined) throw new Error(`${source.description} delivered no reading on start`);
  const initial = first;
  const replaying: PlatformConfigSource = {
    description: source.description,
    async start(onReading) {
      onReading(initial);
      for (const reading of pending.splice(0)) onReading(reading);
      forward = onReading;
    },
    stop: () => source.stop(),
  };
  return { first: initial, source: replaying };
}
