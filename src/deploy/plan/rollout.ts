/**
 * Wires config → organization → current StackSets and aggregator stack → plan, over the ports.
 * Read-only: plan and status use only this; apply adds applyPlan. Nothing here runs before the config
 * parsed cleanly.
 */
import { PlanError } from '../../errors';
import type { DeployConfig } from '../config/config-types';
import type { OrgTree } from '../org/org-tree';
import type { ProgressSink } from '../apply/progress';
import { aggregatorStackName } from '../aggregator';
import type { InstanceScope, StackSetsPort } from '../stack-sets-port';
import { TERMINAL_OPERATION_STATUSES } from '../stack-sets-port';
import type { StacksPort } from '../stacks-port';
import { isStackInProgress } from '../stacks-port';
import { isOwnedBy } from './ownership';
import type { CurrentStack } from './plan-aggregator';
import { isUpdatable } from './plan-aggregator';
import type { Plan, StackSetKind } from './plan-types';
import { planRollout } from './planner';
import { baselineStackSetName, ruleStackSetName } from './stack-set-names';
import type { StackSetState, StackSetSummary } from './stack-set-state';
import type { TemplateBodies } from './template-bodies';

export type OrganizationReader = () => Promise<OrgTree>;

export interface RolloutState {
  /** Stack sets marked as the prefix's, and stack sets carrying a name the config wants, read in full. */
  readonly current: StackSetState[];
  /** Every other stack set, as listed. */
  readonly others: StackSetSummary[];
}

/** The names the config wants: the baseline and one rule stack set per profile. */
function wantedStackSetNames(config: DeployConfig): Set<string> {
  return new Set([baselineStackSetName(config.prefix), ...config.profiles.map((p) => ruleStackSetName(config.prefix, p.name))]);
}

/** A stack set the plan is about: marked as the prefix's, or carrying a name the config wants. */
function isRolloutStackSet(config: DeployConfig): (s: StackSetSummary) => boolean {
  const wanted = wantedStackSetNames(config);
  return (s) => isOwnedBy(s.description, config.prefix) || wanted.has(s.name);
}

/** The stack sets the plan is about (see RolloutState), read a few at a time (DescribeStackSet throttles); instances only in `scope`. */
export async function readRolloutState(config: DeployConfig, port: StackSetsPort, scope?: InstanceScope): Promise<RolloutState> {
  const summaries = await port.listStackSets();
  const relevant = isRolloutStackSet(config);
  const names = summaries.filter(relevant).map((s) => s.name).sort();
  const current: StackSetState[] = [];
  for (let i = 0; i < names.length; i += 4) {
    const batch = await Promise.all(names.slice(i, i + 4).map((n) => port.readStackSet(n, scope)));
    for (const s of batch) if (s !== undefined) current.push(s);
  }
  return { current, others: summaries.filter((s) => !relevant(s)) };
}

export interface PlanContext {
  readonly config: DeployConfig;
  readonly readOrganization: OrganizationReader;
  readonly port: StackSetsPort;
  readonly stacks: StacksPort;
  readonly templates: TemplateBodies;
  readonly prune: boolean;
  readonly adopt: boolean;
  /** `destroy`: plan the removal of the prefix's stack sets of this kind (planner.ts). */
  readonly teardown?: StackSetKind;
}

/** The aggregator stack, with its template when an update could follow. */
export async function readAggregatorStack(config: DeployConfig, stacks: StacksPort): Promise<CurrentStack | undefined> {
  const state = await stacks.describeStack(aggregatorStackName(config.prefix));
  if (state === undefined) return undefined;
  return { state, templateBody: isUpdatable(state.status) ? await stacks.readTemplate(state.stackId) : undefined };
}

export async function computePlan(context: PlanContext): Promise<{ plan: Plan; org: OrgTree; current: StackSetState[] }> {
  const [org, state, access, administrationRegion] = await Promise.all([
    context.readOrganization(),
    readRolloutState(context.config, context.port),
    context.port.describeOrganizationsAccess(),
    context.port.administrationRegion(),
  ]);
  if (access === 'DISABLED') {
    throw new PlanError('trusted access between CloudFormation StackSets and AWS Organizations is not activated.', {
      where: 'cloudformation:DescribeOrganizationsAccess',
      fix: 'activate it once from the management account: CloudFormation console → StackSets → "Activate trusted access" (or `aws cloudformation activate-organizations-access`).',
    });
  }
  // After the reads above, so a failure (no network, no permission) is reported by the same call
  // every time; destroy's stack set passes leave the aggregator stack alone and do not read it.
  const aggregatorStack = context.teardown === undefined ? await readAggregatorStack(context.config, context.stacks) : undefined;
  const plan = planRollout({
    config: context.config,
    org,
    current: state.current,
    aggregatorStack,
    others: state.others,
    templates: context.templates,
    prune: context.prune,
    adopt: context.adopt,
    teardown: context.teardown,
    administrationRegion,
  });
  return { plan, org, current: state.current };
}

/**
 * Waits for operations still running on the prefix's stack sets (an interrupted apply, or auto-
 * deployment), so the plan starts from settled state. Returns how many it waited for.
 */
export async function waitForRunningOperations(
  config: DeployConfig,
  deps: { readonly port: StackSetsPort; readonly pollIntervalMs: number; readonly sleep: (ms: number) => Promise<void>; readonly log: (line: string) => void; readonly progress?: ProgressSink },
): Promise<number> {
  const names = (await deps.port.listStackSets())
    .filter(isRolloutStackSet(config))
    .map((s) => s.name)
    .sort();
  let waited = 0;
  for (const name of names) {
    for (const operationId of await deps.port.listActiveOperations(name)) {
      deps.log(`Waiting for operation ${operationId} on ${name}, still running from an earlier run…`);
      waited += 1;
      for (;;) {
        const state = await deps.port.describeOperation(name, operationId);
        if (TERMINAL_OPERATION_STATUSES.includes(state.status)) break;
        await deps.sleep(deps.pollIntervalMs);
      }
    }
  }
  return waited;
}

/**
 * Waits while CloudFormation works on the aggregator stack (an interrupted apply or destroy), so the
 * plan starts from a settled stack. Returns whether it waited.
 */
export async function waitForAggregatorStack(
  config: DeployConfig,
  deps: { readonly stacks: StacksPort; readonly pollIntervalMs: number; readonly sleep: (ms: number) => Promise<void>; readonly log: (line: string) => void },
): Promise<boolean> {
  let state = await deps.stacks.describeStack(aggregatorStackName(config.prefix));
  if (state === undefined || !isStackInProgress(state.status)) return false;
  deps.log(`Waiting for stack ${state.name} (${state.status}), still running from an earlier run…`);
  while (state !== undefined && isStackInProgress(state.status)) {
    await deps.sleep(deps.pollIntervalMs);
    state = await deps.stacks.describeStack(state.stackId);
  }
  return true;
}

/** Waits for what an earlier run left running: StackSet operations, then the aggregator stack. */
export async function settleRollout(
  config: DeployConfig,
  deps: { readonly port: StackSetsPort; readonly stacks: StacksPort; readonly pollIntervalMs: number; readonly sleep: (ms: number) => Promise<void>; readonly log: (line: string) => void },
): Promise<void> {
  await waitForRunningOperations(config, deps);
  await waitForAggregatorStack(config, deps);
}
