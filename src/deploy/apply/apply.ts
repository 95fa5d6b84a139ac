/**
 * Executes exactly the steps of a plan, phase by phase. Within a phase the stack sets run in parallel
 * (managed execution lets different stack sets run at once), each stack set's steps in order, each
 * operation polled to its end.
 * - Removals run with failure tolerance 0 and never stop the apply: an account whose removal did not
 *   succeed is left out of every later step that relies on it (exclusions.ts) and reported.
 * - Any other operation that fails stops the stack set's remaining steps and every later phase (a rule
 *   must not deploy where its baseline failed); failed instances of tolerated failures are reported,
 *   and a failed baseline instance keeps the rule out of that account and region.
 * - The aggregator stack's steps run after the phases, whatever their outcome: the aggregator
 *   depends on no stack set, nor they on it (aggregator-apply.ts).
 */
import { AwsCallError } from '../../errors';
import type { OperationPreferences } from '../config/config-types';
import { indexOrg } from '../org/org-index';
import type { OrgTree } from '../org/org-tree';
import { deriveOperationId } from '../plan/operation-id';
import type { AccountFilter, Plan, PlanStep, PlanStepKind, StackSetKind } from '../plan/plan-types';
import type { TemplateBodies } from '../plan/template-bodies';
import type { StackSetsPort } from '../stack-sets-port';
import type { StacksPort } from '../stacks-port';
import type { AggregatorRun } from './aggregator-apply';
import { runAggregatorSteps } from './aggregator-apply';
import { Exclusions } from './exclusions';
import type { LeftOut } from './exclusions';
import type { OperationRun, RunnerDeps } from './operation-runner';
import { runOperation } from './operation-runner';

export { LARGE_OPERATION_LIST_EVERY, LARGE_OPERATION_RESULTS, waitForOperation } from './operation-runner';
export type { LeftOut } from './exclusions';

export interface ApplyDeps extends RunnerDeps {
  readonly stacks: StacksPort;
  readonly templates: TemplateBodies;
  /** The organization the plan was made for: which accounts each OU step reaches. */
  readonly org: OrgTree;
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
  /** True when the operation was already running under its id: an earlier attempt had submitted it. */
  readonly resumed: boolean;
}

export interface ApplyReport {
  readonly outcomes: readonly StepOutcome[];
  readonly failedInstances: readonly FailedInstance[];
  /** Steps not run because an earlier operation failed. */
  readonly skipped: readonly PlanStep[];
  /** Accounts a step left out because an earlier step failed there. */
  readonly leftOut: readonly LeftOut[];
  readonly aggregator: AggregatorRun;
}

/**
 * Removals run with failure tolerance 0, since later steps rely on them, and in SOFT mode so that
 * tolerance 0 does not cut concurrency to one account at a time (STRICT_FAILURE_TOLERANCE caps it at
 * FailureToleranceCount + 1; StackSetOperationPreferences).
 */
export function removalPreferences(p: OperationPreferences): OperationPreferences {
  return { ...p, failureTolerancePercentage: 0, concurrencyMode: 'SOFT_FAILURE_TOLERANCE' };
}

interface ApplyRun {
  readonly plan: Plan;
  readonly deps: ApplyDeps;
  readonly kinds: ReadonlyMap<string, StackSetKind>;
  readonly exclusions: Exclusions;
  readonly arns: Map<string, string>;
  /** Stack sets a removal did not empty: DeleteStackSet would refuse them (StackSetNotEmptyException). */
  readonly notEmptied: Set<string>;
  readonly report: { outcomes: StepOutcome[]; failedInstances: FailedInstance[]; skipped: PlanStep[]; leftOut: LeftOut[]; aggregator: AggregatorRun };
}

export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyReport> {
  const run: ApplyRun = {
    plan,
    deps,
    kinds: new Map(plan.stackSets.map((s) => [s.name, s.kind])),
    exclusions: new Exclusions(indexOrg(deps.org)),
    arns: new Map(),
    notEmptied: new Set(),
    report: { outcomes: [], failedInstances: [], skipped: [], leftOut: [], aggregator: { outcomes: [], skipped: [] } },
  };
  const phases = [...new Set(plan.steps.map((s) => s.phase))].sort((a, b) => a - b);
  let stopped = false;
  for (const phase of phases) {
    const steps = plan.steps.filter((s) => s.phase === phase);
    if (stopped) {
      run.report.skipped.push(...steps);
      continue;
    }
    const stackSets = [...new Set(steps.map((s) => s.stackSet))];
    await Promise.all(
      stackSets.map(async (stackSet) => {
        let failed = false;
        for (const step of steps.filter((s) => s.stackSet === stackSet)) {
          if (failed) run.report.skipped.push(step);
          else failed = !(await runStep(step, run));
        }
        if (failed) stopped = true;
      }),
    );
  }
  run.report.aggregator = await runAggregatorSteps(plan.aggregator?.steps ?? [], deps);
  deps.progress.finish();
  return run.report;
}

