/**
 * Executes exactly the steps of a plan, phase by phase. Within a phase the stack sets run in
 * parallel (managed execution lets different stack sets run at once), each stack set's steps in
 * order, each operation polled to its end. A failed operation stops the stack set's remaining steps
 * and every later phase (a rule must not deploy where its baseline failed); failed stack instances
 * of tolerated failures are collected for the report.
 */
import { AwsCallError } from '../../errors';
import type { OperationPreferences } from '../config/config-types';
import type { Plan, PlanStep, PlanStepKind } from '../plan/plan-types';
import type { ProgressSink } from './progress';
import type { OperationResult, OperationState, StackSetsPort, SubmitOutcome } from '../stack-sets-port';
import { TERMINAL_OPERATION_STATUSES } from '../stack-sets-port';
import type { TemplateBodies } from '../plan/template-bodies';

export interface ApplyDeps {
  readonly port: StackSetsPort;
  readonly templates: TemplateBodies;
  readonly progress: ProgressSink;
  readonly pollIntervalMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** How many `busy` answers (OperationInProgressException) to wait through per step. */
  readonly maxBusyWaits?: number;
}

export interface FailedInstance {
  readonly stackSet: string;
  readonly account: string;
  readonly region: string;
  readonly status: string;
  readonly reason: string;
}

export interface StepOutcome {
  readonly stackSet: string;
  readonly kind: PlanStepKind;
  readonly operationId: string | undefined;
  /** The operation's final status, or SUCCEEDED for synchronous calls. */
  readonly status: string;
  readonly statusReason: string | undefined;
  /** True when the OperationId already existed: an earlier, interrupted apply had submitted it. */
  readonly resumed: boolean;
}

export interface ApplyReport {
  readonly outcomes: readonly StepOutcome[];
  readonly failedInstances: readonly FailedInstance[];
  /** Steps not run because an earlier operation failed. */
  readonly skipped: readonly PlanStep[];
}

export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyReport> {
  const outcomes: StepOutcome[] = [];
  const failedInstances: FailedInstance[] = [];
  const skipped: PlanStep[] = [];
  const arns = new Map<string, string>();
  const phases = [...new Set(plan.steps.map((s) => s.phase))].sort((a, b) => a - b);
  let stopped = false;
  for (const phase of phases) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    if (stopped) {
      skipped.push(...steps);
      continue;
    }
    const stackSets = [...new Set(steps.map((s) => s.stackSet))];
    await Promise.all(
      stackSets.map(async (stackSet) => {
        let failed = false;
        for (const step of steps.filter((s) => s.stackSet === stackSet)) {
          if (failed) {
            skipped.push(step);
            continue;
          }
          const { outcome, failures } = await runStep(step, { preferences: plan.operationPreferences, deps, arns });
          outcomes.push(outcome);
          failedInstances.push(...failures);
          if (outcome.status !== 'SUCCEEDED') failed = true;
        }
        if (failed) stopped = true;
      }),
    );
  }
  deps.progress.finish();
  return { outcomes, failedInstances, skipped };
}

/** What every step of one apply shares: the plan's preferences, the dependencies, the ARNs resolved so far. */
interface StepContext {
  readonly preferences: OperationPreferences;
  readonly deps: ApplyDeps;
  readonly arns: Map<string, string>;
}

type StepResult = { outcome: StepOutcome; failures: FailedInstance[] };

async function runStep(step: PlanStep, { preferences, deps, arns }: StepContext): Promise<StepResult> {
  const { port } = deps;
  const done = (operationId?: string): StepResult => {
    deps.progress.update({ step, operationId, status: 'SUCCEEDED', counts: {} });
    return { outcome: { stackSet: step.stackSet, kind: step.kind, operationId, status: 'SUCCEEDED', statusReason: undefined, resumed: false }, failures: [] };
  };
  switch (step.kind) {
    case 'create-stack-set': {
      deps.progress.update({ step, operationId: undefined, status: 'CREATING', counts: {} });
      const dependsOn = step.dependsOn === undefined ? [] : [await resolveArn(step.dependsOn, port, arns)];
      await port.createStackSet({ name: step.stackSet, templateBody: deps.templates[step.template], parameters: step.parameters, dependsOn });
      return done();
    }
    case 'delete-stack-set':
      deps.progress.update({ step, operationId: undefined, status: 'DELETING', counts: {} });
      await port.deleteStackSet(step.stackSet);
      return done();
    case 'update-stack-set': {
      const dependsOn = step.dependsOn === undefined ? [] : [await resolveArn(step.dependsOn, port, arns)];
      const definition = { name: step.stackSet, templateBody: deps.templates[step.template], parameters: step.parameters, dependsOn };
      return submitAndWait(step, () => port.updateStackSet(definition, step.operationId, preferences), deps);
    }
    case 'enable-managed-execution': {
      const request = { stackSet: step.stackSet, parameterKeys: step.parameterKeys, operationId: step.operationId, preferences };
      return submitAndWait(step, () => port.enableManagedExecution(request), deps);
    }
    case 'retry-instances': {
      const request = { stackSet: step.stackSet, ouIds: step.ouIds, accountIds: step.accountIds, regions: step.regions, operationId: step.operationId, preferences };
      return submitAndWait(step, () => port.updateStackInstances(request), deps);
    }
    case 'create-instances':
    case 'delete-instances': {
      const request = { stackSet: step.stackSet, ouIds: step.ouIds, regions: step.regions, operationId: step.operationId, preferences };
      const submit = step.kind === 'create-instances' ? () => port.createStackInstances(request) : () => port.deleteStackInstances(request);
      return submitAndWait(step, submit, deps);
    }
  }
}

