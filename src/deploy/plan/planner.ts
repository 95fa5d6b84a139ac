/**
 * The planner: a pure function of (config, organization, current StackSets and aggregator stack,
 * template bodies) to the plan apply executes. It returns a plan only once the proof (prove-plan.ts)
 * shows that running its stack set steps leaves the organization as the config says; the aggregator
 * stack is a section of its own (plan-aggregator.ts). No I/O; every order is deterministic.
 */
import { PlanError } from '../../errors';
import type { DeployConfig } from '../config/config-types';
import type { OrgIndex } from '../org/org-index';
import { indexOrg } from '../org/org-index';
import type { OrgTree } from '../org/org-tree';
import { describeConfigWarnings } from './config-warnings';
import { claimStackSets } from './current-state';
import type { OwnedStackSet } from './current-state';
import type { DesiredState } from './desired-state';
import { buildDesiredState } from './desired-state';
import { sha256 } from './operation-id';
import type { CurrentStack } from './plan-aggregator';
import { planAggregatorStack } from './plan-aggregator';
import type { Plan, StackSetKind } from './plan-types';
import type { PlannedStackSet } from './plan-stack-set';
import { planStackSet } from './plan-stack-set';
import { describeWarnings } from './plan-warnings';
import { provePlan } from './prove-plan';
import { baselineStackSetName } from './stack-set-names';
import type { DiffContext } from './stack-set-diff';
import type { StackSetState, StackSetSummary } from './stack-set-state';
import { resolveConfigOus } from './targeting';
import type { TemplateBodies } from './template-bodies';
import { checkTemplateSizes } from './template-bodies';

export interface PlanInput {
  readonly config: DeployConfig;
  readonly org: OrgTree;
  /** The stack sets marked as this prefix's, and those with a name the config wants (rollout.ts). */
  readonly current: readonly StackSetState[];
  /** The aggregator stack as it is (undefined: there is none). */
  readonly aggregatorStack?: CurrentStack;
  /** Every other stack set of the account (ListStackSets), for warnings about other rollouts. */
  readonly others?: readonly StackSetSummary[];
  readonly templates: TemplateBodies;
  /** Delete stack instances and stack sets no longer in the config. */
  readonly prune: boolean;
  /** Mark unmarked stack sets that carry a name the config wants as this prefix's. */
  readonly adopt?: boolean;
  /** The region the stack sets live in, shown so a run from another region is noticed. */
  readonly administrationRegion?: string;
  /**
   * `destroy`: instead of the config's rollout, remove every stack set of this kind marked as the
   * prefix's (instances, then the stack set), whatever the config's profiles and OUs say now. Such a
   * plan has no aggregator section (destroy plans that stack on its own, last).
   */
  readonly teardown?: StackSetKind;
}

/** What a teardown wants: nothing. */
const NOTHING: DesiredState = {
  stackSets: [],
  ruleTargets: { targets: new Map(), uncovered: [], ownerOf: new Map() },
  baselineTargets: { targets: new Map(), uncovered: [], ownerOf: new Map() },
};

export function planRollout(input: PlanInput): Plan {
  const { config, templates } = input;
  checkOrganization(input.org);
  checkTemplateSizes(templates);
  const index = indexOrg(input.org);
  const desired = input.teardown === undefined ? buildDesiredState({ config, index, ous: resolveConfigOus(config, input.org), templates }) : NOTHING;
  const claimed = claimStackSets({ config, current: input.current, desired: desired.stackSets, adopt: input.adopt === true });
  const owned = claimed.filter((o) => input.teardown === undefined || o.kind === input.teardown);
  const prune = input.prune || input.teardown !== undefined;
  const planned = planStackSets({ input, index, desired, owned, prune });
  const steps = planned.flatMap((p) => p.steps).sort((a, b) => a.phase - b.phase);
  const problems = provePlan({ index, regions: config.regions, stackSets: planned.map((p) => p.proof), steps, noBaselineNeeded: accountsWithoutBaseline(index, desired) });
  if (problems.length > 0) {
    throw new PlanError(`the plan would not leave the organization as the config says (a defect of sg-guardrail's planner; nothing was changed): ${problems.join('; ')}.`, {
      where: config.file,
      fix: 'report it with `sg-guardrail plan --json` output; meanwhile, `sg-guardrail status` shows the current state.',
    });
  }
  const stackSets = planned.map((p) => p.plan);
  const aggregator = input.teardown === undefined ? planAggregatorStack({ config, current: input.aggregatorStack, templates, prune, adopt: input.adopt === true, teardown: false }) : undefined;
  return {
    prefix: config.prefix,
    callAs: config.callAs,
    administrationRegion: input.administrationRegion,
    regions: [...config.regions],
    operationPreferences: config.operation,
    prune,
    adopt: input.adopt === true,
    templates: { baseline: sha256(templates.baseline), rule: sha256(templates.rule) },
    organization: { ous: input.org.nodes.size, accounts: input.org.accounts.size },
    stackSets,
    steps,
    ...(aggregator === undefined ? {} : { aggregator }),
    warnings: [
      ...(input.teardown === undefined ? describeConfigWarnings({ config, org: input.org }) : []),
      ...describeWarnings({ index, config, desired, stackSets, owned, others: input.others ?? [] }),
    ],
  };
}

