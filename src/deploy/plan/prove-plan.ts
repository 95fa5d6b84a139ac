/**
 * The planner's proof: runs every step of the plan, phase by phase, on the simulation of the current
 * stack sets (simulate.ts) and checks what the plan promises, assuming each operation succeeds:
 * - after every phase, no account holds two rule stack sets in one region (two rules in enforce mode
 *   would fight over each group);
 * - at the end, every account each stack set must reach holds a CURRENT instance in every region,
 *   except instances reported as INOPERABLE;
 * - no stack set holds an instance, or a target, that the config does not give it, except the ones
 *   the plan keeps and reports (orphaned without --prune, a narrowed baseline, OUs gone);
 * - the baseline (the Config recorder) is in every account and region a rule instance is, except
 *   where the config says a recorder exists already (skipOus) or the plan reports it cannot reach.
 * A plan that fails this is a defect of the planner: planRollout throws instead of returning it.
 */
import type { OrgIndex } from '../org/org-index';
import type { DesiredStackSet } from './desired-state';
import type { PlanStep } from './plan-types';
import type { SimStackSet } from './simulate';
import { cloneSimStackSet, simulateStep } from './simulate';

export interface ProofStackSet {
  readonly sim: SimStackSet;
  readonly want: DesiredStackSet | undefined;
  /** OU → regions the plan keeps though the config does not give them (reported in warnings). */
  readonly keptTargets: ReadonlyMap<string, ReadonlySet<string>>;
  /** `account/region` of instances kept outside every target (reported), or not deployable by apply. */
  readonly keptInstances: ReadonlySet<string>;
}

export interface ProofInput {
  readonly index: OrgIndex;
  readonly regions: readonly string[];
  readonly stackSets: readonly ProofStackSet[];
  readonly steps: readonly PlanStep[];
  /** Accounts whose rule needs no baseline from this rollout (skipOus), or that it reports it cannot give one. */
  readonly noBaselineNeeded: ReadonlySet<string>;
}

const MAX_PROBLEMS = 5;

/** The problems found (empty when the plan reaches the config). */
export function provePlan(input: ProofInput): string[] {
  const { index } = input;
  const sims = new Map(input.stackSets.map((s) => [s.sim.name, cloneSimStackSet(s.sim)]));
  const problems: string[] = [];
  const phases = [...new Set(input.steps.map((s) => s.phase))].sort((a, b) => a - b);
  for (const phase of phases) {
    for (const step of input.steps.filter((s) => s.phase === phase)) {
      const sim = sims.get(step.stackSet);
      if (sim === undefined) problems.push(`step ${step.kind} names unknown stack set ${step.stackSet}`);
      else simulateStep(sim, step, index);
    }
    problems.push(...twoRules([...sims.values()], `after phase ${phase}`));
  }
  if (phases.length === 0) problems.push(...twoRules([...sims.values()], 'now'));
  for (const spec of input.stackSets) {
    const sim = sims.get(spec.sim.name);
    if (sim !== undefined) problems.push(...checkStackSet(sim, spec, input));
  }
  problems.push(...checkBaseline([...sims.values()], input.noBaselineNeeded));
  return problems.slice(0, MAX_PROBLEMS);
}

function twoRules(sims: readonly SimStackSet[], when: string): string[] {
  const holder = new Map<string, string>();
  const problems: string[] = [];
  for (const sim of sims) {
    if (sim.kind !== 'rule') continue;
    for (const [region, accounts] of sim.instances) {
      for (const account of accounts.keys()) {
        const key = `${account}/${region}`;
        const other = holder.get(key);
        if (other !== undefined && problems.length < MAX_PROBLEMS) problems.push(`${when}, account ${account} in ${region} holds two rule stack sets: ${other} and ${sim.name}`);
        holder.set(key, sim.name);
      }
    }
  }
  return problems;
}

function checkStackSet(sim: SimStackSet, spec: ProofStackSet, input: ProofInput): string[] {
  const { index } = input;
  const problems: string[] = [];
  const regions = new Set(input.regions);
  const wanted = new Set(spec.want?.targets ?? []);
  const insideWanted = (ou: string, region: string): boolean => regions.has(region) && index.ancestorsOf(ou).some((n) => wanted.has(n));
  const kept = (ou: string, region: string): boolean => spec.keptTargets.get(ou)?.has(region) === true;
  for (const [ou, targetRegions] of sim.targets) {
    for (const region of targetRegions) {
      if (!insideWanted(ou, region) && !kept(ou, region)) problems.push(`${sim.name} would still target ${ou} in ${region}, which the config does not give it`);
    }
  }
  const targeted = (account: string, region: string): boolean => {
    const parent = index.tree.accounts.get(account)?.parentId;
    return parent !== undefined && index.ancestorsOf(parent).some((n) => sim.targets.get(n)?.has(region) === true);
  };
  for (const ou of spec.want?.targets ?? []) {
    for (const region of input.regions) {
      if (!index.ancestorsOf(ou).some((n) => sim.targets.get(n)?.has(region) === true)) problems.push(`${sim.name} would not target ${ou} in ${region}`);
    }
  }
  for (const account of spec.want?.accounts ?? []) {
    for (const region of input.regions) {
      const status = sim.instances.get(region)?.get(account);
      if (status !== 'CURRENT' && !(status === 'INOPERABLE' && spec.keptInstances.has(`${account}/${region}`))) {
        problems.push(`${sim.name} would leave account ${account} in ${region} ${status === undefined ? 'without an instance' : status}`);
      }
    }
  }
  for (const [region, accounts] of sim.instances) {
    for (const account of accounts.keys()) {
      const wantedHere = regions.has(region) && (spec.want?.accounts.has(account) ?? false);
      if (!wantedHere && !targeted(account, region) && !spec.keptInstances.has(`${account}/${region}`)) {
        problems.push(`${sim.name} would keep an instance in account ${account}, ${region}, that the config does not give it`);
      }
    }
  }
  if (!sim.exists && (sim.targets.size > 0 || [...sim.instances.values()].some((a) => a.size > 0))) problems.push(`${sim.name} would be deleted while it still has instances`);
  return problems.slice(0, MAX_PROBLEMS);
}

function checkBaseline(sims: readonly SimStackSet[], noBaselineNeeded: ReadonlySet<string>): string[] {
  const baseline = sims.find((s) => s.kind === 'baseline');
  const problems: string[] = [];
  for (const sim of sims) {
    if (sim.kind !== 'rule') continue;
    for (const [region, accounts] of sim.instances) {
      for (const account of accounts.keys()) {
        if (noBaselineNeeded.has(account) || baseline?.instances.get(region)?.has(account) === true) continue;
        if (problems.length < MAX_PROBLEMS) problems.push(`${sim.name} would be in account ${account}, ${region}, without the baseline (its Config recorder)`);
      }
    }
  }
  return problems;
}
