/**
 * EC2's request throttling, per account and region: a token bucket per API action, refilled every
 * second; a request finding its bucket empty fails with RequestLimitExceeded. Sizes and refill rates
 * from "Request throttling for the Amazon EC2 API" (Request token bucket sizes and refill rates):
 * https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html
 */
import { ec2Error } from './ec2-fake-shapes';

interface BucketSize {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** The buckets of the actions the fake serves, by the category the page puts each in. */
export const EC2_BUCKETS: Readonly<Record<string, BucketSize>> = {
  // Resource-intensive actions.
  AuthorizeSecurityGroupIngress: { capacity: 50, refillPerSecond: 5 },
  RevokeSecurityGroupIngress: { capacity: 50, refillPerSecond: 5 },
  // Mutating actions.
  ModifySecurityGroupRules: { capacity: 50, refillPerSecond: 5 },
  // Non-mutating actions.
  DescribeSecurityGroups: { capacity: 100, refillPerSecond: 20 },
  DescribeSecurityGroupRules: { capacity: 100, refillPerSecond: 20 },
  // Unfiltered and unpaginated non-mutating actions: DescribeSecurityGroups with neither a filter nor pagination.
  'DescribeSecurityGroups (unfiltered, unpaginated)': { capacity: 50, refillPerSecond: 10 },
};

export class Ec2Throttle {
  /** Every request refused, by bucket. */
  readonly refused = new Map<string, number>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** `now` in milliseconds: Date.now by default, the benchmark's virtual clock there. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Takes a token from `bucket`, or throws RequestLimitExceeded as EC2 does. */
  take(bucket: string): void {
    const size = EC2_BUCKETS[bucket];
    if (size === undefined) throw new TypeError(`Ec2Throttle: no bucket ${bucket}`);
    const now = this.now();
    const state = this.buckets.get(bucket) ?? { tokens: size.capacity, at: now };
    // Whole seconds: EC2 adds the refill tokens every second.
    const seconds = Math.floor((now - state.at) / 1000);
    const tokens = Math.min(size.capacity, state.tokens + seconds * size.refillPerSecond);
    const at = state.at + seconds * 1000;
    if (tokens < 1) {
      this.buckets.set(bucket, { tokens, at });
      this.refused.set(bucket, (this.refused.get(bucket) ?? 0) + 1);
      throw ec2Error('RequestLimitExceeded', 'Request limit exceeded.');
    }
    this.buckets.set(bucket, { tokens: tokens - 1, at });
  }
}
