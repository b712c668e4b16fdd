import { describe, expect, it } from '@jest/globals';
import { BuiltinKinds } from '../../api/builtin-kinds.js';
import type { DisconnectedInformer, SharedCache } from '../../cache/shared-cache.js';
import { publicReasonOf } from '../../health/not-ready.error.js';
import { informersCheck } from './informers-check.js';

/** The time of every check: fixtures built when the table is made, checked later, on a slow machine too. */
const now = Date.now();

/** A cache whose informers have been disconnected for the given seconds at `now` (with their kinds). */
function cacheWith(synced: boolean, downFor: [kind: string, seconds: number, namespace?: string][]) {
  const down: DisconnectedInformer[] = downFor.map(([kind, seconds, namespace]) => ({
    kind: { ...BuiltinKinds.ConfigMap, kind },
    namespace,
    since: new Date(now - seconds * 1000),
  }));
  return {
    synced,
    disconnected: (forMs: number, at: number) => down.filter((d) => at - d.since.getTime() >= forMs),
  } as unknown as SharedCache;
}

function reasonOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    return publicReasonOf(err) ?? `not public: ${String(err)}`;
  }
}

describe('informersCheck', () => {
  it.each<[string, SharedCache, number | false, string | undefined]>([
    ['fails until synced', cacheWith(false, []), 60_000, 'informer caches have not synced'],
    ['passes when synced and connected', cacheWith(true, []), 60_000, undefined],
    [
      'passes while a disconnection is shorter than the threshold',
      cacheWith(true, [['A', 10]]),
      60_000,
      undefined,
    ],
    [
      'fails past the threshold, naming kinds and namespaces, with the longest duration',
      cacheWith(true, [
        ['A', 70],
        ['B', 90, 'team-a'],
      ]),
      60_000,
      'watches disconnected for 90s: A, B in team-a',
    ],
    [
      'never fails for disconnections with threshold false',
      cacheWith(true, [['A', 9_999]]),
      false,
      undefined,
    ],
    [
      'names five kinds at most',
      cacheWith(
        true,
        ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((k, i) => [k, 100 - i] as [string, number]),
      ),
      1_000,
      'watches disconnected for 100s: A, B, C, D, E (+2 more)',
    ],
  ])('%s', (_, cache, threshold, reason) => {
    expect(reasonOf(informersCheck(cache, threshold, () => now))).toBe(reason);
  });

  it('counts the seconds up to the time of the check', () => {
    const check = informersCheck(cacheWith(true, [['A', 70]]), 60_000, () => now + 5_000);
    expect(reasonOf(check)).toBe('watches disconnected for 75s: A');
  });
});
