/**
 * Which stack sets belong to which rollout, said explicitly rather than guessed from names: every stack
 * set sg-guardrail creates carries an ownership mark at the start of its Description. A name is only a
 * convention (prefix `sg` with profile `baseline` and prefix `sg-rule` would both name `sg-rule-baseline`);
 * the mark is the rule. ListStackSets returns each Description, so telling ours from others costs no
 * DescribeStackSet call. apply never modifies or deletes a stack set that is not marked as its prefix's,
 * except one it is told to adopt (`--adopt`).
 */
import type { StackSetKind } from './plan-types';

export interface OwnershipMark {
  readonly prefix: string;
  readonly kind: StackSetKind;
  /** The profile of a rule stack set. */
  readonly profile: string | undefined;
}

/** The Description sg-guardrail 0.1 gave every stack set, unmarked: such a stack set can only be adopted. */
export const LEGACY_DESCRIPTION = 'sg-guardrail: keeps EC2 security group ingress inside the allowed set (managed by sg-guardrail apply).';

const MARK = /^\[sg-guardrail prefix=([a-zA-Z][-a-zA-Z0-9]*) kind=(baseline|rule)(?: profile=([a-z0-9][a-z0-9-]*))?\]/;

/** The Description that marks a stack set as the prefix's (at most 1,024 characters, as AWS allows). */
export function ownershipDescription(mark: OwnershipMark): string {
  const profile = mark.kind === 'rule' && mark.profile !== undefined ? ` profile=${mark.profile}` : '';
  const what = mark.kind === 'baseline' ? 'the AWS Config recorder, delivery bucket and roles' : `the Config rule for profile ${mark.profile ?? ''}`;
  return `[sg-guardrail prefix=${mark.prefix} kind=${mark.kind}${profile}] sg-guardrail: ${what}. Managed by sg-guardrail apply, which reads this mark to know its own stack sets: do not edit it.`;
}

/** The mark in a Description, or undefined for a stack set sg-guardrail did not mark. */
export function readOwnershipMark(description: string | undefined): OwnershipMark | undefined {
  const match = MARK.exec(description ?? '');
  if (match === null) return undefined;
  const [, prefix, kind, profile] = match;
  if (prefix === undefined || (kind !== 'baseline' && kind !== 'rule')) return undefined;
  return { prefix, kind, profile: kind === 'rule' ? profile : undefined };
}

export function isOwnedBy(description: string | undefined, prefix: string): boolean {
  return readOwnershipMark(description)?.prefix === prefix;
}

/**
 * Plain stacks (the aggregator stack) carry the mark as a stack tag instead: DescribeStacks returns
 * the tags, and UpdateStack can add one to a stack made before (--adopt).
 */
export const OWNER_TAG_KEY = 'sg-guardrail:prefix';

export function ownerTags(prefix: string): Record<string, string> {
  return { [OWNER_TAG_KEY]: prefix };
}

/** The prefix a stack's tags mark it as, or undefined for an untagged stack. */
export function stackOwner(tags: Readonly<Record<string, string>>): string | undefined {
  return tags[OWNER_TAG_KEY];
}
