import { Environment } from '@marcbachmann/cel-js';

// cel-js implements the CEL standard library and macros (has, all, exists, exists_one, map, filter) and
// most string extensions. These are the Kubernetes additions CRD rules commonly use
// (k8s.io/apiserver/pkg/cel/library), with the same names and semantics.

type Comparable = bigint | number | string | boolean;

function compare(a: Comparable, b: Comparable): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function indexOfValue(list: unknown[], value: unknown): bigint {
  return BigInt(list.findIndex((item) => celEquals(item, value)));
}

function lastIndexOfValue(list: unknown[], value: unknown): bigint {
  for (let i = list.length - 1; i >= 0; i--) if (celEquals(list[i], value)) return BigInt(i);
  return -1n;
}

function celEquals(a: unknown, b: unknown): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') return Number(a) === Number(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function extreme(list: Comparable[], sign: 1 | -1): Comparable {
  if (list.length === 0) throw new Error('min/max of an empty list');
  return list.reduce((best, item) => (compare(item, best) * sign > 0 ? item : best));
}

function goRegExp(pattern: string, flags = ''): RegExp {
  return new RegExp(pattern, flags);
}

/**
 * A cel-js environment with the Kubernetes CEL libraries CRD validation rules use most: lists
 * (`isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf`), regex (`find`, `findAll`), strings
 * (`charAt`, `replace`, plus cel-js's own `lowerAscii`, `upperAscii`, `split`, `join`, `trim`, `substring`,
 * `indexOf`, `lastIndexOf`) and `isURL`. Variables are undeclared (`dyn`), as for rules on schemaless nodes.
 */
export function createKubernetesCelEnvironment(): Environment {
  return new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false })
    .registerFunction('list.isSorted(): bool', (list: Comparable[]) =>
      list.every((item, i) => i === 0 || compare(list[i - 1]!, item) <= 0),
    )
    .registerFunction('list.sum(): dyn', (list: (bigint | number)[]) =>
      list.length === 0
        ? 0n
        : list.reduce((sum, item) =>
            typeof sum === 'bigint' && typeof item === 'bigint' ? sum + item : Number(sum) + Number(item),
          ),
    )
    .registerFunction('list.min(): dyn', (list: Comparable[]) => extreme(list, -1))
    .registerFunction('list.max(): dyn', (list: Comparable[]) => extreme(list, 1))
    .registerFunction('list.indexOf(dyn): int', indexOfValue)
    .registerFunction('list.lastIndexOf(dyn): int', lastIndexOfValue)
    .registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
      const chars = [...s];
      if (i < 0n || i > BigInt(chars.length)) throw new Error(`index out of range: ${i}`);
      return chars[Number(i)] ?? '';
    })
    .registerFunction('string.replace(string, string): string', (s: string, from: string, to: string) =>
      s.split(from).join(to),
    )
    .registerFunction(
      'string.replace(string, string, int): string',
      (s: string, from: string, to: string, n: bigint) => {
        if (n < 0n) return s.split(from).join(to);
        const parts = s.split(from);
        const count = Math.min(Number(n), parts.length - 1);
        return (
          parts.slice(0, count + 1).join(to) +
          (count < parts.length - 1 ? from + parts.slice(count + 1).join(from) : '')
        );
      },
    )
    .registerFunction(
      'string.find(string): string',
      (s: string, re: string) => goRegExp(re).exec(s)?.[0] ?? '',
    )
    .registerFunction('string.findAll(string): list<string>', (s: string, re: string) =>
      [...s.matchAll(goRegExp(re, 'g'))].map((m) => m[0]),
    )
    .registerFunction('string.findAll(string, int): list<string>', (s: string, re: string, n: bigint) => {
      const all = [...s.matchAll(goRegExp(re, 'g'))].map((m) => m[0]);
      return n < 0n ? all : all.slice(0, Number(n));
    })
    .registerFunction('isURL(string): bool', (s: string) => {
      try {
        // Kubernetes accepts absolute URIs and absolute paths (Go's url.ParseRequestURI).
        return s.startsWith('/') || Boolean(new URL(s).protocol);
      } catch {
        return false;
      }
    });
}
