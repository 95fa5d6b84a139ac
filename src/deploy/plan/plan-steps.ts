/**
 * Per stack set: which (OU, region) targets to add and remove, and the steps that do it, grouped into
 * as few StackSet operations as possible (OUs sharing the same missing regions go in one call, at most
 * 50 OUs per call).
 */
import type { CallAs, OperationPreferences } from '../config/config-types';
import { deriveOperationId } from './operation-id';
import type { OrgTree } from '../org/org-tree';
import type { ParameterValue, PlanStep, RemovalReason, StackSetKind, TargetGroup } from './plan-types';
import { MAX_OUS_PER_CALL } from './plan-types';
import type { StackSetTemplate } from './template-bodies';

/** OU id → regions. */
export type PairMap = ReadonlyMap<string, ReadonlySet<string>>;

export const PHASE = {
  deleteInstances: 1,
  baselineDefinition: 2,
  ruleDefinition: 3,
  baselineInstances: 4,
  ruleInstances: 5,
  deleteStackSet: 6,
} as const;

export interface TargetDiff {
  readonly add: readonly TargetGroup[];
  readonly remove: readonly (TargetGroup & { readonly reason: RemovalReason })[];
  readonly orphaned: readonly TargetGroup[];
  /** Wider baseline targets kept even with --prune: removing them would delete the baseline in OUs that stay. */
  readonly narrowed: readonly TargetGroup[];
  /** Targeted OU ids that are no longer in the organization (they reach no account). */
  readonly unknownOus: readonly string[];
}

export interface DiffInput {
  readonly org: OrgTree;
  readonly reach: ReadonlyMap<string, number>;
  readonly name: string;
  readonly kind: StackSetKind;
  readonly desired: PairMap;
  readonly current: PairMap;
  /** The desired targets of every other rule stack set. */
  readonly otherRulePairs: readonly PairMap[];
  readonly prune: boolean;
}

/**
 * A current target inside a desired target (same region) is kept: it reaches nothing the desired one
 * does not. Any other current target is removed when it overlaps another rule stack set's desired
 * targets (a move: two rules in one account would fight), or when pruning; else it is orphaned.
 * Two exceptions. A baseline target with desired targets below it (the config narrowed it, e.g. a new
 * skipOus entry) is kept even when pruning: DeleteStackInstances on an OU deletes the stacks of its
 * whole subtree, so the Config recorders of the OUs that stay would be deleted and created again (and
 * each retained delivery bucket left behind). And an OU no longer in the organization is left alone:
 * its accounts left it before it could be deleted, and auto-deployment removed their stacks.
 */
export function diffTargets(input: DiffInput): TargetDiff {
  const { org, desired, current } = input;
  const parentOf = (id: string): string | undefined => org.nodes.get(id)?.parentId;
  const coveredBy = (pairs: PairMap, ou: string, region: string): boolean => {
    for (let n: string | undefined = ou; n !== undefined; n = parentOf(n)) if (pairs.get(n)?.has(region) === true) return true;
    return false;
  };
  const move = new Map<string, Set<string>>();
  const prune = new Map<string, Set<string>>();
  const narrowed = new Map<string, Set<string>>();
  const unknownOus = [...current.keys()].filter((ou) => !org.nodes.has(ou)).sort();
  const aboveDesired = input.kind === 'baseline' ? strictAncestorsOf(org, desired) : new Map<string, Set<string>>();
  let ancestorsOfOthers: Map<string, Set<string>> | undefined;
  for (const [ou, regions] of current) {
    if (!org.nodes.has(ou)) continue;
    for (const region of regions) {
      if (coveredBy(desired, ou, region)) continue;
      if (aboveDesired.get(ou)?.has(region) === true) {
        addPair(narrowed, ou, region);
        continue;
      }
      let conflict = false;
      if (input.kind === 'rule') {
        ancestorsOfOthers ??= ancestorsOf(org, input.otherRulePairs);
        conflict = ancestorsOfOthers.get(ou)?.has(region) === true || input.otherRulePairs.some((p) => coveredBy(p, ou, region));
      }
      addPair(conflict ? move : prune, ou, region);
    }
  }
  const kept = new Map<string, Set<string>>();
  for (const [ou, regions] of current) {
    if (!org.nodes.has(ou)) continue;
    for (const region of regions) {
      if (move.get(ou)?.has(region) === true || (input.prune && prune.get(ou)?.has(region) === true)) continue;
      addPair(kept, ou, region);
    }
  }
  const add = new Map<string, Set<string>>();
  for (const [ou, regions] of desired) for (const region of regions) if (!coveredBy(kept, ou, region)) addPair(add, ou, region);
  const group = (pairs: PairMap): TargetGroup[] => groupPairs(pairs, input.org, input.reach);
  return {
    add: group(add),
    remove: [
      ...group(move).map((g) => ({ ...g, reason: 'move' as const })),
      ...(input.prune ? group(prune).map((g) => ({ ...g, reason: 'prune' as const })) : []),
    ],
    orphaned: input.prune ? [] : group(prune),
    narrowed: group(narrowed),
    unknownOus,
  };
}