/** Runs one step; false when it failed in a way that must stop what follows. A stack set deletion after a failed removal is skipped. */
async function runStep(step: PlanStep, run: ApplyRun): Promise<boolean> {
  const { deps, plan } = run;
  const { port } = deps;
  const kind = run.kinds.get(step.stackSet) ?? 'rule';
  const record = (operation: OperationRun | undefined): boolean => {
    const status = operation?.state.status ?? 'SUCCEEDED';
    run.report.outcomes.push({ stackSet: step.stackSet, kind: step.kind, operationId: operation?.operationId, status, statusReason: operation?.state.statusReason, resumed: operation?.resumed ?? false });
    for (const r of operation?.results ?? []) {
      if (r.status === 'FAILED' || r.status === 'CANCELLED') run.report.failedInstances.push({ stackSet: step.stackSet, account: r.account, region: r.region, status: r.status, reason: r.statusReason ?? '(no reason given)' });
    }
    if (operation === undefined) deps.progress.update({ step, operationId: undefined, status, counts: {} });
    return status === 'SUCCEEDED';
  };
  switch (step.kind) {
    case 'create-stack-set': {
      deps.progress.update({ step, operationId: undefined, status: 'CREATING', counts: {} });
      const dependsOn = step.dependsOn === undefined ? [] : [await resolveArn(step.dependsOn, port, run.arns)];
      await port.createStackSet({ name: step.stackSet, templateBody: deps.templates[step.template], parameters: step.parameters, dependsOn, description: step.description });
      return record(undefined);
    }
    case 'delete-stack-set':
      if (run.notEmptied.has(step.stackSet)) {
        run.report.skipped.push(step);
        return true;
      }
      deps.progress.update({ step, operationId: undefined, status: 'DELETING', counts: {} });
      await port.deleteStackSet(step.stackSet);
      return record(undefined);
    case 'update-stack-set': {
      const dependsOn = step.dependsOn === undefined ? [] : [await resolveArn(step.dependsOn, port, run.arns)];
      const definition = { name: step.stackSet, templateBody: deps.templates[step.template], parameters: step.parameters, dependsOn, description: step.description };
      return record(await runOperation(step, step.operationId, (id) => port.updateStackSet(definition, id, plan.operationPreferences), deps));
    }
    case 'enable-managed-execution': {
      const request = { stackSet: step.stackSet, parameterKeys: step.parameterKeys, preferences: plan.operationPreferences };
      return record(await runOperation(step, step.operationId, (operationId) => port.enableManagedExecution({ ...request, operationId }), deps));
    }
    case 'delete-instances': {
      const request = { stackSet: step.stackSet, ouIds: step.ouIds, regions: step.regions, accountFilter: step.accountFilter, preferences: removalPreferences(plan.operationPreferences) };
      const operation = await runOperation(step, step.operationId, (operationId) => port.deleteStackInstances({ ...request, operationId }), deps);
      const why = `its removal from ${step.stackSet} did not succeed`;
      if (operation.state.status === 'SUCCEEDED') run.exclusions.blockUnsucceeded(kind, operation.results, why);
      else run.exclusions.blockAllBut(kind, run.exclusions.reached(step.ouIds, step.accountFilter), step.regions, operation.results, why);
      if (operation.state.status !== 'SUCCEEDED' || operation.results.some((r) => r.status !== 'SUCCEEDED')) run.notEmptied.add(step.stackSet);
      record(operation);
      return true;
    }
    case 'create-instances':
    case 'retry-instances': {
      const operation = await runInstancesStep(step, kind, run);
      if (operation === undefined) return true;
      if (kind === 'baseline') run.exclusions.blockUnsucceeded('rule', operation.results, `its baseline (Config recorder) did not deploy (${step.stackSet})`);
      return record(operation);
    }
  }
}

/** A create or redeploy of instances, leaving out the accounts an earlier failure holds back. */
async function runInstancesStep(step: Extract<PlanStep, { kind: 'create-instances' | 'retry-instances' }>, kind: StackSetKind, run: ApplyRun): Promise<OperationRun | undefined> {
  const { port } = run.deps;
  const filter: AccountFilter | undefined = step.kind === 'retry-instances' ? { type: 'INTERSECTION', accounts: step.accountIds } : step.accountFilter;
  const leftOut = run.exclusions.leftOut(kind, run.exclusions.reached(step.ouIds, filter), step.regions);
  for (const [account, reason] of leftOut) run.report.leftOut.push({ stackSet: step.stackSet, account, regions: step.regions, reason });
  const narrowed = narrowFilter(filter, [...leftOut.keys()].sort());
  if (narrowed === 'nothing-left') return undefined;
  // A changed request never reuses the planned id (an id stands for one request).
  const operationId = leftOut.size === 0 ? step.operationId : deriveOperationId('narrowed', { planned: step.operationId, leftOut: [...leftOut.keys()].sort() });
  const base = { stackSet: step.stackSet, ouIds: step.ouIds, regions: step.regions, preferences: run.plan.operationPreferences };
  if (step.kind === 'retry-instances') {
    const accountIds = narrowed?.accounts ?? step.accountIds;
    return runOperation(step, operationId, (id) => port.updateStackInstances({ ...base, accountIds, operationId: id }), run.deps);
  }
  return runOperation(step, operationId, (id) => port.createStackInstances({ ...base, accountFilter: narrowed, operationId: id }), run.deps);
}

function narrowFilter(filter: AccountFilter | undefined, leftOut: readonly string[]): AccountFilter | undefined | 'nothing-left' {
  if (leftOut.length === 0) return filter;
  if (filter === undefined) return { type: 'DIFFERENCE', accounts: leftOut };
  if (filter.type === 'DIFFERENCE') return { type: 'DIFFERENCE', accounts: [...new Set([...filter.accounts, ...leftOut])].sort() };
  const accounts = filter.accounts.filter((a) => !leftOut.includes(a));
  return accounts.length === 0 ? 'nothing-left' : { type: 'INTERSECTION', accounts };
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
