/**
 * The aggregator stack's part of the plan, a pure function of (config, the stack as it is, its
 * template). Ownership is explicit, as for stack sets: only a stack tagged as this prefix's is updated
 * or deleted; an untagged one of that name stops the plan unless --adopt tags it. Stack states that
 * apply cannot resolve by itself stop the plan with the fix before anything is changed.
 */
import { PlanError } from '../../errors';
import { aggregatorParameters, aggregatorStackName } from '../aggregator';
import type { DeployConfig } from '../config/config-types';
import type { StackState } from '../stacks-port';
import { isStackInProgress } from '../stacks-port';
import type { AggregatorChange, AggregatorPlan, AggregatorStep } from './aggregator-types';
import { OWNER_TAG_KEY, ownerTags, stackOwner } from './ownership';
import type { ParameterValue } from './plan-types';
import type { TemplateBodies } from './template-bodies';
import { requireAggregatorTemplate, sameTemplate, templateParameters } from './template-bodies';

/** The stack as read: DescribeStacks, and GetTemplate when it is updatable. */
export interface CurrentStack {
  readonly state: StackState;
  readonly templateBody: string | undefined;
}

export interface AggregatorPlanInput {
  readonly config: DeployConfig;
  /** Undefined: no stack of that name. */
  readonly current: CurrentStack | undefined;
  readonly templates: TemplateBodies;
  readonly prune: boolean;
  readonly adopt: boolean;
  /** `destroy`: delete the prefix's stack, whatever the config says. */
  readonly teardown: boolean;
}

/** The statuses UpdateStack accepts (CloudFormation refuses every other one). */
const UPDATABLE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE']);

export function isUpdatable(status: string): boolean {
  return UPDATABLE.has(status);
}

export function planAggregatorStack(input: AggregatorPlanInput): AggregatorPlan {
  const { config, current } = input;
  const stackName = aggregatorStackName(config.prefix);
  const wanted = !input.teardown && config.aggregator.create;
  const body = wanted ? requireAggregatorTemplate(input.templates, config.file) : undefined;
  const stack = current?.state.status === 'DELETE_COMPLETE' ? undefined : current?.state;
  const base = { stackName, changes: [], parameters: [], status: stack?.status, statusReason: stack?.statusReason, foreign: false, steps: [] };
  const values = (): ParameterValue[] => templateParameters(body ?? '', 'aggregator', aggregatorParameters(config));
  const create = (): AggregatorStep => ({ kind: 'create-stack', stackName, parameters: values(), tags: ownerTags(config.prefix) });
  if (stack === undefined) return wanted ? { ...base, action: 'create', parameters: values(), steps: [create()] } : { ...base, action: 'none' };

  const owner = stackOwner(stack.tags);
  if (owner !== config.prefix) {
    if (!wanted) return { ...base, action: 'none', foreign: true };
    refuseForeign(config, stack, owner, input.adopt);
  }
  if (!wanted && !input.prune && !input.teardown) return { ...base, action: 'kept' };
  if (isStackInProgress(stack.status)) return { ...base, action: 'busy' };
  if (stack.status !== 'ROLLBACK_COMPLETE' && !isUpdatable(stack.status)) throw stuckStack(config, stack);
  const remove = (reason: 'failed-create' | 'prune' | 'destroy'): AggregatorStep => ({ kind: 'delete-stack', stackName, stackId: stack.stackId, reason });
  if (!wanted) return { ...base, action: 'delete', steps: [remove(input.teardown ? 'destroy' : 'prune')] };
  if (stack.status === 'ROLLBACK_COMPLETE') return { ...base, action: 'recreate', parameters: values(), steps: [remove('failed-create'), create()] };

  const parameters = values().map((p) => (stack.parameters[p.key] === p.value ? p : { ...p, previous: stack.parameters[p.key] ?? '' }));
  const changes: AggregatorChange[] = [];
  if (owner !== config.prefix) changes.push('adopt');
  if (!sameTemplate(current?.templateBody ?? '', body ?? '')) changes.push('template');
  if (parameters.some((p) => p.previous !== undefined)) changes.push('parameters');
  if (changes.length === 0) return { ...base, action: 'unchanged', parameters };
  // The stack's other tags stay: UpdateStack replaces the whole set with the one given.
  const tags = { ...stack.tags, ...ownerTags(config.prefix) };
  return { ...base, action: 'update', changes, parameters, steps: [{ kind: 'update-stack', stackName, parameters: values(), tags }] };
}

/** A stack with the aggregator's name that is not this rollout's: only --adopt takes an untagged one. */
function refuseForeign(config: DeployConfig, stack: StackState, owner: string | undefined, adopt: boolean): void {
  if (owner === undefined && adopt) return;
  const what = owner === undefined ? `exists without sg-guardrail's tag ${OWNER_TAG_KEY}=${config.prefix}` : `carries the tag of the sg-guardrail rollout with prefix "${owner}"`;
  throw new PlanError(`the aggregator stack ${stack.name} ${what}.`, {
    where: `${config.file}:aggregator`,
    fix:
      owner === undefined
        ? `if it is this rollout's aggregator (e.g. deployed by hand from dist/templates/aggregator.yaml), run plan and apply with --adopt to tag it; if it is another one, set aggregator.create: false (and aggregator.name to the aggregator it holds), or choose another prefix.`
        : 'set aggregator.create: false (and aggregator.name to the aggregator that stack holds), or choose another prefix.',
  });
}

/** A state CloudFormation itself must be helped out of; the fix names the command. */
function stuckStack(config: DeployConfig, stack: StackState): PlanError {
  const name = stack.name;
  const events = `the first failed resource in its events (CloudFormation console → Stacks → ${name} → Events)`;
  const fixes: Record<string, string> = {
    UPDATE_ROLLBACK_FAILED: `fix the cause named by ${events}, then \`aws cloudformation continue-update-rollback --stack-name ${name}\` (add --resources-to-skip for a resource that cannot be rolled back) and run sg-guardrail again.`,
    DELETE_FAILED: `fix the cause named by ${events}, then \`aws cloudformation delete-stack --stack-name ${name}\` (--deletion-mode FORCE_DELETE_STACK leaves behind what cannot be deleted) and run sg-guardrail again.`,
    ROLLBACK_FAILED: `a failed create whose rollback failed can only be deleted: fix the cause named by ${events}, then \`aws cloudformation delete-stack --stack-name ${name}\` and run sg-guardrail again.`,
    REVIEW_IN_PROGRESS: `a change set created it and was never executed: \`aws cloudformation delete-stack --stack-name ${name}\`, then run sg-guardrail again.`,
  };
  const fix =
    fixes[stack.status] ??
    (stack.status.endsWith('_FAILED')
      ? `fix the cause named by ${events}, then roll the stack back (\`aws cloudformation rollback-stack --stack-name ${name}\`) or delete it, and run sg-guardrail again.`
      : `bring the stack to a stable state in the CloudFormation console, then run sg-guardrail again.`);
  return new PlanError(`the aggregator stack ${name} is ${stack.status}${stack.statusReason === undefined ? '' : ` (${stack.statusReason})`}: CloudFormation can neither update nor replace it from there; nothing was changed.`, {
    where: `cloudformation stack ${name} (${config.file}:aggregator)`,
    fix,
  });
}
