/**
 * One drifted group in enforce mode: revert, then verify what EC2 says it did, and converge again
 * when the group changed under the revert, at most MAX_ROUNDS times.
 *
 * A rule id can change meaning between the read and the revoke (ModifySecurityGroupRules keeps the
 * id, core/verify.ts). So after each revoke: an allowed rule among the revoked ones is added back at
 * once (allowed traffic is never left cut), and unless EC2 confirmed exactly the ids asked for, the
 * group is read again and the next round works from that read. The verdict is COMPLIANT only for a
 * state EC2 confirmed or a read showed; otherwise NON_COMPLIANT with what is left.
 */
import type { FunctionSettings } from '../src/function-settings';
import type { IngressRule } from '../src/ingress-rule';
import type { RuleParameters } from '../src/rule-parameters';
import type { AwsAdapter, GroupSnapshot } from './aws-port';
import type { GroupFacts, Progress, Verdict } from './core/decide';
import { driftLeft, notApplicable, planGroup, revertedVerdict, unrevertedVerdict } from './core/decide';
import type { RuleDiff } from './core/diff';
import type { ActualRule } from './core/live-rule';
import { groupLiveRules } from './core/live-rule';
import { checkRevoke } from './core/verify';

/** Rounds of revert-and-verify before a group that keeps changing is reported as it is left. */
export const MAX_ROUNDS = 2;

/** A group's facts from the rule's settings and one snapshot of the group (its rules without ids). */
export function factsOf(snapshot: GroupSnapshot, rule: RuleParameters, settings: FunctionSettings, now: Date): GroupFacts {
  return {
    mode: rule.mode,
    matching: settings.matching,
    allowed: rule.allowedIngress,
    exemptTagKey: rule.exemptTagKey,
    tags: snapshot.tags,
    actual: groupLiveRules(snapshot.rules),
    now,
  };
}

export interface RevertRequest {
  readonly groupId: string;
  /** The group's facts except its rules (each round reads those). */
  readonly facts: Omit<GroupFacts, 'actual'>;
  /** The plan from the snapshot (DescribeSecurityGroups, rules without ids). */
  readonly diff: RuleDiff;
  readonly note?: string | undefined;
  readonly adapter: AwsAdapter;
}

export async function revertGroup({ groupId, facts, diff: firstDiff, note, adapter }: RevertRequest): Promise<Verdict> {
  const added: IngressRule[] = [];
  const revoked: IngressRule[] = [];
  const progress: Progress = { added, revoked };
  const gone = (): Verdict => ({ ...notApplicable('security group no longer exists'), revoked, added });
  let diff = firstDiff;
  // The snapshot's rules carry no ids: read them when something is to be revoked.
  let read = diff.toRevoke.length > 0;
  /** Entries a successful revoke did not name: gone at the next read means revoked. */
  let unreported: readonly ActualRule[] = [];
  for (let round = 1; ; round += 1) {
    if (read) {
      const rules = await adapter.readRules(groupId);
      if (rules.status === 'failed') return unrevertedVerdict({ note, why: rules.reason, progress, left: driftLeft(diff, progress) });
      const ids = new Set(rules.rules.flatMap((r) => r.ruleId ?? []));
      for (const entry of unreported) if (!entry.ruleIds.some((id) => ids.has(id))) revoked.push(entry.rule);
      const plan = planGroup({ ...facts, actual: groupLiveRules(rules.rules) });
      if (plan.kind === 'verdict') {
        return plan.verdict.compliance === 'COMPLIANT' ? revertedVerdict(note, progress) : { ...plan.verdict, revoked, added };
      }
      diff = plan.diff;
      if (round > MAX_ROUNDS) {
        return unrevertedVerdict({ note, why: `the group changed during ${MAX_ROUNDS} rounds of revert; the next evaluation retries`, progress, left: driftLeft(diff) });
      }
    }
    const outcome = await adapter.revert(groupId, diff);
    if (outcome.status === 'group-not-found') return gone();
    const check = checkRevoke(outcome.revoke, facts.allowed, diff.toRevoke);
    const thisRound: Progress = { added: outcome.added, revoked: check.revoked };
    added.push(...outcome.added);
    revoked.push(...check.revoked);
    unreported = diff.toRevoke.filter((entry) => entry.ruleIds.some((id) => check.unreportedIds.includes(id)));
    if (check.cutAllowed.length > 0) {
      // The id named an allowed rule by the time it was revoked: add it back before anything else.
      const restore = await adapter.revert(groupId, { toAuthorize: check.cutAllowed, toRevoke: [] });
      if (restore.status === 'group-not-found') return gone();
      added.push(...restore.added);
      if (restore.status === 'failed') {
        const why = `an allowed rule revoked in a race could not be added back: ${restore.reason}`;
        return unrevertedVerdict({ note, why, progress, left: { extra: [], missing: check.cutAllowed.filter((r) => !restore.added.includes(r)) } });
      }
    }
    if (outcome.status === 'failed') return unrevertedVerdict({ note, why: outcome.reason, progress, left: driftLeft(diff, thisRound) });
    if (check.confirmed) return revertedVerdict(note, progress);
    read = true;
  }
}
