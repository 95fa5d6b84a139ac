/** LiveRules for tests, written in the allowedIngress grammar: the shape the adapter hands the core. */
import type { IngressRule } from '../../../src/ingress-rule';
import { NONE, parseAllowedIngress } from '../../../src/rule-parameters';
import type { LiveRule } from '../../../handler/core/live-rule';

export const ANY_CIDR = ['0.0.0.0/0', '::/0'] as const;

/** The live rule EC2 would return for `rule` (DescribeSecurityGroupRules shape), under `ruleId`. */
export function toLive(rule: IngressRule, ruleId: string): LiveRule {
  const base = { ruleId, protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort };
  const s = rule.source;
  switch (s.kind) {
    case 'ipv4':
      return { ...base, cidrIpv4: s.cidr };
    case 'ipv6':
      return { ...base, cidrIpv6: s.cidr };
    case 'prefix-list':
      return { ...base, prefixListId: s.prefixListId };
    case 'security-group':
      return { ...base, referencedGroup: s.userId === undefined ? { groupId: s.groupId } : { groupId: s.groupId, userId: s.userId } };
  }
}

/** Rules from grammar text; '' is the empty set here (the grammar itself spells it `none`). */
export function rulesOf(text: string, cidrs: readonly string[] = ANY_CIDR): IngressRule[] {
  return parseAllowedIngress(text === '' ? NONE : text, cidrs);
}

/** Live rules from grammar text, ids `${prefix}0`, `${prefix}1`, … in the parser's (sorted) order. */
export function liveRules(text: string, cidrs: readonly string[] = ANY_CIDR, prefix = 'sgr-'): LiveRule[] {
  return rulesOf(text, cidrs).map((rule, index) => toLive(rule, `${prefix}${index}`));
}
