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
import { cloneSimStackSet, instanceCount, reachMask, simulateStep, statusesIn, targetedMask } from './simulate';

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
  problems.push(...checkBaseline([...sims.values()], input));
  return problems.slice(0, MAX_PROBLEMS);
}

function twoRules(sims: readonly SimStackSet[], when: string): string[] {
  const problems: string[] = [];
  const rules = sims.filter((s) => s.kind === 'rule');
  const regions = new Set(rules.flatMap((s) => [...s.instances.keys()]));
  for (const region of regions) {
    const holder = new Int32Array(rules[0]?.index.accounts.length ?? 0).fill(-1);
    rules.forEach((sim, n) => {
      const codes = sim.instances.get(region);
      if (codes === undefined) return;
      for (let at = 0; at < codes.length; at += 1) {
        if (codes[at] === 0) continue;
        const other = holder[at] ?? -1;
        if (other >= 0 && problems.length < MAX_PROBLEMS) problems.push(`${when}, account ${sim.index.accounts[at]} in ${region} holds two rule stack sets: ${rules[other]?.name} and ${sim.name}`);
        holder[at] = n;
      }
    });
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
  for (const ou of spec.want?.targets ?? []) {
    for (const region of input.regions) {
      if (!index.ancestorsOf(ou).some((n) => sim.targets.get(n)?.has(region) === true)) problems.push(`${sim.name} would not target ${ou} in ${region}`);
    }
  }
  const wantMask = reachMask(index, spec.want?.targets ?? []);
  for (const region of input.regions) {
    const statusOf = statusesIn(sim, region);
    for (let at = 0; at < wantMask.length; at += 1) {
      if (wantMask[at] !== 1) continue;
      const status = statusOf(at);
      const account = index.accounts[at] as string;
      if (status !== 'CURRENT' && !(status === 'INOPERABLE' && spec.keptInstances.has(`${account}/${region}`))) {
        problems.push(`${sim.name} would leave account ${account} in ${region} ${status === undefined ? 'without an instance' : status}`);
      }
    }
  }
  for (const [region, codes] of sim.instances) {
    const targeted = targetedMask(sim, region);
    const wantedHere = regions.has(region);
    for (let at = 0; at < codes.length; at += 1) {
      if (codes[at] === 0 || (wantedHere && wantMask[at] === 1) || targeted[at] === 1) continue;
      const account = index.accounts[at] as string;
      if (!spec.keptInstances.has(`${account}/${region}`)) problems.push(`${sim.name} would keep an instance in account ${account}, ${region}, that the config does not give it`);
    }
  }
  if (!sim.exists && (sim.targets.size > 0 || instanceCount(sim) > 0)) problems.push(`${sim.name} would be deleted while it still has instances`);
  return problems.slice(0, MAX_PROBLEMS);
}

/** Every rule instance the config wants has the baseline beside it (orphans kept without --prune are the user's call). */
function checkBaseline(sims: readonly SimStackSet[], input: ProofInput): string[] {
  const baseline = sims.find((s) => s.kind === 'baseline');
  const problems: string[] = [];
  for (const spec of input.stackSets) {
    const sim = sims.find((s) => s.name === spec.sim.name);
    if (sim?.kind !== 'rule' || spec.want === undefined) continue;
    const wantMask = reachMask(input.index, spec.want.targets);
    for (const region of input.regions) {
      const baselineStatus = baseline === undefined ? () => undefined : statusesIn(baseline, region);
      for (let at = 0; at < wantMask.length; at += 1) {
        if (wantMask[at] !== 1 || baselineStatus(at) !== undefined) continue;
        const account = input.index.accounts[at] as string;
        if (input.noBaselineNeeded.has(account)) continue;
        if (problems.length < MAX_PROBLEMS) problems.push(`${sim.name} would be in account ${account}, ${region}, without the baseline (its Config recorder)`);
      }
    }
  }
  return problems;
}
