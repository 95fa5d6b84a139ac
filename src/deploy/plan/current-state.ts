/**
 * The stack sets the plan may touch, decided by their ownership mark (ownership.ts), and each one's
 * state as the simulation (simulate.ts) starts from.
 */
import { PlanError } from '../../errors';
import type { DeployConfig } from '../config/config-types';
import type { OrgIndex } from '../org/org-index';
import { isDeployable } from '../org/org-tree';
import type { DesiredStackSet } from './desired-state';
import { LEGACY_DESCRIPTION, readOwnershipMark } from './ownership';
import type { StackSetKind } from './plan-types';
import type { SimStackSet, SimStatus } from './simulate';
import { addTarget, newSimStackSet, setInstance } from './simulate';
import type { StackSetState } from './stack-set-state';

export interface OwnedStackSet {
  readonly state: StackSetState;
  readonly kind: StackSetKind;
  readonly profile: string | undefined;
  /** Unmarked, named as the config wants, and adopted on the user's word (`--adopt`). */
  readonly adopt: boolean;
}

/**
 * The prefix's stack sets: those marked as its own, and, with `adopt`, unmarked ones that carry a name
 * the config wants. A wanted name held by an unmarked stack set (without `adopt`) or by another rollout
 * stops the plan: apply could neither create that stack set nor safely take it over.
 */
export function claimStackSets(options: { config: DeployConfig; current: readonly StackSetState[]; desired: readonly DesiredStackSet[]; adopt: boolean }): OwnedStackSet[] {
  const { config } = options;
  const wanted = new Map(options.desired.map((d) => [d.name, d]));
  const owned: OwnedStackSet[] = [];
  const problems: string[] = [];
  for (const state of [...options.current].sort((a, b) => a.name.localeCompare(b.name))) {
    const mark = readOwnershipMark(state.description);
    const want = wanted.get(state.name);
    if (mark?.prefix === config.prefix) owned.push({ state, kind: mark.kind, profile: mark.profile, adopt: false });
    else if (want === undefined) continue;
    else if (mark !== undefined) problems.push(`${state.name} belongs to the sg-guardrail rollout with prefix "${mark.prefix}"`);
    else if (options.adopt) owned.push({ state, kind: want.kind, profile: want.profile, adopt: true });
    else problems.push(`${state.name} exists without sg-guardrail's ownership mark (${state.description === LEGACY_DESCRIPTION ? 'created by sg-guardrail 0.1' : 'not created by sg-guardrail apply'})`);
  }
  if (problems.length > 0) {
    throw new PlanError(`stack set(s) with the names this config needs are not this rollout's: ${problems.join('; ')}.`, {
      where: config.file,
      fix: 'if they are this rollout\'s (e.g. made by an earlier sg-guardrail), run plan and apply with --adopt to mark them; otherwise choose another prefix in the config.',
    });
  }
  for (const { state } of owned) {
    if (state.permissionModel !== undefined && state.permissionModel !== 'SERVICE_MANAGED') {
      throw new PlanError(`stack set ${state.name} exists with ${state.permissionModel} permissions; sg-guardrail manages only SERVICE_MANAGED stack sets.`, {
        where: state.name,
        fix: `delete that stack set, or choose another prefix in ${config.file}.`,
      });
    }
  }
  return owned;
}

const SIM_STATUS: Readonly<Record<string, SimStatus>> = { CURRENT: 'CURRENT', OUTDATED: 'OUTDATED', INOPERABLE: 'INOPERABLE' };

/**
 * The simulation's starting point: the exact targets, and the instances of deployable accounts (the
 * management account never has any; suspended ones are skipped by StackSets and matter to no check).
 * An instance whose last operation is still running counts as not CURRENT.
 */
export function simulationOf(state: StackSetState | undefined, name: string, kind: StackSetKind, index: OrgIndex): SimStackSet {
  const sim = newSimStackSet(name, kind, index, state !== undefined);
  for (const target of state?.targets ?? []) for (const region of target.regions) addTarget(sim, target.ouId, region);
  for (const i of state?.instances ?? []) {
    if (!index.tree.accounts.has(i.account) || !isDeployable(index.tree, i.account)) continue;
    setInstance(sim, i.region, i.account, SIM_STATUS[i.status] ?? 'OUTDATED');
  }
  return sim;
}
