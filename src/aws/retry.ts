/** Throttling retry and bounded concurrency for the adapters. */

const THROTTLING_NAMES = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'RequestLimitExceeded', 'SlowDown']);

export function isThrottling(error: unknown): boolean {
  return error instanceof Error && THROTTLING_NAMES.has(error.name);
}

export interface RetryOptions {
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries a throttled call with exponential backoff and jitter. The SDK retries too; this outer loop
 * waits longer, for when a big tree walk keeps the account throttled past the SDK's attempts.
 */
export async function retryThrottled<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  const base = options.baseDelayMs ?? 200;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt >= attempts) throw error;
      await sleep(Math.min(20_000, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2));
    }
  }
}

/** Runs `worker` over a queue that may grow while it runs, at most `limit` at a time. */
export async function drainQueue<T>(initial: readonly T[], limit: number, worker: (item: T, enqueue: (item: T) => void) => Promise<void>): Promise<void> {
  const queue = [...initial];
  let running = 0;
  let failed = false;
  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      if (failed) return;
      if (queue.length === 0 && running === 0) {
        resolve();
        return;
      }
      while (running < limit && queue.length > 0) {
        const item = queue.shift() as T;
        running += 1;
        worker(item, (next) => queue.push(next)).then(
          () => {
            running -= 1;
            pump();
          },
          (error: unknown) => {
            failed = true;
            // Rethrow the worker's own error unchanged (it is already a GuardrailError or an SDK error).
            // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
            reject(error);
          },
        );
      }
    };
    pump();
  });
}

/** Maps with at most `limit` calls in flight; keeps the order of `items`. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  await drainQueue(
    items.map((item, index) => ({ item, index })),
    limit,
    async ({ item, index }) => {
      results[index] = await fn(item);
    },
  );
  return results;
}
