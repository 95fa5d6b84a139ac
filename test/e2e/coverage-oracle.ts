/**
 * What the organization must look like after a successful apply, computed from the config and the
 * organization fake alone (no planner code), and what the StackSets fake really holds.
 *
 * A profile owns an OU and everything below it down to the next OU another profile names. StackSets
 * can only target whole subtrees, so an account is covered by profile P exactly when every OU below
 * its parent (its parent included) is owned by P; accounts directly in an OU that also holds another
 * profile's OU are not covered (the plan warns about them). The baseline follows the same rule with
 * the labels "skip" (baseline.skipOus and below) over "baseline" (any profile OU and below).
 */
import type { DeployConfig } from '../../src/deploy/config/config-types';
import type { OrganizationFake, StackSetsFake } from '../fakes/index';

export type Coverage = Map<string, Set<string>>; // stack set → `account/region`

function resolve(org: OrganizationFake, ref: string): string {
  return ref.startsWith('ou-') || ref.startsWith('r-') ? ref : org.ouId(ref);
}

function nodesBelow(org: OrganizationFake, id: string): string[] {
  return [id, ...org.childOusOf(id).flatMap((c) => nodesBelow(org, c))];
}

/** The node and its ancestors, nearest first. */
function lineage(org: OrganizationFake, node: string): string[] {
  return [node, ...org.ancestorsOf(node).filter((a) => a !== node)];
}

/** Covered accounts per label: an account is covered when its parent's whole subtree carries one label. */
function coveredAccounts(org: OrganizationFake, nearest: (node: string) => string | undefined): Map<string, string> {
  const covered = new Map<string, string>();
  for (const account of org.allAccountIds()) {
    if (account === org.managementAccountId || org.account(account)?.status !== 'ACTIVE') continue;
    const parent = org.account(account)?.parentId ?? '';
    const label = nearest(parent);
    if (label !== undefined && nodesBelow(org, parent).every((n) => nearest(n) === label)) covered.set(account, label);
  }
  return covered;
}

export function expectedCoverage(config: DeployConfig, org: OrganizationFake): Coverage {
  const profileOf = new Map<string, string>();
  for (const p of config.profiles) for (const ref of p.ous) profileOf.set(resolve(org, ref), p.name);
  const skipped = new Set(config.baseline.skipOus.map((ref) => resolve(org, ref)));
  const coverage: Coverage = new Map();
  const add = (stackSet: string, account: string): void => {
    const set = coverage.get(stackSet) ?? new Set<string>();
    for (const region of config.regions) set.add(`${account}/${region}`);
    coverage.set(stackSet, set);
  };
  for (const p of config.profiles) coverage.set(`${config.prefix}-rule-${p.name}`, new Set());
  coverage.set(`${config.prefix}-baseline`, new Set());
  // A profile owns its OUs down to the next OU another profile names.
  const profileLabel = (n: string): string | undefined => lineage(org, n).map((a) => profileOf.get(a)).find((p) => p !== undefined);
  for (const [account, profile] of coveredAccounts(org, profileLabel)) add(`${config.prefix}-rule-${profile}`, account);
  // A skipped OU takes its whole subtree out of the baseline, profile OUs below it included.
  const baselineLabel = (n: string): string | undefined => {
    const up = lineage(org, n);
    return up.some((a) => skipped.has(a)) ? 'skip' : up.some((a) => profileOf.has(a)) ? 'baseline' : undefined;
  };
  for (const [account, label] of coveredAccounts(org, baselineLabel)) if (label === 'baseline') add(`${config.prefix}-baseline`, account);
  return coverage;
}

/**
 * Accounts whose rule gets no baseline of this rollout: under skipOus (they record already), or
 * directly in an OU with a skipped OU below it (no target can reach them alone; the plan warns).
 */
export function skippedAccounts(config: DeployConfig, org: OrganizationFake): Set<string> {
  const skipped = config.baseline.skipOus.map((ref) => resolve(org, ref));
  const accounts = new Set(skipped.flatMap((ou) => org.accountsUnder(ou)));
  for (const account of org.allAccountIds()) {
    const parent = org.account(account)?.parentId ?? '';
    if (nodesBelow(org, parent).some((n) => skipped.includes(n))) accounts.add(account);
  }
  return accounts;
}

/** What the StackSets fake holds: every instance, by stack set. */
export function actualCoverage(stackSets: StackSetsFake): Coverage {
  const coverage: Coverage = new Map();
  for (const name of stackSets.stackSetNames()) coverage.set(name, new Set(stackSets.instances(name).map((i) => `${i.account}/${i.region}`)));
  return coverage;
}

/** Problems with what a successful apply left (empty when it is what the config says). */
export function coverageProblems(options: { config: DeployConfig; org: OrganizationFake; stackSets: StackSetsFake; pruned: boolean }): string[] {
  const { config, org, stackSets } = options;
  const expected = expectedCoverage(config, org);
  const actual = actualCoverage(stackSets);
  const problems: string[] = [];
  const holder = new Map<string, string>();
  // The prefix's rule stack sets by their ownership mark: a name like `${prefix}-rule-x` may be another prefix's.
  const ruleSets = new Set(stackSets.stackSetNames().filter((n) => (stackSets.stackSet(n)?.description ?? '').startsWith(`[sg-guardrail prefix=${config.prefix} kind=rule`)));
  for (const [name, instances] of actual) {
    if (!ruleSets.has(name)) continue;
    for (const key of instances) {
      const other = holder.get(key);
      if (other !== undefined) problems.push(`${key} holds two rules: ${other} and ${name}`);
      holder.set(key, name);
    }
  }
  for (const [name, want] of expected) {
    const have = actual.get(name) ?? new Set<string>();
    for (const key of want) if (!have.has(key)) problems.push(`${name} is missing ${key}`);
    const profile = config.profiles.find((p) => `${config.prefix}-rule-${p.name}` === name);
    for (const instance of stackSets.instances(name)) {
      const key = `${instance.account}/${instance.region}`;
      if (!want.has(key)) continue;
      if (instance.status !== 'CURRENT') problems.push(`${name} ${key} is ${instance.status}`);
      else if (profile !== undefined && instance.deployed?.parameters.AllowedIngress !== profile.values.allowedIngress) {
        problems.push(`${name} ${key} runs ports ${instance.deployed?.parameters.AllowedIngress}, not ${profile.values.allowedIngress}`);
      }
    }
    // With --prune a rule stack set holds exactly its coverage (the baseline may stay wider: see the plan's warning).
    if (options.pruned && name.includes('-rule-')) for (const key of have) if (!want.has(key)) problems.push(`${name} still holds ${key}`);
  }
  if (options.pruned) {
    for (const name of ruleSets) if (!expected.has(name)) problems.push(`${name} should have been deleted`);
  }
  // Every rule the config asks for has its recorder (orphans kept without --prune are the user's call).
  const skipped = skippedAccounts(config, org);
  const baseline = actual.get(`${config.prefix}-baseline`) ?? new Set<string>();
  for (const [name, want] of expected) {
    if (!name.includes('-rule-')) continue;
    for (const key of want) if (!baseline.has(key) && !skipped.has(key.split('/')[0] ?? '')) problems.push(`${name} is in ${key} without the baseline`);
  }
  return problems;
}