function checkOrganization(org: OrgTree): void {
  if (org.featureSet === 'CONSOLIDATED_BILLING') {
    throw new PlanError('the organization has only consolidated billing features; service-managed StackSets need all features.', {
      where: 'organizations:DescribeOrganization',
      fix: 'enable all features in AWS Organizations (Settings → Enable all features), then activate trusted access for StackSets.',
    });
  }
}

/** Every stack set the plan is about: the config's, then the prefix's ones it no longer names, by name. */
function planStackSets({ input, index, desired, owned, prune }: { input: PlanInput; index: OrgIndex; desired: DesiredState; owned: readonly OwnedStackSet[]; prune: boolean }): PlannedStackSet[] {
  const { config, templates } = input;
  const ownedByName = new Map(owned.map((o) => [o.state.name, o]));
  const wanted = new Set(desired.stackSets.map((d) => d.name));
  const orphans = owned.filter((o) => !wanted.has(o.state.name));
  const ctx = diffContext(index, desired, config, prune);
  const baselineArn = ownedByName.get(baselineStackSetName(config.prefix))?.state.arn;
  const hashes = { baseline: sha256(templates.baseline), rule: sha256(templates.rule) };
  const common = { ctx, templates, baselineArn, callAs: config.callAs, operationPreferences: config.operation };
  return [
    ...desired.stackSets.map((want) =>
      planStackSet({ ...common, name: want.name, kind: want.kind, profile: want.profile, want, owned: ownedByName.get(want.name), templateHash: hashes[want.template] }),
    ),
    ...orphans.map((o) => planStackSet({ ...common, name: o.state.name, kind: o.kind, profile: o.profile, want: undefined, owned: o, templateHash: hashes[o.kind] })),
  ];
}

function diffContext(index: OrgIndex, desired: DesiredState, config: DeployConfig, prune: boolean): DiffContext {
  const ruleTargetOwner = new Map<string, string>();
  const ruleTargetsAbove = new Map<string, Set<string>>();
  const ruleOwner = new Map<string, string>();
  for (const set of desired.stackSets) {
    if (set.kind !== 'rule') continue;
    for (const ou of set.targets) {
      ruleTargetOwner.set(ou, set.name);
      for (const node of index.ancestorsOf(ou)) ruleTargetsAbove.set(node, new Set([...(ruleTargetsAbove.get(node) ?? []), set.name]));
    }
    for (const account of set.accounts) ruleOwner.set(account, set.name);
  }
  return { index, regions: config.regions, prune, ruleTargetOwner, ruleTargetsAbove, ruleOwner };
}

/** Accounts whose rule needs no baseline of this rollout: under skipOus, or reported as unreachable by it. */
function accountsWithoutBaseline(index: OrgIndex, desired: DesiredState): Set<string> {
  const accounts = new Set<string>();
  for (const u of desired.baselineTargets.uncovered) for (const a of u.accountIds) accounts.add(a);
  for (const [nodeId, label] of desired.baselineTargets.ownerOf) {
    if (label !== 'baseline') for (const a of index.tree.nodes.get(nodeId)?.accountIds ?? []) accounts.add(a);
  }
  return accounts;
}
