/** The plan as text for people (`plan`, and `apply` before it asks). `--json` prints the Plan itself. */
import type { AggregatorPlan } from './aggregator-types';
import type { ParameterValue, Plan, StackSetPlan, TargetGroup } from './plan-types';
import { planStepCount } from './plan-types';

const ACTION_MARK: Readonly<Record<StackSetPlan['action'], string>> = {
  create: '+ create',
  update: '~ update',
  unchanged: '= unchanged',
  orphaned: '! orphaned',
  delete: '- delete',
};

function groupLines(groups: readonly TargetGroup[], verb: string, indent: string): string[] {
  return groups.flatMap((g) => [
    `${indent}${verb} ${g.ous.length} OU(s) × ${g.regions.length} region(s) [${g.regions.join(', ')}], reaching ${g.accounts} account(s):`,
    ...g.ous.map((o) => `${indent}    ${o.path} (${o.id}, ${o.accounts} account(s))`),
  ]);
}

const MAX_LISTED = 10;

function listed(items: readonly { account: string; region: string }[]): string {
  const shown = items.slice(0, MAX_LISTED).map((i) => `${i.account}/${i.region}`);
  return items.length > MAX_LISTED ? `${shown.join(', ')} and ${items.length - MAX_LISTED} more` : shown.join(', ');
}

export function renderStackSet(plan: StackSetPlan): string[] {
  const what = plan.kind === 'baseline' ? 'baseline (Config recorder, bucket, roles)' : `rule for profile ${plan.profile ?? '?'}`;
  const changes = plan.changes.length > 0 ? ` (${plan.changes.join(', ')})` : '';
  const lines = [`${ACTION_MARK[plan.action]} ${plan.name}: ${what}${changes}`];
  if (plan.changes.includes('adopt')) lines.push('    adopted (--adopt): made before ownership marks; apply marks it as this prefix\'s');
  if (plan.action !== 'orphaned' && plan.action !== 'delete') {
    lines.push(`    regions: ${plan.regions.join(', ')}`);
    lines.push(`    targets: ${plan.targets.length === 0 ? '(none)' : plan.targets.map((t) => t.path).join(', ')} — ${plan.accounts} account(s)`);
    lines.push(...parameterLines(plan.parameters));
  }
  lines.push(...groupLines(plan.add, '+ add', '    '));
  for (const r of plan.remove) lines.push(...groupLines([r], r.reason === 'move' ? '- remove (moved to another profile)' : '- remove (--prune)', '    '));
  lines.push(...groupLines(plan.orphaned, '! orphaned, kept without --prune:', '    '));
  lines.push(...groupLines(plan.narrowed, '! narrowed by the config, kept even with --prune (see the warning):', '    '));
  if (plan.unknownOus.length > 0) lines.push(`    ! no longer in the organization, left alone: ${plan.unknownOus.join(', ')}`);
  if (plan.retry.length > 0) lines.push(`    ↻ redeploy ${plan.retry.length} failed stack instance(s): ${listed(plan.retry)}`);
  if (plan.repair.length > 0) lines.push(`    + create again ${plan.repair.length} missing stack instance(s): ${listed(plan.repair)}`);
  const removedStray = plan.stray.filter((s) => s.reason !== 'kept');
  if (removedStray.length > 0) lines.push(`    - remove ${removedStray.length} stack instance(s) outside every target: ${listed(removedStray)}`);
  const keptStray = plan.stray.filter((s) => s.reason === 'kept');
  if (keptStray.length > 0) lines.push(`    ! outside every target, kept without --prune: ${listed(keptStray)}`);
  const redeploy = plan.inoperable.filter((i) => !i.stuck);
  if (redeploy.length > 0) lines.push(`    ↻ delete and deploy afresh ${redeploy.length} INOPERABLE stack instance(s): ${listed(redeploy)}`);
  const stuck = plan.inoperable.filter((i) => i.stuck);
  if (stuck.length > 0) lines.push(`    ! INOPERABLE, apply cannot redeploy (see the warning): ${listed(stuck)}`);
  return lines;
}

