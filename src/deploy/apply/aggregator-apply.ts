/**
 * Runs the aggregator stack's steps, each CloudFormation operation waited for to its end (the stack
 * is polled with DescribeStacks by its id, so a deleted stack answers DELETE_COMPLETE). A step that
 * fails is reported with the first failed resource and its reason, read from the operation's events
 * (the ClientRequestToken the step sent marks them), and the steps after it are not run.
 */
import { randomUUID } from 'node:crypto';
import type { AggregatorStep, AggregatorStepKind } from '../plan/aggregator-types';
import { requireAggregatorTemplate } from '../plan/template-bodies';
import type { TemplateBodies } from '../plan/template-bodies';
import type { StackEvent, StacksPort } from '../stacks-port';
import { isStackInProgress } from '../stacks-port';
import type { ProgressSink } from './progress';

export interface AggregatorDeps {
  readonly stacks: StacksPort;
  readonly templates: TemplateBodies;
  readonly progress: ProgressSink;
  readonly pollIntervalMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface AggregatorOutcome {
  readonly stackName: string;
  readonly kind: AggregatorStepKind;
  /** The stack's status at the end (CREATE_COMPLETE, ROLLBACK_COMPLETE, …), or NO_CHANGES. */
  readonly status: string;
  readonly succeeded: boolean;
  /** Why it failed: the first failed resource with its reason, else the stack's status reason. */
  readonly reason: string | undefined;
}

export interface AggregatorRun {
  readonly outcomes: readonly AggregatorOutcome[];
  /** Steps not run because the one before failed (a failed deletion keeps the create from running). */
  readonly skipped: readonly AggregatorStep[];
}

const SUCCESS: Readonly<Record<AggregatorStepKind, string>> = { 'create-stack': 'CREATE_COMPLETE', 'update-stack': 'UPDATE_COMPLETE', 'delete-stack': 'DELETE_COMPLETE' };

export async function runAggregatorSteps(steps: readonly AggregatorStep[], deps: AggregatorDeps): Promise<AggregatorRun> {
  const outcomes: AggregatorOutcome[] = [];
  for (const [index, step] of steps.entries()) {
    const outcome = await runStep(step, deps);
    outcomes.push(outcome);
    if (!outcome.succeeded) return { outcomes, skipped: steps.slice(index + 1) };
  }
  return { outcomes, skipped: [] };
}

async function runStep(step: AggregatorStep, deps: AggregatorDeps): Promise<AggregatorOutcome> {
  const { stacks } = deps;
  // A new token per request: a retried call (the SDK's or retryThrottled's) resends this same one.
  const token = `sgg-${step.kind}-${randomUUID()}`;
  const report = (status: string): void => deps.progress.update({ step, operationId: undefined, status, counts: {} });
  let stackId: string;
  if (step.kind === 'delete-stack') {
    report('DELETING');
    await stacks.deleteStack(step.stackId, token);
    stackId = step.stackId;
  } else {
    const definition = { name: step.stackName, templateBody: requireAggregatorTemplate(deps.templates, 'the config'), parameters: step.parameters, tags: step.tags };
    if (step.kind === 'create-stack') {
      report('CREATING');
      stackId = await stacks.createStack(definition, token);
    } else {
      report('UPDATING');
      if ((await stacks.updateStack(definition, token)) === 'no-changes') {
        report('NO_CHANGES');
        return { stackName: step.stackName, kind: step.kind, status: 'NO_CHANGES', succeeded: true, reason: undefined };
      }
      stackId = step.stackName;
    }
  }
  const final = await waitForStack(stackId, report, deps);
  const status = final?.status ?? 'DELETE_COMPLETE';
  const succeeded = status === SUCCESS[step.kind];
  const reason = succeeded ? undefined : (firstFailure(await stacks.operationEvents(final?.stackId ?? stackId, token), step.stackName) ?? final?.statusReason);
  return { stackName: step.stackName, kind: step.kind, status, succeeded, reason };
}

async function waitForStack(stackId: string, report: (status: string) => void, deps: AggregatorDeps): Promise<{ status: string; statusReason: string | undefined; stackId: string } | undefined> {
  for (;;) {
    const state = await deps.stacks.describeStack(stackId);
    report(state?.status ?? 'DELETE_COMPLETE');
    if (state === undefined || !isStackInProgress(state.status)) return state;
    await deps.sleep(deps.pollIntervalMs);
  }
}

/** The oldest failed resource of the operation (the later ones usually fail because of it). */
export function firstFailure(eventsNewestFirst: readonly StackEvent[], stackName: string): string | undefined {
  const failed = eventsNewestFirst.filter((e) => e.status.endsWith('_FAILED') && e.logicalId !== stackName);
  const first = failed[failed.length - 1];
  return first === undefined ? undefined : `${first.logicalId} (${first.resourceType}): ${first.reason ?? first.status}`;
}
