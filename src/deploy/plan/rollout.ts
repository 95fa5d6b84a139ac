/**
 * Wires config → organization → current StackSets → plan, over the two ports. Read-only: plan and
 * status use only this; apply adds applyPlan. Nothing here runs before the config parsed cleanly.
 */
import { PlanError } from '../../errors';
import type { DeployConfig } from '../config/config-types';
import type { OrgTree } from '../org/org-tree';
import type { Plan } from './plan-types';
import { planRollout } from './planner';
import { isManagedStackSetName } from './stack-set-names';
import type { ProgressSink } from '../apply/progress';
import type { StackSetState } from './stack-set-state';
import type { InstanceScope, StackSetsPort } from '../stack-sets-port';
import { TERMINAL_OPERATION_STATUSES } from '../stack-sets-port';
import type { TemplateBodies } from './template-bodies';

export type OrganizationReader = () => Promise<OrgTree>;

/** Reads the stack sets of the config's prefix (a few at a time: DescribeStackSet throttles); instances only in `scope`. */
export async function readManagedStackSets(config: DeployConfig, port: StackSetsPort, scope?: InstanceScope): Promise<StackSetState[]> {
  const names = (await port.listStackSetNames()).filter((n) => isManagedStackSetName(config.prefix, n)).sort();
  const states: StackSetState[] = [];
  for (let i = 0; i < names.length; i += 4) {
    const batch = await Promise.all(names.slice(i, i + 4).map((n) => port.readStackSet(n, scope)));
    for (const s of batch) if (s !== undefined) states.push(s);
  }
  return states;
}

export interface PlanContext {
  readonly config: DeployConfig;
  readonly readOrganization: OrganizationReader;
  readonly port: StackSetsPort;
  readonly templates: TemplateBodies;
  readonly prune: boolean;
}

export async function computePlan(context: PlanContext): Promise<{ plan: Plan; org: OrgTree; current: StackSetState[] }> {
  const [org, current, access, administrationRegion] = await Promise.all([
    context.readOrganization(),
    readManagedStackSets(context.config, context.port),
    context.port.describeOrganizationsAccess(),
    context.port.administrationRegion(),
  ]);
  if (access === 'DISABLED') {
    throw new PlanError('trusted access between CloudFormation StackSets and AWS Organizations is not activated.', {
      where: 'cloudformation:DescribeOrganizationsAccess',
      fix: 'activate it once from the management account: CloudFormation console → StackSets → "Activate trusted access" (or `aws cloudformation activate-organizations-access`).',
    });
  }
  const plan = planRollout({ config: context.config, org, current, templates: context.templates, prune: context.prune, administrationRegion });
  return { plan, org, current };
}

/**
 * Waits for operations still running on the prefix's stack sets (an interrupted apply, or auto-
 * deployment), so the plan starts from settled state. Returns how many it waited for.
 */
export async function waitForRunningOperations(
  config: DeployConfig,
  deps: { readonly port: StackSetsPort; readonly pollIntervalMs: number; readonly sleep: (ms: number) => Promise<void>; readonly log: (line: string) => void; readonly progress?: ProgressSink },
): Promise<number> {
  const names = (await deps.port.listStackSetNames()).filter((n) => isManagedStackSetName(config.prefix, n)).sort();
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
