/** Grouping (OU, region) pairs into as few StackSet calls as possible: OUs sharing a region set, ≤ 50 per call. */
import type { OrgIndex } from '../org/org-index';
import type { PairMap } from './stack-set-state';
import type { TargetGroup } from './plan-types';
import { MAX_OUS_PER_CALL } from './plan-types';

export function addPair(pairs: Map<string, Set<string>>, key: string, value: string): void {
  const values = pairs.get(key) ?? new Set<string>();
  values.add(value);
  pairs.set(key, values);
}

/** OUs sharing the same region set form one group (one operation per 50 OUs); deterministic order. */
export function groupPairs(pairs: PairMap, index: OrgIndex): TargetGroup[] {
  const byRegions = new Map<string, string[]>();
  for (const [ou, regions] of pairs) {
    if (regions.size === 0) continue;
    const key = [...regions].sort().join(',');
    byRegions.set(key, [...(byRegions.get(key) ?? []), ou]);
  }
  const groups: TargetGroup[] = [];
  for (const key of [...byRegions.keys()].sort()) {
    const ous = (byRegions.get(key) ?? [])
      .map((id) => ({ id, path: index.tree.nodes.get(id)?.path ?? id, accounts: index.accountsUnder(id).length }))
      .sort((a, b) => a.path.localeCompare(b.path) || a.id.localeCompare(b.id));
    for (let i = 0; i < ous.length; i += MAX_OUS_PER_CALL) {
      const batch = ous.slice(i, i + MAX_OUS_PER_CALL);
      groups.push({ ous: batch, regions: key.split(','), accounts: batch.reduce((sum, o) => sum + o.accounts, 0) });
    }
  }
  return groups;
}

/**
 * Accounts to act on inside OUs, grouped into calls: the (OU, account) pairs sharing a region set go in
 * one call with AccountFilterType INTERSECTION, at most 50 OUs per call.
 */
export interface AccountGroup {
  readonly ouIds: readonly string[];
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
}

export function groupAccounts(items: readonly { ou: string; account: string; region: string }[]): AccountGroup[] {
  // account@ou → regions, then region set → ou → accounts.
  const regionsOf = new Map<string, Set<string>>();
  for (const { ou, account, region } of items) addPair(regionsOf, `${ou}\u0000${account}`, region);
  const byRegions = new Map<string, Map<string, Set<string>>>();
  for (const [key, regions] of regionsOf) {
    const [ou = '', account = ''] = key.split('\u0000');
    const regionKey = [...regions].sort().join(',');
    const ous = byRegions.get(regionKey) ?? new Map<string, Set<string>>();
    addPair(ous, ou, account);
    byRegions.set(regionKey, ous);
  }
  const groups: AccountGroup[] = [];
  for (const regionKey of [...byRegions.keys()].sort()) {
    const ous = byRegions.get(regionKey) ?? new Map<string, Set<string>>();
    const ouIds = [...ous.keys()].sort();
    for (let i = 0; i < ouIds.length; i += MAX_OUS_PER_CALL) {
      const batch = ouIds.slice(i, i + MAX_OUS_PER_CALL);
      const accounts = [...new Set(batch.flatMap((ou) => [...(ous.get(ou) ?? [])]))].sort();
      groups.push({ ouIds: batch, accounts, regions: regionKey.split(',') });
    }
  }
  return groups;
}
