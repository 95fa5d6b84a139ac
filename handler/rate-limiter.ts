/**
 * A client-side token bucket, so the function's own writes stay inside EC2's request rate instead of
 * finding the limit by being throttled (and throttling everyone else in the account with it).
 *
 * EC2 throttles per account and region with a token bucket per API action. AuthorizeSecurityGroupIngress
 * and RevokeSecurityGroupIngress are "resource-intensive actions": a bucket of 50 tokens that refills
 * at 5 per second, each ("Request throttling for the Amazon EC2 API", Request token bucket sizes and
 * refill rates: https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html). Those
 * buckets are shared with every other caller in the account (consoles, pipelines, other tools).
 */

/** Time as the limiter (and the sweep's deadline) sees it; tests and the benchmark pass a virtual one. */
export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface TokenBucketOptions {
  /** Tokens held at most (and at start): the burst. */
  readonly capacity: number;
  readonly refillPerSecond: number;
  readonly clock: Clock;
}

/**
 * The guardrail's share of each write action's bucket: half the refill rate (2.5 calls per second),
 * so the account keeps the other half, and a burst of 10 of EC2's 50 tokens, so a sweep never
 * empties the bucket a deployment running meanwhile needs. A drifted group costs one call of each
 * action at most, so a sweep reverts about 2.5 groups per second (about 400 s for 1,000 groups,
 * within the function's 900 s; `npm run bench` measures it).
 */
export const WRITE_RATE = { capacity: 10, refillPerSecond: 2.5 } as const;

export interface TokenBucket {
  /** Resolves when a token is taken; callers are served in order. */
  take(): Promise<void>;
}

export function createTokenBucket({ capacity, refillPerSecond, clock }: TokenBucketOptions): TokenBucket {
  let tokens = capacity;
  let last = clock.now();
  let queue: Promise<void> = Promise.resolve();
  const refill = (): void => {
    const now = clock.now();
    tokens = Math.min(capacity, tokens + ((now - last) / 1000) * refillPerSecond);
    last = now;
  };
  return {
    take() {
      const turn = queue.then(async () => {
        refill();
        if (tokens < 1) {
          await clock.sleep(Math.ceil(((1 - tokens) / refillPerSecond) * 1000));
          refill();
        }
        tokens -= 1;
      });
      queue = turn;
      return turn;
    },
  };
}
