/**
 * Wires parse → decide → act for one Config event: parse the event once, plan each group with the
 * pure core, let the adapter act, put the evaluations, and log one JSON line per evaluated group.
 */
import { GuardrailError } from '../src/errors';
import { formatRule } from '../src/ingress-rule';
import type { RuleParameters } from '../src/rule-parameters';
import type { AwsAdapter, EvaluationRecord, GroupSnapshot } from './aws-adapter';
import { EVALUATIONS_PER_CALL } from './aws-adapter';
import type { Verdict } from './core/decide';
import { notApplicable, planGroup, verdictAfterRevert } from './core/decide';
import type { ConfigRuleEvent } from './core/event';
import { parseConfigEvent, SECURITY_GROUP_TYPE } from './core/event';
import { groupLiveRules } from './core/live-rule';

export interface EvaluateDependencies {
  readonly adapter: AwsAdapter;
  readonly now: () => Date;
  /** Receives one JSON line per evaluated group (and one per failed invocation). */
  readonly log: (line: string) => void;
}

export interface EvaluationSummary {
  readonly evaluated: number;
  readonly COMPLIANT: number;
  readonly NON_COMPLIANT: number;
  readonly NOT_APPLICABLE: number;
}

/** The fields of the per-group log line (see README "The handler"). */
export interface EvaluationLogLine {
  readonly groupId: string;
  readonly messageType: string;
  readonly mode: string;
  readonly compliance: string;
  readonly revoked: readonly string[];
  readonly added: readonly string[];
  readonly annotation?: string;
  readonly durationMs: number;
}

export async function evaluateEvent(raw: unknown, deps: EvaluateDependencies): Promise<EvaluationSummary> {
  try {
    return await evaluateParsed(parseConfigEvent(raw), deps);
  } catch (error) {
    const details = error instanceof GuardrailError ? { where: error.where, fix: error.fix } : {};
    deps.log(JSON.stringify({ level: 'error', error: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error), ...details }));
    throw error;
  }
}

async function evaluateParsed(event: ConfigRuleEvent, deps: EvaluateDependencies): Promise<EvaluationSummary> {
  const counts = { evaluated: 0, COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 };
  let pending: EvaluationRecord[] = [];
  const flush = async (all: boolean): Promise<void> => {
    while (pending.length >= EVALUATIONS_PER_CALL || (all && pending.length > 0)) {
      const batch = pending.slice(0, EVALUATIONS_PER_CALL);
      pending = pending.slice(EVALUATIONS_PER_CALL);
      await deps.adapter.putEvaluations(batch, event);
    }
  };
  /** Queues the evaluation and writes the group's log line. */
  const record = (evaluated: { resourceType: string; resourceId: string; orderingTimestamp: Date; messageType: string; started: number }, verdict: Verdict): void => {
    const annotation = verdict.annotation === undefined ? {} : { annotation: verdict.annotation };
    counts.evaluated += 1;
    counts[verdict.compliance] += 1;
    pending.push({ resourceType: evaluated.resourceType, resourceId: evaluated.resourceId, compliance: verdict.compliance, orderingTimestamp: evaluated.orderingTimestamp, ...annotation });
    const line: EvaluationLogLine = {
      groupId: evaluated.resourceId,
      messageType: evaluated.messageType,
      mode: event.ruleParameters.mode,
      compliance: verdict.compliance,
      revoked: verdict.revoked.map(formatRule),
      added: verdict.added.map(formatRule),
      ...annotation,
      durationMs: Math.round((performance.now() - evaluated.started) * 10) / 10,
    };
    deps.log(JSON.stringify(line));
  };

  const trigger = event.trigger;
  if (trigger.kind === 'resource') {
    const started = performance.now();
    let verdict: Verdict;
    if (trigger.notApplicable !== undefined) {
      verdict = notApplicable(trigger.notApplicable);
    } else {
      const snapshot = await deps.adapter.describeGroup(trigger.resourceId);
      verdict = snapshot === undefined ? notApplicable('security group no longer exists') : await evaluateGroup(snapshot, event.ruleParameters, deps);
    }
    const { resourceType, resourceId, captureTime: orderingTimestamp, messageType } = trigger;
    record({ resourceType, resourceId, orderingTimestamp, messageType, started }, verdict);
  } else {
    // Page by page: evaluations are sent as soon as 100 are ready, so memory stays flat.
    for await (const page of deps.adapter.listGroupPages()) {
      for (const snapshot of page) {
        const started = performance.now();
        const verdict = await evaluateGroup(snapshot, event.ruleParameters, deps);
        const orderingTimestamp = trigger.notificationCreationTime;
        record({ resourceType: SECURITY_GROUP_TYPE, resourceId: snapshot.groupId, orderingTimestamp, messageType: 'ScheduledNotification', started }, verdict);
      }
      await flush(false);
    }
  }
  await flush(true);
  return counts;
}

/**
 * One group: plan from the snapshot; when rules must be revoked, read the rule ids once (the
 * fresher read decides, so a rule fixed meanwhile is left alone), then revert.
 */
async function evaluateGroup(snapshot: GroupSnapshot, params: RuleParameters, deps: EvaluateDependencies): Promise<Verdict> {
  const facts = { mode: params.mode, allowed: params.allowedIngress, exemptTagKey: params.exemptTagKey, tags: snapshot.tags, now: deps.now() };
  let plan = planGroup({ ...facts, actual: groupLiveRules(snapshot.rules) });
  if (plan.kind === 'revert' && plan.diff.toRevoke.length > 0) {
    plan = planGroup({ ...facts, actual: groupLiveRules(await deps.adapter.readRules(snapshot.groupId)) });
  }
  if (plan.kind === 'verdict') return plan.verdict;
  return verdictAfterRevert(plan, await deps.adapter.revert(snapshot.groupId, plan.diff));
}
