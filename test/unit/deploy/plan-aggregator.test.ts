/** The aggregator stack's section of the plan: each state of the stack × what the config wants, and how it is shown. */
import type { AggregatorPlan } from '../../../src/deploy/plan/aggregator-types';
import type { AggregatorPlanInput } from '../../../src/deploy/plan/plan-aggregator';
import { planAggregatorStack } from '../../../src/deploy/plan/plan-aggregator';
import { renderAggregator } from '../../../src/deploy/plan/plan-render';
import type { StackState } from '../../../src/deploy/stacks-port';
import { PlanError } from '../../../src/errors';
import { TEMPLATES, config, deployedAggregator } from './fixtures';

const YAML = 'regions: [us-east-1, eu-west-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }\n';
const WANTED = config(YAML);
const NOT_WANTED = config(`${YAML}aggregator: { create: false }\n`);
const ID = deployedAggregator(WANTED).state.stackId;
const VALUES = [
  { key: 'AggregatorName', value: 'sg-guardrail-organization' },
  { key: 'AggregatorRegions', value: 'eu-west-1,us-east-1' },
];
const OWNER = { 'sg-guardrail:prefix': 'sg-guardrail' };

const planFor = (options: Partial<AggregatorPlanInput> & { state?: Partial<StackState>; templateBody?: string; absent?: boolean }): AggregatorPlan =>
  planAggregatorStack({
    config: options.config ?? WANTED,
    current: options.absent === true ? undefined : deployedAggregator(WANTED, options.state, options.templateBody),
    templates: options.templates ?? TEMPLATES,
    prune: options.prune ?? false,
    adopt: options.adopt ?? false,
    teardown: options.teardown ?? false,
  });
const brief = (p: AggregatorPlan): string => `${p.action} [${p.changes.join(',')}] ${p.steps.map((s) => (s.kind === 'delete-stack' ? `${s.kind}:${s.reason}` : s.kind)).join(' ')}`.trim();

