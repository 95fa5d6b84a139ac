/**
 * Wires parse → decide → act for one Config event: parse the event once, plan each group with the
 * pure core, let the adapter act, put the evaluations, and log one JSON line per evaluated group.
 */
import { AwsCallError, GuardrailError } from '../src/errors';
import { formatRule } from '../src/ingress-rule';
import type { RuleParameters } from '../src/rule-parameters';
import type { AwsAdapter, EvaluationRecord, GroupSnapshot } from './aws-port';
import { EVALUATIONS_PER_CALL } from './aws-port';
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
    deps.log(JSON.stringify({ level: 'error', ...errorFields(error) }));
    throw error;
  }
}

/** The group (or resource) one evaluation is about, and when its evaluation started. */
interface Evaluated {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly orderingTimestamp: Date;
  readonly messageType: string;
  readonly started: number;
}

/** Collects evaluations (sent 100 per PutEvaluations call), counts them and logs each. */
interface Recorder {
  readonly counts: { evaluated: number; COMPLIANT: number; NON_COMPLIANT: number; NOT_APPLICABLE: number };
  /** Queues the evaluation and writes the group's log line. */
  record(evaluated: Evaluated, verdict: Verdict): void;
  /** Sends every full batch of 100, or with `all` everything queued. */
  flush(all: boolean): Promise<void>;
}

/** How many failed group ids the sweep's final error names (the log has every one). */
const FAILED_IDS_SHOWN = 10;

async function evaluateParsed(event: ConfigRuleEvent, deps: EvaluateDependencies): Promise<EvaluationSummary> {
  const recorder = createRecorder(event, deps);
  const trigger = event.trigger;
  if (trigger.kind === 'scheduled') return sweepAccount({ event, orderingTimestamp: trigger.notificationCreationTime, recorder, deps });
  const started = performance.now();
  let verdict: Verdict;
  if (trigger.notApplicable !== undefined) {
    verdict = notApplicable(trigger.notApplicable);
  } else {
    const snapshot = await deps.adapter.describeGroup(trigger.resourceId);
    verdict = snapshot === undefined ? notApplicable('security group no longer exists') : await evaluateGroup(snapshot, event.ruleParameters, deps);
  }
  const { resourceType, resourceId, captureTime: orderingTimestamp, messageType } = trigger;
  recorder.record({ resourceType, resourceId, orderingTimestamp, messageType, started }, verdict);
  await recorder.flush(true);
  return recorder.counts;
}

interface SweepContext {
  readonly event: ConfigRuleEvent;
  /** The notification's creation time: the OrderingTimestamp of every evaluation of the sweep. */
  readonly orderingTimestamp: Date;
  readonly recorder: Recorder;
  readonly deps: EvaluateDependencies;
}

/**
 * A scheduled sweep of every group, page by page (evaluations go out as soon as 100 are ready, so
 * memory stays flat). It goes on past a group whose evaluation throws (a transient error the SDK's
 * retries did not outlast): one throttled group must not leave the rest of the account unevaluated.
 * That group's previous evaluation stands; the sweep throws at the end so Lambda retries the
 * invocation, and the retry finds the groups reverted meanwhile compliant at the cost of a shared read.
 */
async function sweepAccount({ event, orderingTimestamp, recorder, deps }: SweepContext): Promise<EvaluationSummary> {
  const messageType = 'ScheduledNotification';
  const failed: { groupId: string; error: unknown }[] = [];
  try {
    for await (const page of deps.adapter.listGroupPages()) {
      for (const snapshot of page) {
        const evaluated = { resourceType: SECURITY_GROUP_TYPE, resourceId: snapshot.groupId, orderingTimestamp, messageType, started: performance.now() };
        try {
          recorder.record(evaluated, await evaluateGroup(snapshot, event.ruleParameters, deps));
        } catch (error) {
          failed.push({ groupId: snapshot.groupId, error });
          const line = { level: 'error', groupId: snapshot.groupId, messageType, mode: event.ruleParameters.mode, ...errorFields(error), durationMs: elapsedMs(evaluated.started) };
          deps.log(JSON.stringify(line));
        }
      }
      await recorder.flush(false);
    }
  } catch (error) {
    // A page read (or a PutEvaluations) failed: still report what was done and evaluated so far,
    // then fail with the original error.
    await recorder.flush(true).catch(() => undefined);
    throw error;
  }
  await recorder.flush(true);
  const [first] = failed;
  if (first === undefined) return recorder.counts;
  const ids = failed.slice(0, FAILED_IDS_SHOWN).map((f) => f.groupId).join(', ');
  const more = failed.length > FAILED_IDS_SHOWN ? ` and ${failed.length - FAILED_IDS_SHOWN} more` : '';
  const total = failed.length + recorder.counts.evaluated;
  throw new AwsCallError(`${failed.length} of ${total} group(s) could not be evaluated (${ids}${more}); the others were evaluated and reported. First error: ${errorFields(first.error).message}`, {
    where: messageType,
    fix: 'nothing if the errors are transient: Lambda retries the invocation. Otherwise see the error line logged for each group.',
    cause: first.error,
  });
}

function createRecorder(event: ConfigRuleEvent, deps: EvaluateDependencies): Recorder {
  const counts = { evaluated: 0, COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 };
  let pending: EvaluationRecord[] = [];
  return {
    counts,
    record(evaluated, verdict) {
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
        durationMs: elapsedMs(evaluated.started),
      };
      deps.log(JSON.stringify(line));
    },
    async flush(all) {
      while (pending.length >= EVALUATIONS_PER_CALL || (all && pending.length > 0)) {
        const batch = pending.slice(0, EVALUATIONS_PER_CALL);
        pending = pending.slice(EVALUATIONS_PER_CALL);
        await deps.adapter.putEvaluations(batch, event);
      }
    },
  };
}

/**
 * One group: plan from the snapshot; when rules must be revoked, read the rule ids once (the
 * fresher read decides, so a rule fixed meanwhile is left alone), then revert.
 */
async function evaluateGroup(snapshot: GroupSnapshot, params: RuleParameters, deps: EvaluateDependencies): Promise<Verdict> {
  const facts = { mode: params.mode, allowed: params.allowedIngress, exemptTagKey: params.exemptTagKey, tags: snapshot.tags, now: deps.now() };
  let plan = planGroup({ ...facts, actual: groupLiveRules(snapshot.rules) });
  if (plan.kind === 'revert' && plan.diff.toRevoke.length > 0) {
    const read = await deps.adapter.readRules(snapshot.groupId);
    // Unreadable ids (e.g. access denied) are a permanent failure of the revert, like a denied revoke.
    if (read.status === 'failed') return verdictAfterRevert(plan, { status: 'failed', reason: read.reason, added: [], revoked: [] });
    plan = planGroup({ ...facts, actual: groupLiveRules(read.rules) });
  }
  if (plan.kind === 'verdict') return plan.verdict;
  return verdictAfterRevert(plan, await deps.adapter.revert(snapshot.groupId, plan.diff));
}

function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** The error's class name, message and (for our own errors) where and fix, for a log line. */
function errorFields(error: unknown): { error: string; message: string; where?: string; fix?: string } {
  const base = { error: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
  if (!(error instanceof GuardrailError)) return base;
  return { ...base, ...(error.where === undefined ? {} : { where: error.where }), ...(error.fix === undefined ? {} : { fix: error.fix }) };
}
