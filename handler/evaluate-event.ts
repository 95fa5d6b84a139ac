/**
 * Wires parse → decide → act for one Config event: parse the event and the function's Environment
 * once, plan each group with the pure core, let the adapter act, put the evaluations, and log one
 * JSON line per evaluated group. A bad event or setting fails before any AWS call.
 */
import type { FunctionSettings } from '../src/function-settings';
import { parseFunctionEnvironment } from '../src/function-settings';
import type { AwsAdapter } from './aws-port';
import type { Verdict } from './core/decide';
import { notApplicable, planGroup } from './core/decide';
import type { ConfigRuleEvent } from './core/event';
import { parseConfigEvent } from './core/event';
import { describeScope, isInScope } from './core/scope';
import type { EvaluationSummary } from './recorder';
import { createRecorder, errorFields } from './recorder';
import { factsOf, revertGroup } from './revert-group';
import { sweepAccount } from './sweep';

export type { EvaluationLogLine, EvaluationSummary } from './recorder';

export interface EvaluateDependencies {
  readonly adapter: AwsAdapter;
  readonly now: () => Date;
  /** Receives one JSON line per evaluated group (and one per sweep, and one per failed invocation). */
  readonly log: (line: string) => void;
  /** The function's Environment (process.env): the tag scope and the matching (src/function-settings.ts). */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Lambda's context.getRemainingTimeInMillis; without it (a hand-run test) a sweep has no deadline. */
  readonly remainingMs?: (() => number) | undefined;
}

export async function evaluateEvent(raw: unknown, deps: EvaluateDependencies): Promise<EvaluationSummary> {
  try {
    const event = parseConfigEvent(raw);
    const settings = parseFunctionEnvironment(deps.environment ?? {});
    return await evaluateParsed(event, settings, deps);
  } catch (error) {
    deps.log(JSON.stringify({ level: 'error', ...errorFields(error) }));
    throw error;
  }
}

async function evaluateParsed(event: ConfigRuleEvent, settings: FunctionSettings, deps: EvaluateDependencies): Promise<EvaluationSummary> {
  const { adapter, log } = deps;
  const recorder = createRecorder({ adapter, token: event, mode: event.ruleParameters.mode, matching: settings.matching, log });
  const trigger = event.trigger;
  if (trigger.kind === 'scheduled') return sweepAccount({ event, settings, orderingTimestamp: trigger.notificationCreationTime, recorder, deps });
  const started = performance.now();
  const { resourceType, resourceId, captureTime: orderingTimestamp, messageType } = trigger;
  let verdict: Verdict;
  if (trigger.notApplicable !== undefined) {
    verdict = notApplicable(trigger.notApplicable);
  } else {
    const snapshot = await adapter.describeGroup(resourceId);
    if (snapshot !== undefined && snapshot.ownerId !== event.accountId) {
      // Another account's group (a shared VPC): not this account's resource, so no evaluation at all.
      log(JSON.stringify({ level: 'warn', groupId: resourceId, messageType, skipped: `owner ${snapshot.ownerId || '?'} is not ${event.accountId}` }));
      return recorder.counts;
    }
    if (snapshot === undefined) verdict = notApplicable('security group no longer exists');
    else if (settings.scope !== undefined && !isInScope(snapshot.tags, settings.scope)) verdict = notApplicable(`outside the rule's scope (${describeScope(settings.scope)})`);
    else {
      const facts = factsOf(snapshot, event.ruleParameters, settings, deps.now());
      const plan = planGroup(facts);
      verdict = plan.kind === 'verdict' ? plan.verdict : await revertGroup({ groupId: resourceId, facts, diff: plan.diff, note: plan.note, adapter });
    }
  }
  recorder.record({ resourceType, resourceId, orderingTimestamp, messageType, started }, verdict);
  await recorder.flush();
  return recorder.counts;
}
