/**
 * What the entry (evaluate-event.ts) needs from AWS: the adapter's interface and the plain data it
 * speaks. handler/aws-adapter.ts implements it with the SDK; tests can hand in any implementation.
 */
import type { TagScope } from '../src/function-settings';
import type { RevertOutcome } from './core/decide';
import type { RuleDiff } from './core/diff';
import type { LiveRule } from './core/live-rule';
import type { Compliance } from './core/decide';

/** PutEvaluations takes at most 100 evaluations per call. */
export const EVALUATIONS_PER_CALL = 100;

/** A group as one read shows it: owner, tags and ingress rules (without rule ids). */
export interface GroupSnapshot {
  readonly groupId: string;
  /** The owning account; another account's in a shared VPC. Empty when EC2 did not say. */
  readonly ownerId: string;
  readonly tags: ReadonlyMap<string, string>;
  readonly rules: readonly LiveRule[];
}

/** One DescribeSecurityGroups page of a sweep. */
export interface GroupPage {
  readonly groups: readonly GroupSnapshot[];
  /** More pages follow (EC2 returned a NextToken). */
  readonly more: boolean;
}

/** Which groups a sweep reads: this account's own, inside the rule's tag scope. */
export interface SweepFilter {
  readonly ownerId: string;
  readonly scope?: TagScope;
}

export interface EvaluationRecord {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly compliance: Compliance;
  readonly annotation?: string;
  readonly orderingTimestamp: Date;
}

/** The rules read with their ids, or why they could not be read (a permanent error such as access denied). */
export type RuleRead = { readonly status: 'read'; readonly rules: readonly LiveRule[] } | { readonly status: 'failed'; readonly reason: string };

export interface AwsAdapter {
  /** DescribeSecurityGroups for one group; undefined when the group does not exist. */
  describeGroup(groupId: string): Promise<GroupSnapshot | undefined>;
  /** The groups the filter selects, one DescribeSecurityGroups page at a time (EC2 filters them). */
  listGroupPages(filter: SweepFilter): AsyncIterable<GroupPage>;
  /** The group's ingress rules with their ids (DescribeSecurityGroupRules, paginated); throws only on transient errors. */
  readRules(groupId: string): Promise<RuleRead>;
  /** Authorizes the missing rules, then revokes the extra ones by id (see the adapter's revert); throws only on transient errors. */
  revert(groupId: string, diff: RuleDiff): Promise<RevertOutcome>;
  /** PutEvaluations in calls of at most 100; TestMode when the token is TESTMODE. */
  putEvaluations(evaluations: readonly EvaluationRecord[], token: { readonly resultToken: string; readonly testMode: boolean }): Promise<void>;
}
