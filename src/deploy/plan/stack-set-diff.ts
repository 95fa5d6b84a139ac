/**
 * One stack set: from what exists to what the config wants, reasoned on the simulation (simulate.ts) so
 * that every later decision sees what the earlier steps leave:
 * 1. classify each current OU → region target: kept (wanted, or nested in a wanted target), removed
 *    (another profile now covers it, or --prune), or kept with a warning (orphaned, a narrowed baseline,
 *    an OU gone from the organization);
 * 2. remove the removed targets (a subtree deletion each);
 * 3. find stray instances outside every remaining target: removed when another profile covers the
 *    account or with --prune (only that account, AccountFilterType INTERSECTION), else kept and reported;
 * 4. add the wanted targets still missing;
 * 5. repair wanted instances that are still missing (a wider target's subtree deletion took them, or
 *    someone deleted them) by creating them again;
 * 6. redeploy wanted instances whose last operation failed, unless the definition update redeploys all.
 */
import type { OrgIndex } from '../org/org-index';
import type { DesiredStackSet } from './desired-state';
import type { AccountRegion, RemovalReason, StackSetKind, TargetGroup } from './plan-types';
import type { SimStackSet } from './simulate';
import { cloneSimStackSet, reachMask, simulateStep, statusesIn, targetedMask } from './simulate';
import { addPair, groupAccounts, groupPairs } from './target-groups';
import type { AccountGroup } from './target-groups';

export interface DiffContext {
  readonly index: OrgIndex;
  readonly regions: readonly string[];
  readonly prune: boolean;
  /** Each wanted rule target → the rule stack set wanting it. */
  readonly ruleTargetOwner: ReadonlyMap<string, string>;
  /** Every node that is, or is an ancestor of, a wanted rule target → the rule stack sets wanting those. */
  readonly ruleTargetsAbove: ReadonlyMap<string, ReadonlySet<string>>;
  /** Account → the rule stack set that must cover it (in every region of the config). */
  readonly ruleOwner: ReadonlyMap<string, string>;
}

export interface StackSetDiffInput {
  readonly name: string;
  readonly kind: StackSetKind;
  /** Undefined for a stack set the config no longer names. */
  readonly want: DesiredStackSet | undefined;
  /** The stack set as it is now (a new, empty one when it does not exist). */
  readonly sim: SimStackSet;
}

export interface StackSetDiff {
  readonly remove: readonly (TargetGroup & { readonly reason: RemovalReason })[];
  readonly orphaned: readonly TargetGroup[];
  readonly narrowed: readonly TargetGroup[];
  readonly unknownOus: readonly string[];
  readonly strayRemovals: readonly (AccountGroup & { readonly reason: RemovalReason })[];
  readonly stray: readonly (AccountRegion & { readonly reason: RemovalReason | 'kept' })[];
  readonly add: readonly TargetGroup[];
  /** Missing wanted instances: whole OUs when every account of the OU misses it, else single accounts. */
  readonly repairOus: readonly TargetGroup[];
  readonly repairAccounts: readonly AccountGroup[];
  readonly repair: readonly AccountRegion[];
  /** Wanted instances that exist but are not CURRENT (failed or cancelled last time), with their target. */
  readonly outdated: readonly (AccountRegion & { readonly ouId: string })[];
  readonly inoperable: readonly (AccountRegion & { readonly stuck: boolean })[];
  /** The stack set after every step of this diff (without a definition update). */
  readonly after: SimStackSet;
}

