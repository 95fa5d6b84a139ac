/**
 * A model of StackSets that predicts what each step of a plan leaves behind: which (stack set, account,
 * region) instances exist, in which status, and which OU → region pairs each stack set targets. It
 * follows what AWS documents and, where AWS is silent, the reading that is worse for us:
 * - an OU target reaches every deployable account of its subtree, never the management account
 *   (DeploymentTargets; org-index.ts);
 * - DeleteStackInstances by OU deletes the instances of the whole subtree, also those reached through a
 *   narrower target inside it (DeleteStackInstances, aws-facts H), and is taken to drop those narrower
 *   targets too, so a plan that still wants them must create them again;
 * - AccountFilterType INTERSECTION / DIFFERENCE narrow a create or delete to (all but) the listed accounts;
 * - UpdateStackSet redeploys every instance except INOPERABLE ones (StackInstanceSummary: INOPERABLE
 *   instances are excluded from further UpdateStackSet operations);
 * - every operation succeeds in every account: failures are apply's business (apply.ts), which leaves
 *   accounts whose removal failed out of later steps.
 */
import type { OrgIndex } from '../org/org-index';
import type { AccountFilter, PlanStep, StackSetKind } from './plan-types';

export type SimStatus = 'CURRENT' | 'OUTDATED' | 'INOPERABLE';

export interface SimStackSet {
  readonly name: string;
  readonly kind: StackSetKind;
  exists: boolean;
  /** OU → regions it targets. */
  readonly targets: Map<string, Set<string>>;
  /** region → account → status. */
  readonly instances: Map<string, Map<string, SimStatus>>;
}

export function newSimStackSet(name: string, kind: StackSetKind, exists: boolean): SimStackSet {
  return { name, kind, exists, targets: new Map(), instances: new Map() };
}

export function cloneSimStackSet(s: SimStackSet): SimStackSet {
  return {
    name: s.name,
    kind: s.kind,
    exists: s.exists,
    targets: new Map([...s.targets].map(([ou, regions]) => [ou, new Set(regions)])),
    instances: new Map([...s.instances].map(([region, accounts]) => [region, new Map(accounts)])),
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

export function setInstance(s: SimStackSet, region: string, account: string, status: SimStatus): void {
  const accounts = s.instances.get(region) ?? new Map<string, SimStatus>();
  accounts.set(account, status);
  s.instances.set(region, accounts);
}

export function instanceStatus(s: SimStackSet, region: string, account: string): SimStatus | undefined {
  return s.instances.get(region)?.get(account);
}

export function instanceCount(s: SimStackSet): number {
  let n = 0;
  for (const accounts of s.instances.values()) n += accounts.size;
  return n;
}

function passes(filter: AccountFilter | undefined): (account: string) => boolean {
  if (filter === undefined) return () => true;
  const listed = new Set(filter.accounts);
  return filter.type === 'INTERSECTION' ? (a) => listed.has(a) : (a) => !listed.has(a);
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
      for (const accounts of s.instances.values()) for (const [account, status] of accounts) if (status !== 'INOPERABLE') accounts.set(account, 'CURRENT');
      return;
    case 'retry-instances': {
      const listed = new Set(step.accountIds);
      for (const region of step.regions) {
        for (const ou of step.ouIds) {
          for (const account of index.accountsUnder(ou)) {
            const status = instanceStatus(s, region, account);
            if (listed.has(account) && status !== undefined && status !== 'INOPERABLE') setInstance(s, region, account, 'CURRENT');
          }
        }
      }
      return;
    }
    case 'create-instances': {
      const keep = passes(step.accountFilter);
      for (const region of step.regions) {
        for (const ou of step.ouIds) {
          addTarget(s, ou, region);
          for (const account of index.accountsUnder(ou)) {
            // An INOPERABLE instance stays so: nothing documents a create reviving it.
            if (keep(account) && instanceStatus(s, region, account) !== 'INOPERABLE') setInstance(s, region, account, 'CURRENT');
          }
        }
      }
      return;
    }
    case 'delete-instances': {
      const keep = passes(step.accountFilter);
      for (const region of step.regions) {
        for (const ou of step.ouIds) {
          if (step.accountFilter === undefined) {
            for (const [target, regions] of [...s.targets]) if (regions.has(region) && index.isWithin(target, ou)) removeTarget(s, target, region);
          }
          const accounts = s.instances.get(region);
          if (accounts === undefined) continue;
          for (const account of index.accountsUnder(ou)) if (keep(account)) accounts.delete(account);
        }
      }
      return;
    }
  }
}