function addPair(pairs: Map<string, Set<string>>, ou: string, region: string): void {
  const regions = pairs.get(ou) ?? new Set<string>();
  regions.add(region);
  pairs.set(ou, regions);
}

/** node id → regions in which it is a strict ancestor of a target of `pairs`. */
function strictAncestorsOf(org: OrgTree, pairs: PairMap): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const [ou, regions] of pairs) {
    for (let n = org.nodes.get(ou)?.parentId; n !== undefined; n = org.nodes.get(n)?.parentId) for (const region of regions) addPair(result, n, region);
  }
  return result;
}

/** node id → regions in which it is a target of `pairs`, or an ancestor of one. */
function ancestorsOf(org: OrgTree, pairsList: readonly PairMap[]): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const pairs of pairsList) {
    for (const [ou, regions] of pairs) {
      for (let n: string | undefined = ou; n !== undefined; n = org.nodes.get(n)?.parentId) for (const region of regions) addPair(result, n, region);
    }
  }
  return result;
}

/** OUs sharing the same region set form one group (one operation per 50 OUs); deterministic order. */
export function groupPairs(pairs: PairMap, org: OrgTree, reach: ReadonlyMap<string, number>): TargetGroup[] {
  const byRegions = new Map<string, string[]>();
  for (const [ou, regions] of pairs) {
    if (regions.size === 0) continue;
    const key = [...regions].sort().join(',');
    byRegions.set(key, [...(byRegions.get(key) ?? []), ou]);
  }
  const groups: TargetGroup[] = [];
  for (const key of [...byRegions.keys()].sort()) {
    const ous = (byRegions.get(key) ?? [])
      .map((id) => ({ id, path: org.nodes.get(id)?.path ?? id, accounts: reach.get(id) ?? 0 }))
      .sort((a, b) => a.path.localeCompare(b.path) || a.id.localeCompare(b.id));
    for (let i = 0; i < ous.length; i += MAX_OUS_PER_CALL) {
      const batch = ous.slice(i, i + MAX_OUS_PER_CALL);
      groups.push({ ous: batch, regions: key.split(','), accounts: batch.reduce((sum, o) => sum + o.accounts, 0) });
    }
  }
  return groups;
}

export interface StepsInput {
  readonly name: string;
  readonly kind: StackSetKind;
  readonly template: StackSetTemplate;
  readonly templateHash: string;
  readonly parameters: readonly ParameterValue[];
  readonly dependsOn: string | undefined;
  readonly create: boolean;
  readonly update: boolean;
  /** The current parameter keys when managed execution must be turned on first (its own UpdateStackSet). */
  readonly enableManagedExecution: readonly string[] | undefined;
  readonly deleteStackSet: boolean;
  readonly diff: TargetDiff;
  /** Failed instances to deploy again: OU id, account, region. */
  readonly retry: readonly { readonly ouId: string; readonly account: string; readonly region: string }[];
  /** Hash of the stack set's current state; part of every OperationId (see operation-id.ts). */
  readonly before: string;
  readonly callAs: CallAs;
  readonly operationPreferences: OperationPreferences;
}

