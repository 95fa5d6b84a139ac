/**
 * `destroy`: takes the rollout down with the same plan → apply → verify machinery as apply. First every
 * rule stack set marked as the prefix's (its instances, then the stack set), then, unless the baseline
 * is kept, the baseline's, then the aggregator stack; never the baseline while a rule may still need
 * its recorder. Only stack sets carrying the prefix's ownership mark, and only an aggregator stack
 * tagged as the prefix's, are touched, whatever the config says now.
 */
import type { AggregatorRun } from '../apply/aggregator-apply';
import { runAggregatorSteps } from '../apply/aggregator-apply';
import type { ApplyReport } from '../apply/apply';
import { applyPlan } from '../apply/apply';
import { createProgressPrinter } from '../apply/progress';
import { applySucceeded, renderApplyReport } from '../apply/report';
import type { CommandEnv } from '../commands';
import { loadDeployConfig } from '../config/config';
import type { DeployConfig } from '../config/config-types';
import type { AggregatorPlan } from '../plan/aggregator-types';
import { isOwnedBy, stackOwner } from '../plan/ownership';
import { planAggregatorStack } from '../plan/plan-aggregator';
import { renderAggregator, renderPlan } from '../plan/plan-render';
import type { Plan, StackSetKind } from '../plan/plan-types';
import { planStepCount } from '../plan/plan-types';
import type { PlanContext } from '../plan/rollout';
import { computePlan, readAggregatorStack, settleRollout } from '../plan/rollout';
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
  const settle = (): Promise<void> => settleRollout(config, { ...context, pollIntervalMs: options.pollIntervalMs, sleep: io.sleep, log: (line) => io.out(`${line}\n`) });
  const teardown = (kind: StackSetKind): PlanContext & { teardown: StackSetKind } => ({ config, templates: NO_TEMPLATES, prune: true, adopt: false, teardown: kind, ...context });
  const planAggregator = async (): Promise<AggregatorPlan> =>
    planAggregatorStack({ config, current: await readAggregatorStack(config, context.stacks), templates: NO_TEMPLATES, prune: true, adopt: false, teardown: true });
  await settle();
  const rules = await computePlan(teardown('rule'));
  const baseline = options.keepBaseline ? undefined : await computePlan(teardown('baseline'));
  const aggregator = options.keepBaseline ? undefined : await planAggregator();
  io.out(renderPlan(rules.plan));
  io.out(baseline === undefined ? '\nThe baseline (Config recorder, bucket, roles) and the aggregator stack are kept (--keep-baseline).\n' : `\n${renderPlan(baseline.plan)}`);
  if (aggregator !== undefined) io.out(`\n${describeAggregatorTeardown(aggregator, config)}\n`);
  io.out(`\n${describeWhatStays(config, options.keepBaseline)}`);
  if (planStepCount(rules.plan) + (baseline === undefined ? 0 : planStepCount(baseline.plan)) + (aggregator?.steps.length ?? 0) === 0) {
    io.out('Nothing to destroy: no stack set or aggregator stack is marked as this prefix\'s.\n');
    return 0;
  }
  if (!options.yes && !(await (io.confirm as (q: string) => Promise<boolean>)(`Destroy the stack sets of prefix ${config.prefix}? Type "yes" to continue: `))) {
    io.out('Nothing destroyed.\n');
    return 1;
  }
  // A printer per pass: each one draws only its own steps.
  const printer = (): ReturnType<typeof createProgressPrinter> => createProgressPrinter({ write: (t) => io.out(t), isTTY: io.isTTY });
  const reported = (report: ApplyReport): boolean => {
    io.out(`\n${renderApplyReport(report)}`);
    return applySucceeded(report);
  };
  const run = async (plan: Plan, org: typeof rules.org): Promise<boolean> => {
    io.out('\n');
    return reported(await applyPlan(plan, { ...context, templates: NO_TEMPLATES, org, progress: printer(), pollIntervalMs: options.pollIntervalMs, sleep: io.sleep }));
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
    await settle();
    io.out('\n');
    const last: AggregatorRun = await runAggregatorSteps((await planAggregator()).steps, { ...context, templates: NO_TEMPLATES, progress: printer(), pollIntervalMs: options.pollIntervalMs, sleep: io.sleep });
    if (!reported({ outcomes: [], failedInstances: [], skipped: [], leftOut: [], aggregator: last })) return 1;
  }
  await settle();
  return verifyDestroyed(config, options.keepBaseline, context, io.out);
}

/** What exists afterwards, read again: nothing of the prefix's (but the kept baseline and aggregator). */
async function verifyDestroyed(config: DeployConfig, keepBaseline: boolean, context: ReturnType<CommandEnv['createContext']>, out: (text: string) => void): Promise<number> {
  const left = (await context.port.listStackSets()).filter((s) => isOwnedBy(s.description, config.prefix) && (!keepBaseline || !s.description?.includes('kind=baseline'))).map((s) => s.name);
  const stack = keepBaseline ? undefined : await readAggregatorStack(config, context.stacks);
  if (stack !== undefined && stackOwner(stack.state.tags) === config.prefix) left.push(`${stack.state.name} (stack, ${stack.state.status})`);
  if (left.length > 0) {
    out(`\nOf prefix ${config.prefix}, these still exist: ${left.join(', ')}. Run destroy again.\n`);
    return 1;
  }
  out(`\nVerified: no ${keepBaseline ? 'rule stack set' : 'stack set or aggregator stack'} of prefix ${config.prefix} is left.\n`);
  return 0;
}

/** The aggregator stack's part of the teardown. */
function describeAggregatorTeardown(plan: AggregatorPlan, config: DeployConfig): string {
  if (plan.action !== 'none') return renderAggregator(plan, undefined).join('\n');
  return plan.foreign
    ? `= ${plan.stackName}: not tagged as prefix ${config.prefix}'s; left alone.`
    : `= no aggregator stack of prefix ${config.prefix}.`;
}

/** What a teardown leaves on purpose, and how to remove it (docs/rollout.md, "Teardown"). */
export function describeWhatStays(config: DeployConfig, keepBaseline: boolean): string {
  const lines = [
    'What stays on purpose (docs/rollout.md, "Teardown", says how to remove it):',
    `  - each rule's log group /aws/lambda/StackSet-${config.prefix}-rule-… in every account and region (DeletionPolicy Retain: the record of every revert), expiring after logRetentionDays;`,
  ];
  if (!keepBaseline && config.baseline.existingBucketName === '') {
    lines.push(`  - each account's Config delivery bucket (DeletionPolicy Retain: the configuration history), named stackset-${config.prefix}-baseline-…-deliverybucket-…;`);
  }
  lines.push('  - the evaluations AWS Config recorded (deleted with each rule; the deletion itself records ResourceCompliance items, which Config bills).');
  return `${lines.join('\n')}\n`;
}
