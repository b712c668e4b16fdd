// A Node setting as the benches take it: node flags and `NAME=value` environment variables in one
// space-separated string ("--max-semi-space-size=1 MALLOC_ARENA_MAX=2"), since some settings that change
// memory are the C library's or libuv's (environment), others V8's (flags).

/** Flags for the node command line, and variables to add to the process's environment. */
export interface NodeSetting {
  readonly flags: string[];
  readonly env: Record<string, string>;
}

/** Splits `value` into node flags and `NAME=value` environment variables (upper-case names). */
export function parseNodeSetting(value: string): NodeSetting {
  const words = value.split(' ').filter(Boolean);
  const isEnv = (word: string) => /^[A-Z_][A-Z0-9_]*=/.test(word);
  return {
    flags: words.filter((word) => !isEnv(word)),
    env: Object.fromEntries(
      words
        .filter(isEnv)
        .map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]),
    ),
  };
}