export function buildStackSetSteps(input: StepsInput): PlanStep[] {
  const { name: stackSet, before } = input;
  const steps: PlanStep[] = [];
  const definition = {
    stackSet,
    template: input.template,
    parameters: input.parameters.map(({ key, value }) => ({ key, value })),
    dependsOn: input.dependsOn,
  };
  const request = { ...definition, templateHash: input.templateHash, callAs: input.callAs, preferences: input.operationPreferences, before };
  for (const group of input.diff.remove) {
    const ouIds = group.ous.map((o) => o.id);
    steps.push({
      kind: 'delete-instances',
      phase: PHASE.deleteInstances,
      stackSet,
      ouIds,
      regions: group.regions,
      accounts: group.accounts,
      reason: group.reason,
      operationId: deriveOperationId('remove', { stackSet, ouIds, regions: group.regions, callAs: input.callAs, preferences: input.operationPreferences, before }),
    });
  }
  const definitionPhase = input.kind === 'baseline' ? PHASE.baselineDefinition : PHASE.ruleDefinition;
  if (input.enableManagedExecution !== undefined) {
    steps.push({
      kind: 'enable-managed-execution',
      phase: definitionPhase,
      stackSet,
      parameterKeys: input.enableManagedExecution,
      operationId: deriveOperationId('managed', { stackSet, callAs: input.callAs, preferences: input.operationPreferences, before }),
    });
  }
  if (input.create) {
    // No ClientRequestToken of ours: the SDK fills one per call, kept across its retries. A token derived
    // from the plan would repeat when a pruned stack set is created again, and CloudFormation could take
    // that as a retry of the first, long-deleted creation. A resumed run needs none: the plan sees the set.
    steps.push({ kind: 'create-stack-set', phase: definitionPhase, ...definition });
  } else if (input.update) {
    steps.push({ kind: 'update-stack-set', phase: definitionPhase, ...definition, operationId: deriveOperationId('update', request) });
  }
  for (const group of input.diff.add) {
    const ouIds = group.ous.map((o) => o.id);
    steps.push({
      kind: 'create-instances',
      phase: input.kind === 'baseline' ? PHASE.baselineInstances : PHASE.ruleInstances,
      stackSet,
      ouIds,
      regions: group.regions,
      accounts: group.accounts,
      operationId: deriveOperationId('add', { stackSet, ouIds, regions: group.regions, callAs: input.callAs, preferences: input.operationPreferences, before }),
    });
  }
  const instancesPhase = input.kind === 'baseline' ? PHASE.baselineInstances : PHASE.ruleInstances;
  const retryOus = [...new Set(input.retry.map((r) => r.ouId))].sort();
  for (let i = 0; i < retryOus.length; i += MAX_OUS_PER_CALL) {
    const ouIds = retryOus.slice(i, i + MAX_OUS_PER_CALL);
    const inBatch = input.retry.filter((r) => ouIds.includes(r.ouId));
    const accountIds = [...new Set(inBatch.map((r) => r.account))].sort();
    const regions = [...new Set(inBatch.map((r) => r.region))].sort();
    steps.push({
      kind: 'retry-instances',
      phase: instancesPhase,
      stackSet,
      ouIds,
      accountIds,
      regions,
      accounts: accountIds.length,
      operationId: deriveOperationId('retry', { stackSet, ouIds, accountIds, regions, callAs: input.callAs, preferences: input.operationPreferences, before }),
    });
  }
  if (input.deleteStackSet) steps.push({ kind: 'delete-stack-set', phase: PHASE.deleteStackSet, stackSet });
  return steps;
}
