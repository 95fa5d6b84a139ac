/**
 * Accounts a later step must leave out because an earlier one failed there: an account whose rule
 * removal failed still runs that rule, so giving it another profile's rule would make two rules fight;
 * an account whose baseline failed has no Config recorder for a rule to use. Failure tolerance lets an
 * operation SUCCEED with such accounts (aws-facts H), so they come from the per-instance results.
 */
import type { OrgIndex } from '../org/org-index';
import type { AccountFilter, StackSetKind } from '../plan/plan-types';
import type { OperationResult } from '../stack-sets-port';

export interface LeftOut {
  readonly stackSet: string;
  readonly account: string;
  /** The regions of the step: one call cannot leave an account out of some regions only. */
  readonly regions: readonly string[];
  readonly reason: string;
}

export class Exclusions {
  /** kind of the steps to hold back → `account/region` → why. */
  private readonly blocked = new Map<StackSetKind, Map<string, string>>();

  constructor(private readonly index: OrgIndex) {}

  /** Holds back later `kind` steps in every account and region of `results` that did not succeed. */
  blockUnsucceeded(kind: StackSetKind, results: readonly OperationResult[], why: string): void {
    for (const r of results) if (r.status !== 'SUCCEEDED') this.block(kind, r.account, r.region, describe(why, r));
  }

  /**
   * Holds back later `kind` steps in every account and region the step reached whose result did not
   * succeed, or that has no result: when the operation itself failed, an account it never reached may
   * still hold what the step was to remove.
   */
  blockAllBut(kind: StackSetKind, reached: readonly string[], regions: readonly string[], results: readonly OperationResult[], why: string): void {
    const byKey = new Map(results.map((r) => [`${r.account}/${r.region}`, r]));
    for (const region of regions) {
      for (const account of reached) {
        const r = byKey.get(`${account}/${region}`);
        if (r?.status !== 'SUCCEEDED') this.block(kind, account, region, describe(why, r));
      }
    }
  }

  private block(kind: StackSetKind, account: string, region: string, why: string): void {
    const map = this.blocked.get(kind) ?? new Map<string, string>();
    if (!map.has(`${account}/${region}`)) map.set(`${account}/${region}`, why);
    this.blocked.set(kind, map);
  }

  /** The accounts a step over these OUs (and filter) reaches. */
  reached(ouIds: readonly string[], filter: AccountFilter | undefined): string[] {
    const listed = new Set(filter?.accounts ?? []);
    const all = [...new Set(ouIds.flatMap((ou) => this.index.accountsUnder(ou)))];
    if (filter === undefined) return all;
    return all.filter((a) => (filter.type === 'INTERSECTION' ? listed.has(a) : !listed.has(a)));
  }

  /** The accounts among `accounts` a `kind` step in `regions` must leave out, with the reasons. */
  leftOut(kind: StackSetKind, accounts: readonly string[], regions: readonly string[]): Map<string, string> {
    const map = this.blocked.get(kind);
    const out = new Map<string, string>();
    if (map === undefined) return out;
    for (const account of accounts) {
      const reasons = regions.flatMap((region) => {
        const why = map.get(`${account}/${region}`);
        return why === undefined ? [] : [`${why} in ${region}`];
      });
      if (reasons.length > 0) out.set(account, reasons.join('; '));
    }
    return out;
  }
}

function describe(why: string, result: OperationResult | undefined): string {
  if (result === undefined) return `${why}: not attempted`;
  return `${why}: ${result.status}${result.statusReason === undefined ? '' : ` (${result.statusReason})`}`;
}
