/**
 * Bounded concurrency: at most `limit` tasks run at once; `submit` waits for a free slot, so the
 * producer (the sweep reading pages) never runs ahead of the work by more than `limit` groups.
 */
export interface WorkPool {
  /** Resolves once the task has started (not finished). Tasks are expected to handle their own errors. */
  submit(task: () => Promise<void>): Promise<void>;
  /** Resolves when every task submitted so far has finished; rethrows the first error a task let through. */
  drain(): Promise<void>;
  /** The most tasks that ran at once. */
  readonly peak: number;
}

export function createWorkPool(limit: number): WorkPool {
  const running = new Set<Promise<void>>();
  let peak = 0;
  let escaped: { error: unknown } | undefined;
  return {
    async submit(task) {
      while (running.size >= limit) await Promise.race(running);
      const run: Promise<void> = task()
        .catch((error: unknown) => {
          escaped ??= { error };
        })
        .finally(() => running.delete(run));
      running.add(run);
      peak = Math.max(peak, running.size);
    },
    async drain() {
      while (running.size > 0) await Promise.all(running);
      if (escaped !== undefined) throw escaped.error;
    },
    get peak() {
      return peak;
    },
  };
}