async function resolveArn(name: string, port: StackSetsPort, arns: Map<string, string>): Promise<string> {
  const cached = arns.get(name);
  if (cached !== undefined) return cached;
  const arn = await port.readStackSetArn(name);
  if (arn === undefined || arn === '') {
    throw new AwsCallError(`stack set ${name} has no ARN yet.`, { where: `cloudformation:DescribeStackSet (${name})`, fix: 'run apply again; the baseline must exist before the rule stack sets.' });
  }
  arns.set(name, arn);
  return arn;
}

/** Submits a step's operation (waiting while another one keeps the stack set busy) and polls it to its end. */
async function submitAndWait(step: Extract<PlanStep, { operationId: string }>, submit: () => Promise<SubmitOutcome>, deps: ApplyDeps): Promise<StepResult> {
  const { operationId } = step;
  let outcome = await submit();
  for (let waits = 0; outcome === 'busy'; waits += 1) {
    if (waits >= (deps.maxBusyWaits ?? 720)) {
      throw new AwsCallError('another operation kept the stack set busy.', {
        where: step.stackSet,
        fix: 'wait for the running operation (CloudFormation console → StackSets → Operations) and run apply again.',
      });
    }
    deps.progress.update({ step, operationId, status: 'WAITING (another operation is running)', counts: {} });
    await deps.sleep(deps.pollIntervalMs);
    outcome = await submit();
  }
  const { state, results } = await waitForOperation(step, operationId, deps);
  const failures = results
    .filter((r) => r.status === 'FAILED' || r.status === 'CANCELLED')
    .map((r) => ({ stackSet: step.stackSet, account: r.account, region: r.region, status: r.status, reason: r.statusReason ?? '(no reason given)' }));
  return {
    outcome: { stackSet: step.stackSet, kind: step.kind, operationId, status: state.status, statusReason: state.statusReason, resumed: outcome === 'already-submitted' },
    failures,
  };
}

/** Above this many results (100 per ListStackSetOperationResults page), the counts refresh less often. */
export const LARGE_OPERATION_RESULTS = 1_000;
/** For a large operation, the counts are listed on every this-many-th poll (and always at the end). */
export const LARGE_OPERATION_LIST_EVERY = 6;

/**
 * Polls an operation to its end, reporting per-instance counts by status. The counts need every page
 * of ListStackSetOperationResults, so for an operation over thousands of instances they are listed
 * only on every LARGE_OPERATION_LIST_EVERY-th poll: the status still refreshes on each one.
 */
export async function waitForOperation(
  step: PlanStep | undefined,
  operationId: string,
  deps: Pick<ApplyDeps, 'port' | 'progress' | 'pollIntervalMs' | 'sleep'> & { readonly stackSet?: string },
): Promise<{ state: OperationState; results: OperationResult[] }> {
  const stackSet = step?.stackSet ?? deps.stackSet ?? '';
  let results: OperationResult[] = [];
  let counts: Record<string, number> = {};
  for (let poll = 0; ; poll += 1) {
    const state = await deps.port.describeOperation(stackSet, operationId);
    const terminal = TERMINAL_OPERATION_STATUSES.includes(state.status);
    if (terminal || results.length < LARGE_OPERATION_RESULTS || poll % LARGE_OPERATION_LIST_EVERY === 0) {
      results = await deps.port.listOperationResults(stackSet, operationId);
      counts = {};
      for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    }
    if (step !== undefined) deps.progress.update({ step, operationId, status: state.status, counts });
    if (terminal) return { state, results };
    await deps.sleep(deps.pollIntervalMs);
  }
}
