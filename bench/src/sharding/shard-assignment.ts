// The key-to-shard and shard-to-replica mapping of docs/adr/0012-sharding-by-key-hash.md, as the failover
// measurement and the balance simulation use it. A model for the ADR's figures, not the orchestrator's
// implementation (which is not built yet).

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

/**
 * 64-bit FNV-1a of the UTF-8 bytes of `text`: the hash kube-apiserver's `shardRange()` computes (KEP-5866),
 * so a client-side filter and a server-side shard selector agree on every key.
 */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

/**
 * MurmurHash3's 64-bit finalizer. FNV-1a's last bytes barely reach the top bits, so names that differ only
 * at the end (`team-1`, `team-2`, ...) share the top bits and land in the same range; mixing spreads them.
 */
export function mix64(hash: bigint): bigint {
  let h = hash;
  h ^= h >> 33n;
  h = (h * 0xff51afd7ed558ccdn) & MASK;
  h ^= h >> 33n;
  h = (h * 0xc4ceb9fe1a85ec53n) & MASK;
  return h ^ (h >> 33n);
}

/** How a namespace becomes a 64-bit hash: as KEP-5866's `shardRange()` does, or mixed afterwards. */
export type NamespaceHash = 'fnv1a' | 'fnv1a+mix';

/** Shard `i` of `shards` covers the hash range [i * 2^64 / shards, (i + 1) * 2^64 / shards). */
export function shardOf(namespace: string, shards: number, hash: NamespaceHash = 'fnv1a+mix'): number {
  const raw = fnv1a64(namespace);
  return Number(((hash === 'fnv1a' ? raw : mix64(raw)) * BigInt(shards)) >> 64n);
}

/** The `shardRange()` selector (KEP-5866) for shard `i` of `shards`, over the namespace. */
export function shardSelector(i: number, shards: number): string {
  const bound = (n: number) => `'0x${((BigInt(n) << 64n) / BigInt(shards)).toString(16).padStart(16, '0')}'`;
  return `shardRange(object.metadata.namespace, ${bound(i)}, ${bound(i + 1)})`;
}

/**
 * Which live replica should hold each shard: every shard ranks the replicas by a hash of shard and identity
 * (rendezvous hashing) and goes to the first that holds fewer than ceil(shards / replicas) (bounded load).
 * Every replica computes the same answer from the same member list and the current holders (`previous`,
 * by shard).
 */
export function assignShards(
  shards: number,
  identities: readonly string[],
  previous: readonly (string | undefined)[] = [],
): string[] {
  const cap = Math.ceil(shards / identities.length);
  const load = new Map(identities.map((identity) => [identity, 0]));
  // Sticky: a live replica keeps what it holds (up to the cap), so a failure moves only the failed
  // replica's shards and a join moves only what the newcomer needs to reach its share.
  const kept = previous.map((owner) => {
    if (owner === undefined || !load.has(owner) || load.get(owner)! >= cap) return undefined;
    load.set(owner, load.get(owner)! + 1);
    return owner;
  });
  return Array.from({ length: shards }, (_, shard) => {
    if (kept[shard] !== undefined) return kept[shard];
    const ranked = [...identities].sort((a, b) => {
      const [ha, hb] = [fnv1a64(`${shard}/${a}`), fnv1a64(`${shard}/${b}`)];
      return ha === hb ? 0 : ha > hb ? -1 : 1;
    });
    const owner = ranked.find((identity) => load.get(identity)! < cap)!;
    load.set(owner, load.get(owner)! + 1);
    return owner;
  });
}
