/**
 * `destroy`: takes the rollout down with the same plan → apply → verify machinery as apply. First every
 * rule stack set marked as the prefix's (its instances, then the stack set), then, unless the baseline
 * is kept, the baseline's; never the baseline while a rule may still need its recorder. Only stack sets
 * carrying the prefix's ownership mark are touched, whatever the config's profiles say now.
 */
import { applyPlan } from '../apply/apply';
import { createProgressPrinter } from '../apply/progress';
import { applySucceeded, renderApplyReport } from '../apply/report';
import type { CommandEnv } from '../commands';
import { loadDeployConfig } from '../config/config';
import type { DeployConfig } from '../config/config-types';
import { isOwnedBy } from '../plan/ownership';
import { renderPlan } from '../plan/plan-render';
import type { Plan, StackSetKind } from '../plan/plan-types';
import type { PlanContext } from '../plan/rollout';
import { computePlan, waitForRunningOperations } from '../plan/rollout';
import type { TemplateBodies } from '../plan/template-bodies';

export interface DestroyOptions {
  readonly configFile: string;
  readonly keepBaseline: boolean;
  readonly yes: boolean;
  readonly pollIntervalMs: number;
}

/** A teardown deploys no template. */
const NO_TEMPLATES: TemplateBodies = { baseline: '', rule: '' };

export async function runDestroyCommand(options: DestroyOptions, env: CommandEnv): Promise<number> {
  const { io } = env;
  const config = await loadDeployConfig(options.configFile);
  if (!options.yes && io.confirm === undefined) {
    io.err('sg-guardrail destroy: not on a terminal, so it cannot ask for confirmation. Review the plan (sg-guardrail destroy without --yes on a terminal) and pass --yes to destroy from a pipeline.\n');
    return 2;
  }
  const context = env.createContext(config);
  const settle = (): Promise<number> => waitForRunningOperations(config, { port: context.port, pollIntervalMs: options.pollIntervalMs, sleep: io.sleep, log: (line) => io.out(`${line}\n`) });
  const teardown = (kind: StackSetKind): PlanContext & { teardown: StackSetKind } => ({ config, templates: NO_TEMPLATES, prune: true, adopt: false, teardown: kind, ...context });
  await settle();
  const rules = await computePlan(teardown('rule'));
  const baseline = options.keepBaseline ? undefined : await computePlan(teardown('baseline'));
  io.out(renderPlan(rules.plan));
  io.out(baseline === undefined ? '\nThe baseline (Config recorder, bucket, roles) is kept (--keep-baseline).\n' : `\n${renderPlan(baseline.plan)}`);
  io.out(`\n${describeWhatStays(config, options.keepBaseline)}`);
  if (rules.plan.steps.length === 0 && (baseline?.plan.steps.length ?? 0) === 0) {
    io.out('Nothing to destroy: no stack set is marked as this prefix\'s.\n');
    return 0;
  }
  if (!options.yes && !(await (io.confirm as (q: string) => Promise<boolean>)(`Destroy the stack sets of prefix ${config.prefix}? Type "yes" to continue: `))) {
    io.out('Nothing destroyed.\n');
    return 1;
  }
  const run = async (plan: Plan, org: typeof rules.org): Promise<boolean> => {
    io.out('\n');
    const report = await applyPlan(plan, { port: context.port, stacks: context.stacks, templates: NO_TEMPLATES, org, progress: createProgressPrinter({ write: (t) => io.out(t), isTTY: io.isTTY }), pollIntervalMs: options.pollIntervalMs, sleep: io.sleep });
    io.out(`\n${renderApplyReport(report)}`);
    return applySucceeded(report);
  };
  if (!(await run(rules.plan, rules.org))) {
    io.out('The baseline is kept while rule stacks may still need its recorder: fix the failures above and run destroy again.\n');
    return 1;
  }
  if (!options.keepBaseline) {
    // Planned again from what exists now: the rule removals changed nothing of the baseline, but
    // auto-deployment may have meanwhile.
    await settle();
    const fresh = await computePlan(teardown('baseline'));
    if (!(await run(fresh.plan, fresh.org))) return 1;
  }
  await settle();
  const left = (await context.port.listStackSets()).filter((s) => isOwnedBy(s.description, config.prefix) && (!options.keepBaseline || !s.description?.includes('kind=baseline')));
  if (left.length > 0) {
    io.out(`\nStack sets of prefix ${config.prefix} still exist: ${left.map((s) => s.name).join(', ')}. Run destroy again.\n`);
    return 1;
  }
  io.out(`\nVerified: no ${options.keepBaseline ? 'rule ' : ''}stack set of prefix ${config.prefix} is left.\n`);
  return 0;
}

/** What a teardown leaves on purpose, and how to remove it (README "Teardown"). */
export function describeWhatStays(config: DeployConfig, keepBaseline: boolean): string {
  const lines = [
    'What stays on purpose (see README "Teardown" to remove it):',
    `  - each rule's log group /aws/lambda/StackSet-${config.prefix}-rule-… in every account and region (DeletionPolicy Retain: the record of every revert), expiring after logRetentionDays;`,
  ];
  if (!keepBaseline && config.baseline.existingBucketName === '') {
    lines.push(`  - each account's Config delivery bucket (DeletionPolicy Retain: the configuration history), named stackset-${config.prefix}-baseline-…-deliverybucket-…;`);
  }
  lines.push('  - the evaluations AWS Config recorded (deleted with each rule; the deletion itself records ResourceCompliance items, which Config bills).');
  return `${lines.join('\n')}\n`;
}
