/** One stack set's part of the plan: its diff, whether its definition changes, its steps, and what the proof checks. */
import type { CallAs, OperationPreferences } from '../config/config-types';
import { isDeployable } from '../org/org-tree';
import type { OwnedStackSet } from './current-state';
import { simulationOf } from './current-state';
import type { DesiredStackSet } from './desired-state';
import type { ParameterValue, PlanStep, StackSetChange, StackSetKind, StackSetPlan, TargetGroup } from './plan-types';
import { stableStringify } from './operation-id';
import { buildStackSetSteps } from './plan-steps';
import type { ProofStackSet } from './prove-plan';
import { instanceCount } from './simulate';
import type { DiffContext } from './stack-set-diff';
import { diffStackSet } from './stack-set-diff';
import { addPair } from './target-groups';
import type { TemplateBodies } from './template-bodies';
import { sameTemplate } from './template-bodies';

export interface PlanStackSetInput {
  readonly name: string;
  readonly kind: StackSetKind;
  readonly profile: string | undefined;
  readonly want: DesiredStackSet | undefined;
  readonly owned: OwnedStackSet | undefined;
  readonly ctx: DiffContext;
  readonly templates: TemplateBodies;
  readonly templateHash: string;
  /** The baseline's ARN, which rule stack sets' AutoDeployment.DependsOn must name. */
  readonly baselineArn: string | undefined;
  readonly callAs: CallAs;
  readonly operationPreferences: OperationPreferences;
}

export interface PlannedStackSet {
  readonly plan: StackSetPlan;
  readonly steps: readonly PlanStep[];
  readonly proof: ProofStackSet;
}

export function planStackSet(input: PlanStackSetInput): PlannedStackSet {
  const { ctx, want, owned } = input;
  const state = owned?.state;
  const start = simulationOf(state, input.name, input.kind, ctx.index);
  const diff = diffStackSet({ name: input.name, kind: input.kind, want, sim: start }, ctx);
  const changes: StackSetChange[] = [];
  if (owned?.adopt === true) changes.push('adopt');
  if (want !== undefined && state !== undefined) changes.push(...definitionChanges({ want, owned: owned as OwnedStackSet, templates: input.templates, baselineArn: input.baselineArn }));
  const update = want !== undefined && state !== undefined && changes.some((c) => c === 'adopt' || c === 'template' || c === 'parameters' || c === 'settings');
  const enableManagedExecution = want !== undefined && changes.includes('managed-execution');
  if (state !== undefined && diff.remove.length + diff.add.length + diff.strayRemovals.length > 0) changes.push('targets');
  if (diff.repair.length > 0) changes.push('missing-instances');
  // UpdateStackSet redeploys every instance anyway; otherwise failed ones get their own redeploy.
  const retry = update || enableManagedExecution ? [] : diff.outdated;
  if (retry.length > 0) changes.push('failed-instances');
  // Instances of accounts the plan cannot act on (suspended, gone): DeleteStackSet would refuse the set.
  const strandedInstances = (state?.instances ?? []).some((i) => !ctx.index.tree.accounts.has(i.account) || !isDeployable(ctx.index.tree, i.account));
  const deleteStackSet = want === undefined && ctx.prune && instanceCount(diff.after) === 0 && !strandedInstances && diff.unknownOus.length === 0;
  const action = want === undefined ? (deleteStackSet ? 'delete' : 'orphaned') : state === undefined ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
  const steps = buildStackSetSteps({
    name: input.name,
    kind: input.kind,
    want,
    templateHash: input.templateHash,
    create: want !== undefined && state === undefined,
    update,
    enableManagedExecution: enableManagedExecution ? Object.keys(state?.parameters ?? {}).sort() : undefined,
    deleteStackSet,
    diff,
    retry,
    basis: { stackSetId: state?.id ?? `${input.name}:new`, latestOperationId: state?.latestOperationId },
    callAs: input.callAs,
    operationPreferences: input.operationPreferences,
  });
  const targets = (want?.targets ?? []).map((id) => ({ id, path: ctx.index.tree.nodes.get(id)?.path ?? id, accounts: ctx.index.accountsUnder(id).length }));
  const plan: StackSetPlan = {
    name: input.name,
    kind: input.kind,
    profile: input.profile,
    action,
    changes,
    parameters: (want?.parameters ?? []).map((p): ParameterValue => {
      const previous = state?.parameters[p.key];
      return state !== undefined && previous !== p.value ? { ...p, previous: previous ?? '(unset)' } : p;
    }),
    targets,
    regions: want === undefined ? [] : [...ctx.regions],
    accounts: targets.reduce((sum, t) => sum + t.accounts, 0),
    add: [...diff.add, ...diff.repairOus],
    remove: diff.remove,
    orphaned: diff.orphaned,
    narrowed: diff.narrowed,
    unknownOus: diff.unknownOus,
    retry: retry.map(({ account, region }) => ({ account, region })),
    repair: diff.repair,
    stray: diff.stray,
    inoperable: diff.inoperable,
  };
  const keptTargets = new Map<string, Set<string>>();
  const keep = (groups: readonly TargetGroup[]): void => {
    for (const g of groups) for (const ou of g.ous) for (const region of g.regions) addPair(keptTargets, ou.id, region);
  };
  keep(diff.orphaned);
  keep(diff.narrowed);
  for (const ou of diff.unknownOus) for (const region of start.targets.get(ou) ?? []) addPair(keptTargets, ou, region);
  const keptInstances = new Set([
    ...diff.stray.filter((s) => s.reason === 'kept').map((s) => `${s.account}/${s.region}`),
    ...diff.inoperable.filter((i) => i.stuck).map((i) => `${i.account}/${i.region}`),
  ]);
  return { plan, steps, proof: { sim: start, want, keptTargets, keptInstances } };
}

interface ChangeInput {
  readonly want: DesiredStackSet;
  readonly owned: OwnedStackSet;
  readonly templates: TemplateBodies;
  readonly baselineArn: string | undefined;
}

function definitionChanges({ want, owned, templates, baselineArn }: ChangeInput): StackSetChange[] {
  const { state } = owned;
  const changes: StackSetChange[] = [];
  if (!sameTemplate(state.templateBody, templates[want.template])) changes.push('template');
  if (want.parameters.some((p) => state.parameters[p.key] !== p.value)) changes.push('parameters');
  const auto = state.autoDeployment;
  const dependsOnOk = want.dependsOn === undefined ? (auto?.dependsOn.length ?? 0) === 0 : baselineArn !== undefined && stableStringify(auto?.dependsOn ?? []) === stableStringify([baselineArn]);
  const marked = owned.adopt || state.description === want.description;
  if (auto?.enabled !== true || auto.retainStacksOnAccountRemoval || !dependsOnOk || !state.capabilities.includes('CAPABILITY_IAM') || !marked) changes.push('settings');
  if (!state.managedExecutionActive) changes.push('managed-execution');
  return changes;
}
