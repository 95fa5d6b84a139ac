/** The plan as text for people (`plan`, and `apply` before it asks). `--json` prints the Plan itself. */
import type { Plan, StackSetPlan, TargetGroup } from './plan-types';

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
    for (const p of plan.parameters) {
      lines.push(`    ${p.key} = ${JSON.stringify(p.value)}${p.previous === undefined ? '' : `   (was ${JSON.stringify(p.previous)})`}`);
    }
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

export function renderPlan(plan: Plan): string {
  const lines = [
    `Plan for prefix ${plan.prefix} (callAs ${plan.callAs}${plan.administrationRegion === undefined ? '' : `, stack sets administered in ${plan.administrationRegion}`}), ${plan.organization.ous} OUs and ${plan.organization.accounts} accounts in the organization:`,
    '',
    ...plan.stackSets.flatMap((s) => [...renderStackSet(s), '']),
  ];
  const operations = plan.steps.filter((s) => s.kind !== 'create-stack-set' && s.kind !== 'delete-stack-set').length;
  lines.push(
    plan.steps.length > 0
      ? `${plan.steps.length} step(s), ${operations} StackSet operation(s).`
      : plan.stackSets.some((s) => s.orphaned.length > 0 || s.action === 'orphaned')
        ? 'No changes to apply; orphaned targets are kept (apply --prune deletes them).'
        : plan.stackSets.some((s) => s.narrowed.length > 0)
          ? 'No changes to apply; the wider baseline targets the config narrowed are kept (see the warnings).'
          : 'No changes: the stack sets match the config.',
  );
  if (plan.warnings.length > 0) {
    lines.push('', 'Warnings:');
    for (const w of plan.warnings) lines.push(`  ! ${w.message}`, `    → ${w.remedy}`);
  }
  return `${lines.join('\n')}\n`;
}
