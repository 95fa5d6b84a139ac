/**
 * The plan, apply and status commands over injected I/O and AWS context, so the CLI scripts stay
 * thin and tests run the same code. Each returns the process exit code.
 */
import { writeFile } from 'node:fs/promises';
import { ConfigError } from '../errors';
import { applyPlan } from './apply/apply';
import { loadDeployConfig } from './config/config';
import type { DeployConfig } from './config/config-types';
import type { Plan } from './plan/plan-types';
import { planStepCount } from './plan/plan-types';
import { renderPlan } from './plan/plan-render';
import { createProgressPrinter } from './apply/progress';
import { applySucceeded, renderApplyReport } from './apply/report';
import type { OrganizationReader } from './plan/rollout';
import { computePlan, settleRollout } from './plan/rollout';
import type { StackSetsPort } from './stack-sets-port';
import type { StacksPort } from './stacks-port';
import { collectStatus, renderStatus } from './status/status';
import type { TemplateBodies } from './plan/template-bodies';
import { renderOrgSnapshot, toOrgSnapshot } from './org/org-snapshot';
import type { OrgTree } from './org/org-tree';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** stdout is a terminal (progress is redrawn in place). */
  readonly isTTY: boolean;
  /** Asks on the terminal; undefined when there is no terminal to ask on. */
  readonly confirm: ((question: string) => Promise<boolean>) | undefined;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
}

export interface CommandEnv {
  readonly io: CliIo;
  createContext(config: DeployConfig): { readonly readOrganization: OrganizationReader; readonly port: StackSetsPort; readonly stacks: StacksPort };
  /** Reads DIR/baseline.yaml, DIR/rule.yaml and DIR/aggregator.yaml, or builds the templates when dir is undefined. */
  loadTemplates(dir: string | undefined): Promise<TemplateBodies>;
}

export interface PlanOptions {
  readonly configFile: string;
  readonly templatesDir: string | undefined;
  readonly prune: boolean;
  /** Mark unmarked stack sets with the names the config wants as this prefix's. */
  readonly adopt: boolean;
  readonly json: boolean;
  /** Also write the organization it read to this file, for `validate --org` (offline). */
  readonly saveOrg?: string;
}

export async function runPlanCommand(options: PlanOptions, env: CommandEnv): Promise<number> {
  const config = await loadDeployConfig(options.configFile);
  const templates = await env.loadTemplates(options.templatesDir);
  const { plan, org } = await computePlan({ config, templates, prune: options.prune, adopt: options.adopt, ...env.createContext(config) });
  env.io.out(options.json ? `${JSON.stringify(plan, null, 2)}\n` : renderPlan(plan));
  if (options.saveOrg !== undefined) await saveOrgSnapshot(options.saveOrg, org, env.io);
  return 0;
}

async function saveOrgSnapshot(file: string, org: OrgTree, io: CliIo): Promise<void> {
  try {
    await writeFile(file, renderOrgSnapshot(toOrgSnapshot(org, io.now())));
  } catch (error) {
    throw new ConfigError('cannot write the organization snapshot.', { where: file, fix: 'pass a writable path to --save-org.', cause: error });
  }
  // stderr: stdout may be the plan as JSON.
  io.err(`Saved the organization (${org.nodes.size} OUs and roots, ${org.accounts.size} accounts) to ${file}; check configs against it offline with \`sg-guardrail validate -c FILE --org ${file}\`.\n`);
}

export interface ApplyOptions extends Omit<PlanOptions, 'json' | 'saveOrg'> {
  readonly yes: boolean;
  readonly pollIntervalMs: number;
}

export async function runApplyCommand(options: ApplyOptions, env: CommandEnv): Promise<number> {
  const { io } = env;
  const config = await loadDeployConfig(options.configFile);
  const templates = await env.loadTemplates(options.templatesDir);
  const context = env.createContext(config);
  if (!options.yes && io.confirm === undefined) {
    io.err('sg-guardrail apply: not on a terminal, so it cannot ask for confirmation. Review `sg-guardrail plan` and pass --yes to apply from a pipeline.\n');
    return 2;
  }
  const settle = (): Promise<void> => settleRollout(config, { ...context, pollIntervalMs: options.pollIntervalMs, sleep: io.sleep, log: (line) => io.out(`${line}\n`) });
  await settle();
  const planContext = { config, templates, prune: options.prune, adopt: options.adopt, ...context };
  const { plan, org } = await computePlan(planContext);
  io.out(renderPlan(plan));
  if (planStepCount(plan) === 0) return hasStuckInstances(plan) ? 1 : 0;
  if (!options.yes && !(await (io.confirm as (q: string) => Promise<boolean>)('Apply this plan? Type "yes" to continue: '))) {
    io.out('Nothing applied.\n');
    return 1;
  }
  io.out('\n');
  const report = await applyPlan(plan, {
    port: context.port,
    stacks: context.stacks,
    templates,
    org,
    progress: createProgressPrinter({ write: (t) => io.out(t), isTTY: io.isTTY }),
    pollIntervalMs: options.pollIntervalMs,
    sleep: io.sleep,
  });
  io.out(`\n${renderApplyReport(report)}`);
  if (!applySucceeded(report)) return 1;
  // Success is what the organization looks like afterwards, not what the operations said: plan again.
  await settle();
  const after = await computePlan(planContext);
  if (hasStuckInstances(after.plan)) {
    io.out('\nINOPERABLE stack instances that apply cannot deploy remain: see the warning in the plan above for the remedy.\n');
    return 1;
  }
  if (planStepCount(after.plan) > 0) {
    io.out(`\nThe organization does not match the config yet: a new plan still has ${planStepCount(after.plan)} step(s) (auto-deployment or someone else may have acted meanwhile). Run \`sg-guardrail plan -c ${options.configFile}\` to see them, then apply again.\n`);
    return 1;
  }
  io.out('Verified: a new plan of the organization has no steps left.\n');
  return 0;
}

/** Instances the config wants that apply cannot deploy (see the plan's warning): not a success. */
function hasStuckInstances(plan: Plan): boolean {
  return plan.stackSets.some((s) => s.inoperable.some((i) => i.stuck));
}

export interface StatusCommandOptions {
  readonly configFile: string;
  readonly detectDrift: boolean;
  readonly json: boolean;
  readonly account: string | undefined;
  readonly region: string | undefined;
  readonly pollIntervalMs: number;
}

export async function runStatusCommand(options: StatusCommandOptions, env: CommandEnv): Promise<number> {
  const config = await loadDeployConfig(options.configFile);
  const context = env.createContext(config);
  const org = await context.readOrganization();
  const status = await collectStatus({
    config,
    port: context.port,
    org,
    detectDrift: options.detectDrift,
    pollIntervalMs: options.pollIntervalMs,
    sleep: env.io.sleep,
    now: env.io.now,
    account: options.account,
    region: options.region,
  });
  env.io.out(options.json ? `${JSON.stringify(status, null, 2)}\n` : renderStatus(status));
  return 0;
}