export function diffStackSet(input: StackSetDiffInput, ctx: DiffContext): StackSetDiff {
  const { index } = ctx;
  const { want } = input;
  const sim = cloneSimStackSet(input.sim);
  const regions = new Set(ctx.regions);
  const wanted = new Set(want?.targets ?? []);
  const wantedAbove = new Set(want === undefined ? [] : want.targets.flatMap((t) => index.ancestorsOf(t).slice(1)));
  const isWanted = (ou: string, region: string): boolean => regions.has(region) && index.ancestorsOf(ou).some((n) => wanted.has(n));

  // 1–2. Targets.
  const removeMove = new Map<string, Set<string>>();
  const removePrune = new Map<string, Set<string>>();
  const orphaned = new Map<string, Set<string>>();
  const narrowed = new Map<string, Set<string>>();
  const unknownOus: string[] = [];
  for (const [ou, targetRegions] of [...sim.targets].sort(([a], [b]) => a.localeCompare(b))) {
    if (!index.tree.nodes.has(ou)) {
      unknownOus.push(ou);
      continue;
    }
    for (const region of [...targetRegions].sort()) {
      if (isWanted(ou, region)) continue;
      // Deleting a wide baseline target deletes the recorders of the OUs that stay (see the warning).
      if (input.kind === 'baseline' && regions.has(region) && wantedAbove.has(ou)) addPair(narrowed, ou, region);
      else if (input.kind === 'rule' && regions.has(region) && overlapsOtherRule(ou, input.name, ctx)) addPair(removeMove, ou, region);
      else addPair(ctx.prune ? removePrune : orphaned, ou, region);
    }
  }
  const remove = [
    ...groupPairs(removeMove, index).map((g) => ({ ...g, reason: 'move' as const })),
    ...groupPairs(removePrune, index).map((g) => ({ ...g, reason: 'prune' as const })),
  ];
  for (const g of remove) predict(sim, index, 'delete-instances', { ouIds: g.ous.map((o) => o.id), regions: g.regions });

  // 3. Stray instances (outside every target left), and INOPERABLE wanted ones (deleted to deploy afresh).
  const wantMask = reachMask(index, want?.targets ?? []);
  const stray: (AccountRegion & { reason: RemovalReason | 'kept' })[] = [];
  const inoperable: (AccountRegion & { stuck: boolean })[] = [];
  const removalItems: { ou: string; account: string; region: string; reason: RemovalReason }[] = [];
  for (const region of [...sim.instances.keys()].sort()) {
    const targeted = targetedMask(sim, region);
    const wantedHere = regions.has(region);
    const statusOf = statusesIn(sim, region);
    for (let at = 0; at < index.accounts.length; at += 1) {
      const status = statusOf(at);
      const wanted = wantedHere && wantMask[at] === 1;
      // Only INOPERABLE wanted instances and instances outside every target need a look.
      if (status === undefined || (wanted ? status !== 'INOPERABLE' : targeted[at] === 1)) continue;
      const account = index.accounts[at] as string;
      const parent = index.tree.accounts.get(account)?.parentId;
      if (parent === undefined) continue;
      if (wanted) {
        // A filtered deletion must name an OU the stack set does not target there (what AWS does to
        // the targets of such a deletion is not documented): the nearest such ancestor of the account.
        const ou = index.ancestorsOf(parent).find((n) => !isTargeted(sim, n, region, index));
        inoperable.push({ account, region, stuck: ou === undefined });
        if (ou !== undefined) removalItems.push({ ou, account, region, reason: 'redeploy' });
        continue;
      }
      const owner = wantedHere ? ctx.ruleOwner.get(account) : undefined;
      const reason = input.kind === 'rule' && owner !== undefined && owner !== input.name ? 'move' : ctx.prune ? 'prune' : 'kept';
      stray.push({ account, region, reason });
      if (reason !== 'kept') removalItems.push({ ou: parent, account, region, reason });
    }
  }
  const strayRemovals = (['move', 'prune', 'redeploy'] as const).flatMap((reason) => groupAccounts(removalItems.filter((s) => s.reason === reason)).map((g) => ({ ...g, reason })));
  for (const g of strayRemovals) predict(sim, index, 'delete-instances', g);

  // 4. Wanted targets not reached yet.
  const add = new Map<string, Set<string>>();
  for (const ou of want?.targets ?? []) for (const region of ctx.regions) if (!isTargeted(sim, ou, region, index)) addPair(add, ou, region);
  const addGroups = groupPairs(add, index);
  for (const g of addGroups) predict(sim, index, 'create-instances', { ouIds: g.ous.map((o) => o.id), regions: g.regions });

  // 5–6. Wanted instances: missing whole OUs, missing single accounts, failed ones.
  const wholeOus = new Map<string, Set<string>>();
  const single: { ou: string; account: string; region: string }[] = [];
  const repair: AccountRegion[] = [];
  const outdated: (AccountRegion & { ouId: string })[] = [];
  for (const ou of want?.targets ?? []) {
    const [start, end] = index.range(ou);
    for (const region of ctx.regions) {
      const missing: string[] = [];
      const statusOf = statusesIn(sim, region);
      for (let at = start; at < end; at += 1) {
        const status = statusOf(at);
        const account = index.accounts[at] as string;
        if (status === undefined) missing.push(account);
        else if (status === 'OUTDATED') outdated.push({ account, region, ouId: ou });
      }
      repair.push(...missing.map((account) => ({ account, region })));
      if (missing.length > 0 && missing.length === end - start) addPair(wholeOus, ou, region);
      else for (const account of missing) single.push({ ou, account, region });
    }
  }
  const repairOus = groupPairs(wholeOus, index);
  const repairAccounts = groupAccounts(single);
  for (const g of repairOus) predict(sim, index, 'create-instances', { ouIds: g.ous.map((o) => o.id), regions: g.regions });
  for (const g of repairAccounts) predict(sim, index, 'create-instances', g);

  return {
    remove,
    orphaned: groupPairs(orphaned, index),
    narrowed: groupPairs(narrowed, index),
    unknownOus,
    strayRemovals,
    stray,
    add: addGroups,
    repairOus,
    repairAccounts,
    repair,
    outdated,
    inoperable,
    after: sim,
  };
}

/**
 * Applies a create or delete the diff decided on to its copy of the stack set, so later decisions see
 * what it leaves; `accounts` narrows it (INTERSECTION). Only the simulation reads these steps.
 */
function predict(sim: SimStackSet, index: OrgIndex, kind: 'create-instances' | 'delete-instances', call: { readonly ouIds: readonly string[]; readonly regions: readonly string[]; readonly accounts?: readonly string[] }): void {
  const accountFilter = call.accounts === undefined ? undefined : { type: 'INTERSECTION' as const, accounts: call.accounts };
  const common = { phase: 0, stackSet: sim.name, ouIds: call.ouIds, regions: call.regions, accountFilter, accounts: 0, operationId: '' };
  simulateStep(sim, kind === 'create-instances' ? { kind, ...common } : { kind, ...common, reason: 'prune' }, index);
}

/** True if the OU, or an ancestor of it, is a target of the stack set in the region. */
export function isTargeted(sim: SimStackSet, ou: string, region: string, index: OrgIndex): boolean {
  return index.ancestorsOf(ou).some((n) => sim.targets.get(n)?.has(region) === true);
}

/** A rule target whose subtree meets another rule stack set's wanted target: two rules would fight there. */
function overlapsOtherRule(ou: string, name: string, ctx: DiffContext): boolean {
  // A wanted target of another rule at or below `ou`, or at or above it.
  const below = [...(ctx.ruleTargetsAbove.get(ou) ?? [])].some((owner) => owner !== name);
  return below || ctx.index.ancestorsOf(ou).some((n) => {
    const owner = ctx.ruleTargetOwner.get(n);
    return owner !== undefined && owner !== name;
  });
}
