/**
 * What the deploy logic needs from plain CloudFormation stacks (the aggregator stack, in the account
 * and region the rollout runs from), in plain data. src/aws/stacks.ts implements it over the SDK;
 * CallAs does not apply to stacks.
 */
import type { ParameterValue } from './plan/plan-types';

/**
 * A stack as DescribeStacks gives it. `status` is the StackStatus wire value (CREATE_COMPLETE,
 * ROLLBACK_COMPLETE, UPDATE_IN_PROGRESS, DELETE_COMPLETE, …).
 */
export interface StackState {
  readonly stackId: string;
  readonly name: string;
  readonly status: string;
  readonly statusReason: string | undefined;
  readonly parameters: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

export interface StackDefinition {
  readonly name: string;
  readonly templateBody: string;
  readonly parameters: readonly ParameterValue[];
  /** Every tag the stack should carry (UpdateStack replaces the whole set). */
  readonly tags: Readonly<Record<string, string>>;
}

/** One StackEvent: a resource's (or the stack's own) status change. */
export interface StackEvent {
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason: string | undefined;
  readonly clientRequestToken: string | undefined;
}

/** `no-changes`: CloudFormation answered "No updates are to be performed." (nothing started). */
export type UpdateOutcome = 'updating' | 'no-changes';

export interface StacksPort {
  /**
   * DescribeStacks: the stack, or undefined when there is none. By name only live stacks are found;
   * by stack id a deleted one answers DELETE_COMPLETE.
   */
  describeStack(nameOrId: string): Promise<StackState | undefined>;
  /** GetTemplate (the template as submitted). */
  readTemplate(stackId: string): Promise<string>;
  /** CreateStack with CAPABILITY_IAM; returns the new stack id. */
  createStack(definition: StackDefinition, clientRequestToken: string): Promise<string>;
  updateStack(definition: StackDefinition, clientRequestToken: string): Promise<UpdateOutcome>;
  /** DeleteStack (by id: exactly the stack that was read). */
  deleteStack(stackId: string, clientRequestToken: string): Promise<void>;
  /**
   * DescribeStackEvents of the operation started with `clientRequestToken` (every event of a stack
   * operation carries its token), newest first.
   */
  operationEvents(stackId: string, clientRequestToken: string): Promise<StackEvent[]>;
}

/** A status that changes by itself: CloudFormation is working on the stack. */
export function isStackInProgress(status: string): boolean {
  // REVIEW_IN_PROGRESS is a stack made by a change set that nobody executed: it never moves on.
  return status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
}
