/** The plan's warnings: what the rollout cannot cover, and what it leaves behind. */
import type { DeployConfig } from '../config/config-types';
import type { OrgTree } from '../org/org-tree';
import { isWithin } from '../org/org-tree';
import type { PlanWarning, StackSetPlan } from './plan-types';
import type { StackSetState } from './stack-set-state';
import type { Targets } from './targeting';

export interface WarningsInput {
  readonly org: OrgTree;
  readonly config: DeployConfig;
  readonly ruleTargets: Targets;
  readonly baselineTargets: Targets;
  readonly stackSets: readonly StackSetPlan[];
  readonly current: readonly StackSetState[];
}

const MAX_LISTED = 10;

function listAccounts(ids: readonly string[]): string {
  return ids.length <= MAX_LISTED ? ids.join(', ') : `${ids.slice(0, MAX_LISTED).join(', ')} and ${ids.length - MAX_LISTED} more`;
}

export function describeWarnings(input: WarningsInput): PlanWarning[] {
  const { org } = input;
  const pathOf = (id: string): string => org.nodes.get(id)?.path ?? id;
  const warnings: PlanWarning[] = [];
  for (const u of input.ruleTargets.uncovered) {
    warnings.push({
      kind: 'uncovered-accounts',
      message: `${u.accountIds.length} account(s) sit directly in ${pathOf(u.nodeId)} (profile ${u.label}), which also holds another profile's OU; targeting it would reach that OU too, so these accounts get no rule: ${listAccounts(u.accountIds)}.`,
      remedy: `move them into a child OU of ${pathOf(u.nodeId)} (a new one such as ${pathOf(u.nodeId)}/General inherits profile ${u.label}) and run apply again.`,
    });
  }
  for (const u of input.baselineTargets.uncovered) {
    warnings.push({
      kind: 'no-baseline',
      message: `${u.accountIds.length} account(s) sit directly in ${pathOf(u.nodeId)}, which also holds an OU in baseline.skipOus, so they get no baseline (Config recorder): ${listAccounts(u.accountIds)}.`,
      remedy: `move them into a child OU of ${pathOf(u.nodeId)}, or make sure they already record AWS Config (their rule needs a recorder).`,
    });
  }
  const management = org.managementAccountId === undefined ? undefined : org.accounts.get(org.managementAccountId);
  if (management !== undefined) {
    const profile = input.ruleTargets.ownerOf.get(management.parentId);
    if (profile !== undefined) {
      warnings.push({
        kind: 'management-account',
        message: `the management account ${management.id} (in ${pathOf(management.parentId)}, profile ${profile}) is never covered: service-managed StackSets do not deploy to the management account.`,
        remedy: 'deploy dist/templates/standalone.yaml there with `aws cloudformation deploy` if its security groups need the guardrail.',
      });
    }
  }
  for (const plan of input.stackSets) {
    if (plan.orphaned.length === 0 && plan.action !== 'orphaned') continue;
    const paths = plan.orphaned.flatMap((g) => g.ous.map((o) => o.path));
    warnings.push({
      kind: 'orphaned',
      message:
        plan.action === 'orphaned'
          ? `stack set ${plan.name} is no longer in the config${paths.length > 0 ? ` and still targets ${[...new Set(paths)].join(', ')}` : ''}.`
          : `stack set ${plan.name} still targets OUs or regions the config no longer gives it: ${[...new Set(paths)].join(', ')}.`,
      remedy: 'run apply with --prune to delete those stack instances (and stack sets no longer in the config), or put the OUs back in the config.',
    });
  }
  for (const plan of input.stackSets) {
    for (const group of plan.narrowed) {
      for (const ou of group.ous) {
        const staying = plan.targets.filter((t) => isWithin(org, t.id, ou.id));
        const callAs = input.config.callAs === 'DELEGATED_ADMIN' ? ' --call-as DELEGATED_ADMIN' : '';
        warnings.push({
          kind: 'baseline-narrowed',
          message: `stack set ${plan.name} still targets ${ou.path} in ${group.regions.join(', ')}, though the config now gives it only ${staying.map((t) => t.path).join(', ')}; apply keeps the wider target even with --prune, because removing it deletes the baseline (Config recorder) in every account below it, including the ${staying.reduce((n, t) => n + t.accounts, 0)} account(s) that stay covered.`,
          remedy: `if the other accounts below ${ou.path} must lose the baseline (e.g. they joined Control Tower), remove the wide target yourself, accepting that the OUs that stay record nothing until the next apply: \`aws cloudformation delete-stack-instances --stack-set-name ${plan.name} --deployment-targets OrganizationalUnitIds=${ou.id} --regions ${group.regions.join(' ')} --no-retain-stacks${callAs}\`, wait for it, then run apply again.`,
        });
      }
    }
    if (plan.unknownOus.length > 0) {
      warnings.push({
        kind: 'unknown-ous',
        message: `stack set ${plan.name} still lists ${plan.unknownOus.join(', ')}, no longer in the organization; such an OU reaches no account (its accounts had to leave it before it was deleted), so apply leaves it alone.`,
        remedy: 'nothing to do; if an OU was re-created under the same path, it has a new id and the plan targets that one.',
      });
    }
  }
  for (const state of input.current) {
    const bad = state.instances.filter((i) => i.status !== 'CURRENT');
    if (bad.length === 0) continue;
    const counts = new Map<string, number>();
    for (const i of bad) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
    warnings.push({
      kind: 'instances-not-current',
      message: `stack set ${state.name} has ${bad.length} stack instance(s) not CURRENT (${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}).`,
      remedy: `apply deploys failed and cancelled instances again; if they keep failing, \`sg-guardrail status -c ${input.config.file}\` shows each reason (INOPERABLE ones need DeleteStackInstances with RetainStacks).`,
    });
  }
  return warnings;
}
