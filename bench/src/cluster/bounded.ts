// Runs a task for each index with bounded concurrency.

/** Calls `task(i)` for i in [0, count) with at most `concurrency` in flight; rejects on the first error. */
export async function forEachBounded(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
