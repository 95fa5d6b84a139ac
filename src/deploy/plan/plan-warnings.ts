/** The plan's warnings: what the rollout cannot cover, and what it leaves behind. */
import type { DeployConfig } from '../config/config-types';
import type { OrgIndex } from '../org/org-index';
import type { OwnedStackSet } from './current-state';
import type { DesiredState } from './desired-state';
import { describeOwnershipWarnings } from './ownership-warnings';
import type { PlanWarning, StackSetPlan } from './plan-types';
import type { StackSetSummary } from './stack-set-state';

export interface WarningsInput {
  readonly index: OrgIndex;
  readonly config: DeployConfig;
  readonly desired: DesiredState;
  readonly stackSets: readonly StackSetPlan[];
  readonly owned: readonly OwnedStackSet[];
  readonly others: readonly StackSetSummary[];
}

const MAX_LISTED = 10;

function listAccounts(ids: readonly string[]): string {
  return ids.length <= MAX_LISTED ? ids.join(', ') : `${ids.slice(0, MAX_LISTED).join(', ')} and ${ids.length - MAX_LISTED} more`;
}

export function describeWarnings(input: WarningsInput): PlanWarning[] {
  const org = input.index.tree;
  const { ruleTargets, baselineTargets } = input.desired;
  const pathOf = (id: string): string => org.nodes.get(id)?.path ?? id;
  const warnings: PlanWarning[] = [];
  for (const u of ruleTargets.uncovered) {
    warnings.push({
      kind: 'uncovered-accounts',
      message: `${u.accountIds.length} account(s) sit directly in ${pathOf(u.nodeId)} (profile ${u.label}), which also holds another profile's OU; targeting it would reach that OU too, so these accounts get no rule: ${listAccounts(u.accountIds)}.`,
      remedy: `move them into a child OU of ${pathOf(u.nodeId)} (a new one such as ${pathOf(u.nodeId)}/General inherits profile ${u.label}) and run apply again.`,
    });
  }
  for (const u of baselineTargets.uncovered) {
    warnings.push({
      kind: 'no-baseline',
      message: `${u.accountIds.length} account(s) sit directly in ${pathOf(u.nodeId)}, which also holds an OU in baseline.skipOus, so they get no baseline (Config recorder): ${listAccounts(u.accountIds)}.`,
      remedy: `move them into a child OU of ${pathOf(u.nodeId)}, or make sure they already record AWS Config (their rule needs a recorder).`,
    });
  }
  const management = org.managementAccountId === undefined ? undefined : org.accounts.get(org.managementAccountId);
  if (management !== undefined) {
    const profile = ruleTargets.ownerOf.get(management.parentId);
    if (profile !== undefined) {
      warnings.push({
        kind: 'management-account',
        message: `the management account ${management.id} (in ${pathOf(management.parentId)}, profile ${profile}) is never covered: service-managed StackSets do not deploy to the management account.`,
        remedy: 'deploy dist/templates/standalone.yaml there with `aws cloudformation deploy` if its security groups need the guardrail.',
      });
    }
  }
  for (const plan of input.stackSets) {
    const keptStray = plan.stray.filter((s) => s.reason === 'kept');
    if (plan.orphaned.length === 0 && plan.action !== 'orphaned' && keptStray.length === 0) continue;
    const paths = [...plan.orphaned.flatMap((g) => g.ous.map((o) => o.path)), ...keptStray.map((s) => `account ${s.account} in ${s.region}`)];
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
        const staying = plan.targets.filter((t) => input.index.isWithin(t.id, ou.id));
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
  for (const plan of input.stackSets) {
    const stuck = plan.inoperable.filter((i) => i.stuck);
    if (stuck.length === 0) continue;
    const callAs = input.config.callAs === 'DELEGATED_ADMIN' ? ' --call-as DELEGATED_ADMIN' : '';
    warnings.push({
      kind: 'inoperable-instances',
      message: `stack set ${plan.name} has ${stuck.length} INOPERABLE instance(s) that the config wants (a deletion failed there, so CloudFormation no longer updates them) and that apply cannot delete safely (they are reached through the root): ${listAccounts(stuck.map((i) => `${i.account}/${i.region}`))}.`,
      remedy: `for each, remove it from the stack set keeping the stack (\`aws cloudformation delete-stack-instances --stack-set-name ${plan.name} --deployment-targets OrganizationalUnitIds=OU,Accounts=ACCOUNT,AccountFilterType=INTERSECTION --regions REGION --retain-stacks${callAs}\`), delete the stack StackSet-${plan.name}-… in that account and region, then run apply again to deploy it afresh.`,
    });
  }
  warnings.push(...describeOwnershipWarnings({ config: input.config, owned: input.owned, others: input.others }));
  for (const { state } of input.owned) {
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