describe('planAggregatorStack', () => {
  it.each<[string, Parameters<typeof planFor>[0], string]>([
    ['no stack, the config creates it', { absent: true }, 'create []  create-stack'],
    ['no stack, aggregator.create: false', { absent: true, config: NOT_WANTED }, 'none []'],
    ['the stack as the config says', {}, 'unchanged []'],
    ['another name', { config: config(`${YAML}aggregator: { name: org-view }\n`) }, 'update [parameters] update-stack'],
    ['a changed template', { templateBody: `${TEMPLATES.aggregator ?? ''}Description: v2\n` }, 'update [template] update-stack'],
    ['the same template, reformatted', { templateBody: JSON.stringify({ Parameters: { AggregatorName: { Type: 'String' }, AggregatorRegions: { Type: 'String', Default: '' } }, Resources: { Aggregator: { Type: 'AWS::Config::ConfigurationAggregator' } } }) }, 'unchanged []'],
    ['an update that rolled back to the old values', { state: { status: 'UPDATE_ROLLBACK_COMPLETE', parameters: { ...Object.fromEntries(VALUES.map((v) => [v.key, v.value])), AggregatorName: 'old' } } }, 'update [parameters] update-stack'],
    ['a failed create (ROLLBACK_COMPLETE)', { state: { status: 'ROLLBACK_COMPLETE' } }, 'recreate []  delete-stack:failed-create create-stack'],
    ['CloudFormation still at work', { state: { status: 'UPDATE_IN_PROGRESS' } }, 'busy []'],
    ['untagged, with --adopt', { state: { tags: {} }, adopt: true }, 'update [adopt] update-stack'],
    ['untagged and failed, with --adopt', { state: { tags: {}, status: 'ROLLBACK_COMPLETE' }, adopt: true }, 'recreate []  delete-stack:failed-create create-stack'],
    ['owned, aggregator.create: false', { config: NOT_WANTED }, 'kept []'],
    ['owned, aggregator.create: false, --prune', { config: NOT_WANTED, prune: true }, 'delete []  delete-stack:prune'],
    ['owned but failed, aggregator.create: false, without --prune', { config: NOT_WANTED, state: { status: 'DELETE_FAILED' } }, 'kept []'],
    ['owned and at work, aggregator.create: false, without --prune', { config: NOT_WANTED, state: { status: 'UPDATE_IN_PROGRESS' } }, 'kept []'],
    ['owned and at work, aggregator.create: false, --prune', { config: NOT_WANTED, prune: true, state: { status: 'UPDATE_IN_PROGRESS' } }, 'busy []'],
    ['untagged, aggregator.create: false, --prune', { config: NOT_WANTED, prune: true, state: { tags: {} } }, 'none []'],
    ['destroy', { teardown: true }, 'delete []  delete-stack:destroy'],
    ['destroy, another rollout\'s stack of that name', { teardown: true, state: { tags: { 'sg-guardrail:prefix': 'other' } } }, 'none []'],
    ['destroy without an aggregator template', { teardown: true, templates: { baseline: '', rule: '' } }, 'delete []  delete-stack:destroy'],
  ])('%s', (_name, options, expected) => {
    expect(brief(planFor(options))).toBe(expected.replace(/\s+/g, ' '));
  });

  it('creates with the config\'s values and the ownership tag, and deletes exactly the stack it read', () => {
    expect(planFor({ absent: true }).steps).toEqual([{ kind: 'create-stack', stackName: 'sg-guardrail-aggregator', parameters: VALUES, tags: OWNER }]);
    expect(planFor({ state: { status: 'ROLLBACK_COMPLETE' } }).steps[0]).toEqual({ kind: 'delete-stack', stackName: 'sg-guardrail-aggregator', stackId: ID, reason: 'failed-create' });
  });

  it('an update shows the old values, and keeps the stack\'s other tags (UpdateStack replaces them all)', () => {
    const p = planFor({ config: config(`${YAML}aggregator: { name: org-view }\n`), state: { tags: { ...OWNER, CostCenter: 'platform' } } });
    expect(p.parameters).toEqual([{ key: 'AggregatorName', value: 'org-view', previous: 'sg-guardrail-organization' }, VALUES[1]]);
    expect(p.steps).toEqual([{ kind: 'update-stack', stackName: 'sg-guardrail-aggregator', parameters: [{ key: 'AggregatorName', value: 'org-view' }, VALUES[1]], tags: { ...OWNER, CostCenter: 'platform' } }]);
    expect(planFor({ state: { tags: { Team: 'x' } }, adopt: true }).steps[0]).toMatchObject({ tags: { Team: 'x', ...OWNER } });
  });

  it.each<[string, Parameters<typeof planFor>[0], RegExp]>([
    ['an untagged stack without --adopt', { state: { tags: {} } }, /org\.yaml:aggregator: the aggregator stack sg-guardrail-aggregator exists without sg-guardrail's tag sg-guardrail:prefix=sg-guardrail\. Fix: .*run plan and apply with --adopt/],
    ["another rollout's stack, even with --adopt", { state: { tags: { 'sg-guardrail:prefix': 'other' } }, adopt: true }, /carries the tag of the sg-guardrail rollout with prefix "other"\. Fix: set aggregator\.create: false/],
    ['UPDATE_ROLLBACK_FAILED', { state: { status: 'UPDATE_ROLLBACK_FAILED', statusReason: 'The following resource(s) failed to update: [Aggregator].' } }, /is UPDATE_ROLLBACK_FAILED \(The following resource\(s\) failed to update: \[Aggregator\]\.\): .*nothing was changed\. Fix: .*aws cloudformation continue-update-rollback --stack-name sg-guardrail-aggregator/],
    ['DELETE_FAILED, to be pruned', { config: NOT_WANTED, prune: true, state: { status: 'DELETE_FAILED' } }, /is DELETE_FAILED: .* Fix: .*aws cloudformation delete-stack --stack-name sg-guardrail-aggregator.*FORCE_DELETE_STACK/],
    ['ROLLBACK_FAILED, to be destroyed', { teardown: true, state: { status: 'ROLLBACK_FAILED' } }, /is ROLLBACK_FAILED: .* Fix: a failed create whose rollback failed can only be deleted/],
    ['REVIEW_IN_PROGRESS (a change set never executed)', { state: { status: 'REVIEW_IN_PROGRESS' } }, /is REVIEW_IN_PROGRESS: .* Fix: a change set created it and was never executed/],
    ['no aggregator template while the config creates it', { absent: true, templates: { baseline: '', rule: '', dir: 'dist/templates' } }, /^dist\/templates\/aggregator\.yaml: the config creates the AWS Config aggregator/],
  ])('stops the plan with the fix: %s', (_name, options, message) => {
    expect(() => planFor(options)).toThrow(PlanError);
    expect(() => planFor(options)).toThrow(message);
  });
});

describe('renderAggregator', () => {
  it.each<[string, Parameters<typeof planFor>[0], string]>([
    ['create', { absent: true }, '+ create sg-guardrail-aggregator: AWS Config organization aggregator stack (in us-east-1)\n    AggregatorName = "sg-guardrail-organization"\n    AggregatorRegions = "eu-west-1,us-east-1"'],
    ['update', { config: config(`${YAML}aggregator: { name: org-view }\n`) }, '~ update sg-guardrail-aggregator: AWS Config organization aggregator stack (in us-east-1) (parameters)\n    AggregatorName = "org-view"   (was "sg-guardrail-organization")'],
    ['adopt', { state: { tags: {} }, adopt: true }, '~ update sg-guardrail-aggregator: AWS Config organization aggregator stack (in us-east-1) (adopt)\n    adopted (--adopt): apply tags it as this prefix\'s'],
    ['recreate', { state: { status: 'ROLLBACK_COMPLETE', statusReason: 'The following resource(s) failed to create: [Aggregator].' } }, '↻ delete and create again sg-guardrail-aggregator: AWS Config organization aggregator stack (in us-east-1); its creation failed (ROLLBACK_COMPLETE: The following resource(s) failed to create: [Aggregator].)'],
    ['kept', { config: NOT_WANTED }, '! kept sg-guardrail-aggregator: AWS Config organization aggregator stack (in us-east-1), left alone (aggregator.create: false); apply --prune deletes it'],
    ['delete', { config: NOT_WANTED, prune: true }, '- delete sg-guardrail-aggregator: AWS Config organization aggregator stack (in us-east-1)'],
    ['busy', { state: { status: 'CREATE_IN_PROGRESS' } }, '… sg-guardrail-aggregator: AWS Config organization aggregator stack (in us-east-1) is CREATE_IN_PROGRESS; apply waits for CloudFormation to finish, then plans it'],
    ['foreign', { config: NOT_WANTED, state: { tags: {} } }, "= sg-guardrail-aggregator: a stack of that name exists that is not this rollout's; left alone (aggregator.create: false)"],
  ])('%s', (_name, options, expected) => {
    expect(renderAggregator(planFor(options), 'in us-east-1').join('\n')).toContain(expected);
  });
});