function parameterLines(parameters: readonly ParameterValue[]): string[] {
  return parameters.map((p) => `    ${p.key} = ${JSON.stringify(p.value)}${p.previous === undefined ? '' : `   (was ${JSON.stringify(p.previous)})`}`);
}

/** The aggregator stack's section (`where`: the account and region it lives in, when known). */
export function renderAggregator(plan: AggregatorPlan, where: string | undefined): string[] {
  const what = `AWS Config organization aggregator stack${where === undefined ? '' : ` (${where})`}`;
  const name = plan.stackName;
  switch (plan.action) {
    case 'create':
      return [`+ create ${name}: ${what}`, ...parameterLines(plan.parameters)];
    case 'update':
      return [
        `~ update ${name}: ${what} (${plan.changes.join(', ')})`,
        ...(plan.changes.includes('adopt') ? ['    adopted (--adopt): apply tags it as this prefix\'s'] : []),
        ...parameterLines(plan.parameters),
      ];
    case 'unchanged':
      return [`= unchanged ${name}: ${what}`, ...parameterLines(plan.parameters)];
    case 'recreate':
      return [`↻ delete and create again ${name}: ${what}; its creation failed (${plan.status ?? ''}${plan.statusReason === undefined ? '' : `: ${plan.statusReason}`})`, ...parameterLines(plan.parameters)];
    case 'kept':
      return [`! kept ${name}: ${what}, left alone (aggregator.create: false); apply --prune deletes it`];
    case 'delete':
      return [`- delete ${name}: ${what}`];
    case 'busy':
      return [`… ${name}: ${what} is ${plan.status ?? ''}; apply waits for CloudFormation to finish, then plans it`];
    case 'none':
      return [plan.foreign ? `= ${name}: a stack of that name exists that is not this rollout's; left alone (aggregator.create: false)` : `= no aggregator stack (aggregator.create: false)`];
  }
}

/** The last line of a plan: how many steps, or why there are none. */
function summaryLine(plan: Plan): string {
  const stackSteps = plan.aggregator?.steps.length ?? 0;
  if (planStepCount(plan) > 0) {
    const operations = plan.steps.filter((s) => s.kind !== 'create-stack-set' && s.kind !== 'delete-stack-set').length;
    return `${planStepCount(plan)} step(s), ${operations} StackSet operation(s)${stackSteps > 0 ? `, ${stackSteps} on the aggregator stack` : ''}.`;
  }
  if (plan.stackSets.some((s) => s.orphaned.length > 0 || s.action === 'orphaned')) return 'No changes to apply; orphaned targets are kept (apply --prune deletes them).';
  if (plan.stackSets.some((s) => s.narrowed.length > 0)) return 'No changes to apply; the wider baseline targets the config narrowed are kept (see the warnings).';
  if (plan.aggregator?.action === 'kept') return 'No changes to apply; the aggregator stack is kept (apply --prune deletes it).';
  if (plan.aggregator?.action === 'busy') return 'No changes to apply until CloudFormation is done with the aggregator stack.';
  return plan.aggregator?.action === 'unchanged' ? 'No changes: the stack sets and the aggregator stack match the config.' : 'No changes: the stack sets match the config.';
}

export function renderPlan(plan: Plan): string {
  const lines = [
    `Plan for prefix ${plan.prefix} (callAs ${plan.callAs}${plan.administrationRegion === undefined ? '' : `, stack sets administered in ${plan.administrationRegion}`}), ${plan.organization.ous} OUs and ${plan.organization.accounts} accounts in the organization:`,
    '',
    ...plan.stackSets.flatMap((s) => [...renderStackSet(s), '']),
  ];
  if (plan.aggregator !== undefined) lines.push(...renderAggregator(plan.aggregator, plan.administrationRegion === undefined ? undefined : `in ${plan.administrationRegion}`), '');
  lines.push(summaryLine(plan));
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of plan.warnings) lines.push(`  ! ${w.message}`, `    → ${w.remedy}`);
  }
  return `${lines.join('\n')}\n`;
}
