/**
 * What a revoke really did. ModifySecurityGroupRules changes a rule in place and keeps its `sgr-`
 * id, so an id read a moment ago may name another rule by the time it is revoked; EC2's answer
 * (`Return`, `RevokedSecurityGroupRules`) says what went (aws-facts H):
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySecurityGroupRules.html
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html
 */
import type { IngressRule } from '../../src/ingress-rule';
import { ruleKey } from '../../src/ingress-rule';
import type { ActualRule, LiveRule } from './live-rule';
import { normalizeLiveRule } from './live-rule';

/** RevokeSecurityGroupIngress by rule ids: what was asked for and what EC2 answered. */
export interface RevokeReport {
  readonly requestedIds: readonly string[];
  /**
   * The response's `Return`; false too when EC2 refused the whole call because one id no longer
   * existed (InvalidSecurityGroupRuleId.NotFound: then nothing was revoked).
   */
  readonly returned: boolean;
  /** `RevokedSecurityGroupRules`, as live rules with their ids and properties at the revoke. */
  readonly rules: readonly LiveRule[];
}

export interface RevokeCheck {
  /** The rules EC2 says it revoked, as they were when revoked. */
  readonly revoked: readonly IngressRule[];
  /** Allowed rules among them: their id named an extra rule at the read. They must be added back. */
  readonly cutAllowed: readonly IngressRule[];
  /**
   * Requested ids a successful answer did not name (an answer without details): gone at the next
   * read means revoked. After a refused call (Return false) nothing was revoked, and none is listed.
   */
  readonly unreportedIds: readonly string[];
  /** Return was true, every requested id was revoked, and none of them was an allowed rule. */
  readonly confirmed: boolean;
}

/**
 * `planned`: the entries the revoke was for. A revoked rule that is still the planned one is named as
 * planned (EC2's answer names a referenced group without its account; the read named both).
 */
export function checkRevoke(report: RevokeReport | undefined, allowed: readonly IngressRule[], planned: readonly ActualRule[] = []): RevokeCheck {
  if (report === undefined) return { revoked: [], cutAllowed: [], unreportedIds: [], confirmed: true };
  const allowedKeys = new Set(allowed.map(ruleKey));
  const plannedById = new Map(planned.flatMap((entry) => entry.ruleIds.map((id) => [id, entry] as const)));
  const seen = new Set<string>();
  const revoked: IngressRule[] = [];
  for (const live of report.rules) {
    if (live.ruleId !== undefined && seen.has(live.ruleId)) continue;
    if (live.ruleId !== undefined) seen.add(live.ruleId);
    const rule = normalizeLiveRule(live);
    const plan = plannedById.get(live.ruleId ?? '');
    revoked.push(plan !== undefined && plan.key === ruleKey(rule) ? plan.rule : rule);
  }
  const cutAllowed = revoked.filter((rule) => allowedKeys.has(ruleKey(rule)));
  const unreportedIds = report.returned ? report.requestedIds.filter((id) => !seen.has(id)) : [];
  return { revoked, cutAllowed, unreportedIds, confirmed: report.returned && unreportedIds.length === 0 && cutAllowed.length === 0 };
}
