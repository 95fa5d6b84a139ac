/**
 * The steps of one stack set, from its diff (stack-set-diff.ts): removals first (phase 1, every stack
 * set), then the definitions (baseline before rules), then new and repaired instances (baseline before
 * rules), then the deletion of stack sets left empty. Each operation gets an OperationId (operation-id.ts).
 */
import type { CallAs, OperationPreferences } from '../config/config-types';
import type { DesiredStackSet } from './desired-state';
import { deriveOperationId } from './operation-id';
import type { AccountFilter, PlanStep, StackSetKind } from './plan-types';
import type { StackSetDiff } from './stack-set-diff';
import { groupAccounts } from './target-groups';

export const PHASE = {
  deleteInstances: 1,
  baselineDefinition: 2,
  ruleDefinition: 3,
  baselineInstances: 4,
  ruleInstances: 5,
  deleteStackSet: 6,
} as const;

export interface StepsInput {
  readonly name: string;
  readonly kind: StackSetKind;
  readonly want: DesiredStackSet | undefined;
  readonly templateHash: string;
  readonly create: boolean;
  readonly update: boolean;
  /** The current parameter keys when managed execution must be turned on first (its own UpdateStackSet). */
  readonly enableManagedExecution: readonly string[] | undefined;
  readonly deleteStackSet: boolean;
  readonly diff: StackSetDiff;
  /** Wanted instances to redeploy (UpdateStackInstances), with the target OU that reaches each. */
  readonly retry: readonly { readonly ouId: string; readonly account: string; readonly region: string }[];
  /**
   * What every OperationId of the stack set includes besides its request: the stack set's id and its
   * newest operation. Any operation since (ours, auto-deployment, someone's) changes every id.
   */
  readonly basis: { readonly stackSetId: string; readonly latestOperationId: string | undefined };
  readonly callAs: CallAs;
  readonly operationPreferences: OperationPreferences;
}

export function buildStackSetSteps(input: StepsInput): PlanStep[] {
  const { name: stackSet, diff, want } = input;
  const id = (kind: string, request: object): string =>
    deriveOperationId(kind, { stackSet: input.basis.stackSetId, after: input.basis.latestOperationId ?? '', callAs: input.callAs, preferences: input.operationPreferences, ...request });
  const steps: PlanStep[] = [];
  const instances = (kind: 'create-instances' | 'delete-instances', request: { ouIds: readonly string[]; regions: readonly string[]; accountFilter?: AccountFilter; accounts: number }): { operationId: string } & typeof request => ({
    ...request,
    operationId: id(kind === 'create-instances' ? 'add' : 'remove', { ouIds: request.ouIds, regions: request.regions, accountFilter: request.accountFilter }),
  });
  for (const g of diff.remove) {
    steps.push({ kind: 'delete-instances', phase: PHASE.deleteInstances, stackSet, reason: g.reason, ...instances('delete-instances', { ouIds: g.ous.map((o) => o.id), regions: g.regions, accounts: g.accounts }) });
  }
  for (const g of diff.strayRemovals) {
    const accountFilter = { type: 'INTERSECTION' as const, accounts: g.accounts };
    steps.push({ kind: 'delete-instances', phase: PHASE.deleteInstances, stackSet, reason: g.reason, ...instances('delete-instances', { ouIds: g.ouIds, regions: g.regions, accountFilter, accounts: g.accounts.length }) });
  }
  const definitionPhase = input.kind === 'baseline' ? PHASE.baselineDefinition : PHASE.ruleDefinition;
  const instancesPhase = input.kind === 'baseline' ? PHASE.baselineInstances : PHASE.ruleInstances;
  if (input.enableManagedExecution !== undefined) {
    steps.push({ kind: 'enable-managed-execution', phase: definitionPhase, stackSet, parameterKeys: input.enableManagedExecution, operationId: id('managed', {}) });
  }
  if (want !== undefined && (input.create || input.update)) {
    const definition = {
      stackSet,
      template: want.template,
      parameters: want.parameters.map(({ key, value }) => ({ key, value })),
      dependsOn: want.dependsOn,
      description: want.description,
    };
    // No ClientRequestToken of ours on create: the SDK fills one per call, kept across its retries. A
    // token derived from the plan would repeat when a pruned stack set is created again.
    if (input.create) steps.push({ kind: 'create-stack-set', phase: definitionPhase, ...definition });
    else steps.push({ kind: 'update-stack-set', phase: definitionPhase, ...definition, operationId: id('update', { ...definition, templateHash: input.templateHash }) });
  }
  for (const g of [...diff.add, ...diff.repairOus]) {
    steps.push({ kind: 'create-instances', phase: instancesPhase, stackSet, ...instances('create-instances', { ouIds: g.ous.map((o) => o.id), regions: g.regions, accounts: g.accounts }) });
  }
  for (const g of diff.repairAccounts) {
    const accountFilter = { type: 'INTERSECTION' as const, accounts: g.accounts };
    steps.push({ kind: 'create-instances', phase: instancesPhase, stackSet, ...instances('create-instances', { ouIds: g.ouIds, regions: g.regions, accountFilter, accounts: g.accounts.length }) });
  }
  for (const g of groupAccounts(input.retry.map((r) => ({ ou: r.ouId, account: r.account, region: r.region })))) {
    const request = { ouIds: g.ouIds, accountIds: g.accounts, regions: g.regions };
    steps.push({ kind: 'retry-instances', phase: instancesPhase, stackSet, ...request, accounts: g.accounts.length, operationId: id('retry', request) });
  }
  if (input.deleteStackSet) steps.push({ kind: 'delete-stack-set', phase: PHASE.deleteStackSet, stackSet });
  return steps;
}
