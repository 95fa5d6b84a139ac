/**
 * The difference between the allowed rules and the live ones, by `ruleKey`:
 * toRevoke = actual − allowed, and with `exact` matching toAuthorize = allowed − actual (with
 * `ceiling` matching nothing is ever added, so toAuthorize is empty).
 */
import type { Matching } from '../../src/function-settings';
import type { IngressRule } from '../../src/ingress-rule';
import { compareStrings, ruleKey } from '../../src/ingress-rule';
import type { ActualRule } from './live-rule';

export interface RuleDiff {
  /** Allowed rules missing from the group, sorted by key. */
  readonly toAuthorize: readonly IngressRule[];
  /**
   * Live rules outside the allowed set, sorted by key, each with the ids to revoke it by. An allowed
   * rule EC2 holds under several ids (not something EC2 allows today) appears here with every id but
   * the first, so applying the diff leaves exactly one of each allowed rule.
   */
  readonly toRevoke: readonly ActualRule[];
}

export function diffRules(allowed: readonly IngressRule[], actual: ReadonlyMap<string, ActualRule>, matching: Matching): RuleDiff {
  const allowedByKey = new Map(allowed.map((rule) => [ruleKey(rule), rule] as const));
  // Sorted by the keys already computed (sortRules would rebuild two keys per comparison).
  const toAuthorize = [...(matching === 'exact' ? allowedByKey : [])]
    .filter(([key]) => !actual.has(key))
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, rule]) => rule);
  const toRevoke: ActualRule[] = [];
  for (const entry of [...actual.values()].sort((a, b) => compareStrings(a.key, b.key))) {
    if (!allowedByKey.has(entry.key)) toRevoke.push(entry);
    else if (entry.ruleIds.length > 1) toRevoke.push({ ...entry, ruleIds: entry.ruleIds.slice(1) });
  }
  return { toAuthorize, toRevoke };
}

/** True when there is nothing to change: the group holds exactly the allowed rules (exact), or none outside them (ceiling). */
export function isInSync(diff: RuleDiff): boolean {
  return diff.toAuthorize.length === 0 && diff.toRevoke.length === 0;
}

/** Every rule id the revert has to revoke, sorted. */
export function ruleIdsToRevoke(diff: RuleDiff): string[] {
  return diff.toRevoke.flatMap((entry) => entry.ruleIds).sort(compareStrings);
}
