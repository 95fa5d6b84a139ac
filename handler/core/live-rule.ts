/**
 * Live ingress rules as plain data, and their normalization to the atomic `IngressRule` the allowed
 * set is made of. The adapter turns EC2's shapes (DescribeSecurityGroupRules entries, or the
 * IpPermissions of DescribeSecurityGroups) into `LiveRule`s, so nothing here knows the SDK.
 */
import { parseCidr } from '../../src/cidr';
import { AwsCallError } from '../../src/errors';
import type { IngressRule, RuleSource } from '../../src/ingress-rule';
import { normalizePorts, normalizeProtocol, ruleKey } from '../../src/ingress-rule';

/** One live ingress rule: exactly one source, as EC2 stores it. */
export interface LiveRule {
  /** `sgr-…`; absent when the rule was read from DescribeSecurityGroups' IpPermissions. */
  readonly ruleId?: string;
  /** EC2's IpProtocol: a name (`tcp`) or a number (`6`, `-1`). */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly prefixListId?: string;
  readonly referencedGroup?: { readonly groupId: string; readonly userId?: string };
  /** Kept for logs only: descriptions never take part in matching. */
  readonly description?: string;
}

/** Live rules grouped by `ruleKey`: the rule, and the ids of every live rule with that key. */
export interface ActualRule {
  readonly key: string;
  readonly rule: IngressRule;
  /** Sorted; empty when the rules were read without ids (from IpPermissions). */
  readonly ruleIds: readonly string[];
}

export function normalizeLiveRule(live: LiveRule): IngressRule {
  const protocol = normalizeProtocol(live.protocol);
  return { protocol, ...normalizePorts(protocol, live.fromPort, live.toPort), source: liveSource(live) };
}

/**
 * Normalizes and groups live rules by key. EC2 itself refuses two rules with one key (it answers
 * InvalidPermission.Duplicate), but the grouping keeps every id anyway, so nothing is ever lost.
 * A rule id seen twice (paging that repeats an entry) is one rule: counted twice, an allowed rule
 * would look held twice and its "duplicate" id would be revoked, which is the rule itself.
 */
export function groupLiveRules(live: readonly LiveRule[]): Map<string, ActualRule> {
  const byKey = new Map<string, { rule: IngressRule; ruleIds: string[] }>();
  const seen = new Set<string>();
  for (const entry of live) {
    if (entry.ruleId !== undefined) {
      if (seen.has(entry.ruleId)) continue;
      seen.add(entry.ruleId);
    }
    const rule = normalizeLiveRule(entry);
    const key = ruleKey(rule);
    const group = byKey.get(key) ?? { rule, ruleIds: [] };
    if (entry.ruleId !== undefined) group.ruleIds.push(entry.ruleId);
    byKey.set(key, group);
  }
  const result = new Map<string, ActualRule>();
  for (const key of [...byKey.keys()].sort()) {
    const group = byKey.get(key);
    if (group !== undefined) result.set(key, { key, rule: group.rule, ruleIds: [...group.ruleIds].sort() });
  }
  return result;
}

function liveSource(live: LiveRule): RuleSource {
  if (live.cidrIpv4 !== undefined) return { kind: 'ipv4', cidr: canonicalCidr(live.cidrIpv4) };
  if (live.cidrIpv6 !== undefined) return { kind: 'ipv6', cidr: canonicalCidr(live.cidrIpv6) };
  if (live.prefixListId !== undefined) return { kind: 'prefix-list', prefixListId: live.prefixListId };
  const group = live.referencedGroup;
  if (group !== undefined) {
    return group.userId === undefined
      ? { kind: 'security-group', groupId: group.groupId }
      : { kind: 'security-group', groupId: group.groupId, userId: group.userId };
  }
  throw new AwsCallError('EC2 returned a rule with no source (no CIDR, prefix list or referenced group).', {
    where: live.ruleId ?? 'IpPermissions',
    fix: 'this is not a shape EC2 returns; report it with the rule as logged.',
  });
}

/** EC2 already returns canonical CIDRs; canonicalizing again keeps the comparison exact regardless. */
function canonicalCidr(text: string): string {
  return parseCidr(text)?.canonical ?? text;
}
