/**
 * Which groups the guardrail may evaluate at all: this account's own groups (a participant in a
 * shared VPC also sees groups another account owns, aws-facts H) inside the rule's tag scope.
 * The sweep asks EC2 for exactly those (filters owner-id and tag:KEY / tag-key); these checks
 * hold the same line for every group the function is about to act on.
 */
import type { TagScope } from '../../src/function-settings';

/** True when the tags put the group inside the scope (no scope: every group). Exact, case-sensitive. */
export function isInScope(tags: ReadonlyMap<string, string>, scope: TagScope | undefined): boolean {
  if (scope === undefined) return true;
  const value = tags.get(scope.key);
  return value !== undefined && (scope.value === undefined || value === scope.value);
}

/** `tag team=web` or `tag team`, for annotations and logs. */
export function describeScope(scope: TagScope): string {
  return scope.value === undefined ? `tag ${scope.key}` : `tag ${scope.key}=${scope.value}`;
}
