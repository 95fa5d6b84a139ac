/**
 * The call log and the throttling knob shared by both fakes.
 *
 * Every command that reaches a fake is recorded (operation name, a deep copy of the input, the
 * `CallAs` it carried, whether it mutates, and whether it was throttled) before anything else, so a
 * test can assert what was sent, how often, and that nothing mutating was sent at all.
 * `throttle(n)` makes the next n calls (optionally only of some operations) fail with the service's
 * throttling error. Note: aws-sdk-client-mock replaces `Client.send`, so the SDK's own retry
 * middleware does not run: an injected throttle reaches the code under test directly.
 */
import { copyData } from './aws-errors';

export interface RecordedCall {
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** `input.CallAs` as sent (undefined when omitted), for CloudFormation calls. */
  readonly callAs: string | undefined;
  readonly mutating: boolean;
  readonly throttled: boolean;
}

interface ThrottleRule {
  remaining: number;
  readonly operations: ReadonlySet<string> | undefined;
}

export class CallRecorder {
  private readonly log: RecordedCall[] = [];
  private readonly throttles: ThrottleRule[] = [];

  constructor(private readonly mutatingOperations: ReadonlySet<string>) {}

  /** Records a call and says whether it must be throttled (consuming one throttle token). */
  record(operation: string, input: object): RecordedCall {
    const copy = copyData(input) as Record<string, unknown>;
    const rule = this.throttles.find(
      (r) => r.remaining > 0 && (r.operations === undefined || r.operations.has(operation)),
    );
    if (rule !== undefined) rule.remaining -= 1;
    const callAs = typeof copy.CallAs === 'string' ? copy.CallAs : undefined;
    const call: RecordedCall = {
      operation,
      input: copy,
      callAs,
      mutating: this.mutatingOperations.has(operation),
      throttled: rule !== undefined,
    };
    this.log.push(call);
    return call;
  }

  /** The next `count` calls (of `operations`, or of any operation) are throttled. */
  throttle(count: number, operations?: readonly string[]): void {
    this.throttles.push({ remaining: count, operations: operations === undefined ? undefined : new Set(operations) });
  }

  /** Every call so far, oldest first, optionally of one operation. */
  calls(operation?: string): readonly RecordedCall[] {
    return operation === undefined ? [...this.log] : this.log.filter((c) => c.operation === operation);
  }

  /** How many times each operation was called (throttled attempts included). */
  callCounts(): Readonly<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const call of this.log) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
    return counts;
  }

  callCount(operation: string): number {
    return this.log.filter((c) => c.operation === operation).length;
  }

  /** Calls of mutating operations (attempts, whether they succeeded or not). */
  mutatingCalls(): readonly RecordedCall[] {
    return this.log.filter((c) => c.mutating);
  }

  /** Forgets the log (not the state of the fake): handy between the phases of one test. */
  clear(): void {
    this.log.length = 0;
  }
}
