/**
 * A model of StackSets that predicts what each step of a plan leaves behind: which (stack set, account,
 * region) instances exist, in which status, and which OU → region pairs each stack set targets. It
 * follows what AWS documents and, where AWS is silent, the reading that is worse for us:
 * - an OU target reaches every deployable account of its subtree, never the management account
 *   (DeploymentTargets; org-index.ts);
 * - DeleteStackInstances by OU deletes the instances of the whole subtree, also those reached through a
 *   narrower target inside it (DeleteStackInstances, aws-facts H), and is taken to drop those narrower
 *   targets too, so a plan that still wants them must create them again;
 * - AccountFilterType INTERSECTION / DIFFERENCE narrow a create or delete to (all but) the listed
 *   accounts, and a filtered deletion changes no target (the plan never names a targeted OU in one);
 * - UpdateStackSet redeploys every instance except INOPERABLE ones (StackInstanceSummary: INOPERABLE
 *   instances are excluded from further UpdateStackSet operations), and nothing revives those;
 * - every operation succeeds in every account: failures are apply's business (apply.ts), which leaves
 *   accounts whose removal failed out of later steps.
 * Instances are kept per region as one status byte per deployable account (OrgIndex order), so an OU
 * is a contiguous range: planning 10,000 accounts × 17 regions stays fast.
 */
import type { OrgIndex } from '../org/org-index';
import type { AccountFilter, PlanStep, StackSetKind } from './plan-types';

export type SimStatus = 'CURRENT' | 'OUTDATED' | 'INOPERABLE';

const NONE = 0;
const CODE: Readonly<Record<SimStatus, number>> = { CURRENT: 1, OUTDATED: 2, INOPERABLE: 3 };
const STATUS: readonly (SimStatus | undefined)[] = [undefined, 'CURRENT', 'OUTDATED', 'INOPERABLE'];

export interface SimStackSet {
  readonly name: string;
  readonly kind: StackSetKind;
  readonly index: OrgIndex;
  exists: boolean;
  /** OU → regions it targets. */
  readonly targets: Map<string, Set<string>>;
  /** region → one status code per account of `index.accounts` (0: no instance). */
  readonly instances: Map<string, Uint8Array>;
}

export function newSimStackSet(name: string, kind: StackSetKind, index: OrgIndex, exists: boolean): SimStackSet {
  return { name, kind, index, exists, targets: new Map(), instances: new Map() };
}

export function cloneSimStackSet(s: SimStackSet): SimStackSet {
  return {
    ...s,
    targets: new Map([...s.targets].map(([ou, regions]) => [ou, new Set(regions)])),
    instances: new Map([...s.instances].map(([region, codes]) => [region, codes.slice()])),
  };
}

export function addTarget(s: SimStackSet, ou: string, region: string): void {
  const regions = s.targets.get(ou) ?? new Set<string>();
  regions.add(region);
  s.targets.set(ou, regions);
}

function removeTarget(s: SimStackSet, ou: string, region: string): void {
  const regions = s.targets.get(ou);
  regions?.delete(region);
  if (regions?.size === 0) s.targets.delete(ou);
}

function codesOf(s: SimStackSet, region: string): Uint8Array {
  let codes = s.instances.get(region);
  if (codes === undefined) {
    codes = new Uint8Array(s.index.accounts.length);
    s.instances.set(region, codes);
  }
  return codes;
}

export function setInstance(s: SimStackSet, region: string, account: string, status: SimStatus): void {
  const at = s.index.position(account);
  if (at !== undefined) codesOf(s, region)[at] = CODE[status];
}

/** Every instance: region, account and status. */
export function* instancesOf(s: SimStackSet): Generator<{ region: string; account: string; at: number; status: SimStatus }> {
  for (const [region, codes] of s.instances) {
    for (let at = 0; at < codes.length; at += 1) {
      const status = STATUS[codes[at] ?? NONE];
      if (status !== undefined) yield { region, account: s.index.accounts[at] as string, at, status };
    }
  }
}

export function instanceCount(s: SimStackSet): number {
  let n = 0;
  for (const codes of s.instances.values()) for (const c of codes) if (c !== NONE) n += 1;
  return n;
}

/** Positions a step acts on inside [start, end): all of them, or those its account filter keeps. */
function selected(s: SimStackSet, filter: AccountFilter | undefined): ((at: number) => boolean) | undefined {
  if (filter === undefined) return undefined;
  const listed = new Set(filter.accounts.flatMap((a) => s.index.position(a) ?? []));
  return filter.type === 'INTERSECTION' ? (at) => listed.has(at) : (at) => !listed.has(at);
}

/** Applies one step to the stack set it names (which the caller looked up). */
export function simulateStep(s: SimStackSet, step: PlanStep, index: OrgIndex): void {
  switch (step.kind) {
    case 'create-stack-set':
      s.exists = true;
      return;
    case 'delete-stack-set':
      s.exists = false;
      s.targets.clear();
      return;
    case 'update-stack-set':
    case 'enable-managed-execution':
      for (const codes of s.instances.values()) for (let at = 0; at < codes.length; at += 1) if (codes[at] === CODE.OUTDATED) codes[at] = CODE.CURRENT;
      return;
    case 'retry-instances':
    case 'create-instances': {
      const keep = selected(s, step.kind === 'retry-instances' ? { type: 'INTERSECTION', accounts: step.accountIds } : step.accountFilter);
      for (const region of step.regions) {
        const codes = codesOf(s, region);
        for (const ou of step.ouIds) {
          // UpdateStackInstances only redeploys instances that exist; a create also adds the target.
          if (step.kind === 'create-instances') addTarget(s, ou, region);
          const [start, end] = index.range(ou);
          for (let at = start; at < end; at += 1) {
            if (keep !== undefined && !keep(at)) continue;
            const code = codes[at];
            if (code === CODE.INOPERABLE || (step.kind === 'retry-instances' && code === NONE)) continue;
            codes[at] = CODE.CURRENT;
          }
        }
      }
      return;
    }
    case 'delete-instances': {
      const keep = selected(s, step.accountFilter);
      for (const region of step.regions) {
        const codes = s.instances.get(region);
        for (const ou of step.ouIds) {
          if (keep === undefined) {
            for (const [target, regions] of [...s.targets]) if (regions.has(region) && index.isWithin(target, ou)) removeTarget(s, target, region);
          }
          if (codes === undefined) continue;
          const [start, end] = index.range(ou);
          if (keep === undefined) codes.fill(NONE, start, end);
          else for (let at = start; at < end; at += 1) if (keep(at)) codes[at] = NONE;
        }
      }
      return;
    }
  }
}

/** The status reader of one region, for loops over every account (one map lookup, not one per account). */
export function statusesIn(s: SimStackSet, region: string): (at: number) => SimStatus | undefined {
  const codes = s.instances.get(region);
  return codes === undefined ? () => undefined : (at) => STATUS[codes[at] ?? NONE];
}

/** Positions (OrgIndex order) reached by one of `ous`: each OU's subtree. */
export function reachMask(index: OrgIndex, ous: Iterable<string>): Uint8Array {
  const mask = new Uint8Array(index.accounts.length);
  for (const ou of ous) {
    const [start, end] = index.range(ou);
    mask.fill(1, start, end);
  }
  return mask;
}

/** Positions the stack set's targets reach in a region. */
export function targetedMask(s: SimStackSet, region: string): Uint8Array {
  return reachMask(s.index, [...s.targets].flatMap(([ou, regions]) => (regions.has(region) ? [ou] : [])));
}
