/**
 * The aggregator stack through apply, end to end: the real CLI and SDK clients against the
 * Organizations, StackSets and stacks fakes. Created with the rollout, updated when the config's name
 * or regions change, a failed create reported with its reason and created afresh by the next apply,
 * ownership by tag (--adopt), kept or pruned when the config stops creating it, and the stack states
 * apply must wait for or refuse.
 */
import { CloudFormationClient, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { AGGREGATOR_PARAMETER } from '../../src/template-parameters';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { createWorkspace, FIXTURE_TEMPLATES, runCli } from './deploy-helpers';
import type { Workspace } from './deploy-helpers';

jest.setTimeout(60_000);

const STACK = 'sg-guardrail-aggregator';
const CONFIG = 'regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }\n';
const OWNER = { Key: 'sg-guardrail:prefix', Value: 'sg-guardrail' };

let fakes: AwsFakes;
let ws: Workspace;

beforeEach(() => {
  const org = new OrganizationFake();
  org.addTree({ 'Root/Workloads/Prod': ['333333333333'] });
  fakes = installAwsFakes({ organization: org });
  ws = createWorkspace();
});
afterEach(() => fakes.restore());

const apply = (yaml: string, ...extra: string[]): ReturnType<typeof runCli> =>
  runCli(['apply', '-c', ws.writeConfig(yaml), '--templates', ws.templatesDir, '--yes', '--poll-seconds', '0', ...extra]);
const plan = (yaml: string, ...extra: string[]): ReturnType<typeof runCli> => runCli(['plan', '-c', ws.writeConfig(yaml), '--templates', ws.templatesDir, ...extra]);
const stackCalls = (): string[] => fakes.stacks.mutatingCalls().map((c) => c.operation);
const values = (): Record<string, string> => Object.fromEntries(fakes.stacks.stack(STACK)?.parameters ?? []);

describe('apply and the aggregator stack', () => {
  it('the first apply creates it (tagged, CAPABILITY_IAM, the config\'s values); a second apply changes nothing', async () => {
    expect((await plan(CONFIG)).stdout).toContain(`+ create ${STACK}: AWS Config organization aggregator stack (in us-east-1)\n    AggregatorName = "sg-guardrail-organization"\n    AggregatorRegions = "us-east-1"`);
    const first = await apply(CONFIG);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${STACK}  create stack  CREATE_COMPLETE`);
    expect(first.stdout).toContain('Verified: a new plan of the organization has no steps left.');
    const stack = fakes.stacks.stack(STACK);
    expect(stack).toMatchObject({ status: 'CREATE_COMPLETE', templateBody: FIXTURE_TEMPLATES.aggregator, capabilities: ['CAPABILITY_IAM'], tags: [OWNER] });
    expect(values()).toEqual({ [AGGREGATOR_PARAMETER.name]: 'sg-guardrail-organization', [AGGREGATOR_PARAMETER.regions]: 'us-east-1' });
    expect(fakes.stacks.calls('CreateStack')[0]?.input.ClientRequestToken).toMatch(/^sgg-create-stack-[-0-9a-f]{36}$/);

    fakes.stacks.clearCalls();
    fakes.stackSets.clearCalls();
    const second = await apply(CONFIG);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`= unchanged ${STACK}`);
    expect(second.stdout).toContain('No changes: the stack sets and the aggregator stack match the config.');
    expect([...stackCalls(), ...fakes.stackSets.mutatingCalls()]).toEqual([]);
  });

  it('a changed name or regions is an update of the stack', async () => {
    expect((await apply(CONFIG)).code).toBe(0);
    const renamed = `${CONFIG.replace('us-east-1]', 'us-east-1, eu-west-1]')}aggregator: { name: org-view }\n`;
    const run = await apply(renamed);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`~ update ${STACK}: AWS Config organization aggregator stack (in us-east-1) (parameters)\n    AggregatorName = "org-view"   (was "sg-guardrail-organization")\n    AggregatorRegions = "eu-west-1,us-east-1"   (was "us-east-1")`);
    expect(stackCalls()).toEqual(['CreateStack', 'UpdateStack']);
    expect(fakes.stacks.stack(STACK)?.status).toBe('UPDATE_COMPLETE');
    expect(values()).toEqual({ [AGGREGATOR_PARAMETER.name]: 'org-view', [AGGREGATOR_PARAMETER.regions]: 'eu-west-1,us-east-1' });
  });

  it('a failed create is reported with the failing resource\'s reason (exit 1); the next apply deletes the ROLLBACK_COMPLETE stack and creates it again', async () => {
    const reason = 'Resource handler returned message: "Your account is not a delegated administrator for config.amazonaws.com" (HandlerErrorCode: InvalidRequest)';
    fakes.stacks.failNext({ action: 'CREATE', resource: 'Aggregator', reason });
    const failed = await apply(CONFIG);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`✗ ${STACK} create-stack: ROLLBACK_COMPLETE — Aggregator (AWS::Config::ConfigurationAggregator): ${reason}`);
    expect(failed.stdout).toContain('it deletes the failed stack and creates it afresh');
    // The stack sets do not depend on the aggregator: they are deployed.
    expect(fakes.stackSets.instance('sg-guardrail-rule-web', '333333333333', 'us-east-1')?.status).toBe('CURRENT');

    expect((await plan(CONFIG)).stdout).toContain(`↻ delete and create again ${STACK}: AWS Config organization aggregator stack (in us-east-1); its creation failed (ROLLBACK_COMPLETE`);
    const again = await apply(CONFIG);
    expect(again.code).toBe(0);
    expect(stackCalls()).toEqual(['CreateStack', 'DeleteStack', 'CreateStack']);
    expect(fakes.stacks.calls('DeleteStack')[0]?.input.StackName).toMatch(/^arn:aws:cloudformation:us-east-1:\d{12}:stack\/sg-guardrail-aggregator\//);
    expect(fakes.stacks.stack(STACK)?.status).toBe('CREATE_COMPLETE');
  });

  it('a failed update is reported, the stack keeps its previous values, and the next apply updates it', async () => {
    expect((await apply(CONFIG)).code).toBe(0);
    fakes.stacks.failNext({ action: 'UPDATE', resource: 'AggregatorRole', reason: 'User is not authorized to perform: iam:UpdateAssumeRolePolicy' });
    const renamed = `${CONFIG}aggregator: { name: org-view }\n`;
    const failed = await apply(renamed);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`✗ ${STACK} update-stack: UPDATE_ROLLBACK_COMPLETE — AggregatorRole (AWS::IAM::Role): User is not authorized to perform: iam:UpdateAssumeRolePolicy`);
    expect(values()[AGGREGATOR_PARAMETER.name]).toBe('sg-guardrail-organization');
    expect((await apply(renamed)).code).toBe(0);
    expect(values()[AGGREGATOR_PARAMETER.name]).toBe('org-view');
  });

  it('an untagged stack of that name stops the plan unless --adopt, which tags it and keeps its other tags', async () => {
    fakes.stacks.seed({ name: STACK, templateBody: FIXTURE_TEMPLATES.aggregator, parameters: { AggregatorName: 'sg-guardrail-organization', AggregatorRegions: 'us-east-1' }, tags: { Team: 'platform' } });
    const refused = await apply(CONFIG);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the aggregator stack ${STACK} exists without sg-guardrail's tag sg-guardrail:prefix=sg-guardrail. Fix: if it is this rollout's aggregator`);
    expect([...stackCalls(), ...fakes.stackSets.mutatingCalls()]).toEqual([]);

    const adopted = await apply(CONFIG, '--adopt');
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toContain(`~ update ${STACK}: AWS Config organization aggregator stack (in us-east-1) (adopt)`);
    expect(fakes.stacks.calls('UpdateStack')[0]?.input.Tags).toEqual([OWNER, { Key: 'Team', Value: 'platform' }]);
    expect((await apply(CONFIG)).code).toBe(0);
    expect(stackCalls()).toEqual(['UpdateStack']);
  });

  it('aggregator.create: false leaves the prefix\'s stack alone, and --prune deletes it', async () => {
    expect((await apply(CONFIG)).code).toBe(0);
    const off = `${CONFIG}aggregator: { create: false }\n`;
    const kept = await apply(off);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain(`! kept ${STACK}: AWS Config organization aggregator stack (in us-east-1), left alone (aggregator.create: false); apply --prune deletes it`);
    expect(stackCalls()).toEqual(['CreateStack']);
    const pruned = await apply(off, '--prune');
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain(`- delete ${STACK}`);
    expect(stackCalls()).toEqual(['CreateStack', 'DeleteStack']);
    expect(fakes.stacks.stack(STACK)).toBeUndefined();
    expect((await apply(off, '--prune')).stdout).toContain('= no aggregator stack (aggregator.create: false)');
  });

  it('waits for a stack CloudFormation is still working on, then plans it', async () => {
    expect((await apply(CONFIG)).code).toBe(0);
    // Someone else's update (a tag) is running when apply starts.
    await new CloudFormationClient({}).send(new UpdateStackCommand({ StackName: STACK, TemplateBody: FIXTURE_TEMPLATES.aggregator, Parameters: [{ ParameterKey: 'AggregatorName', UsePreviousValue: true }, { ParameterKey: 'AggregatorRegions', UsePreviousValue: true }], Capabilities: ['CAPABILITY_IAM'], Tags: [OWNER, { Key: 'Team', Value: 'x' }] }));
    expect(fakes.stacks.stack(STACK)?.status).toBe('UPDATE_IN_PROGRESS');
    const run = await apply(CONFIG);
    expect(run.code).toBe(0);
    // Each DescribeStacks moves the fake one step: apply first sees the update's cleanup still running.
    expect(run.stdout).toContain(`Waiting for stack ${STACK} (UPDATE_COMPLETE_CLEANUP_IN_PROGRESS), still running from an earlier run…`);
    expect(run.stdout).toContain(`= unchanged ${STACK}`);
  });

  it.each([
    ['UPDATE_ROLLBACK_FAILED', 'aws cloudformation continue-update-rollback --stack-name sg-guardrail-aggregator'],
    ['DELETE_FAILED', 'aws cloudformation delete-stack --stack-name sg-guardrail-aggregator'],
  ])('a stack in %s stops the plan with the fix, and nothing is changed', async (status, fix) => {
    fakes.stacks.seed({ name: STACK, status, statusReason: 'The following resource(s) failed: [Aggregator].', tags: { 'sg-guardrail:prefix': 'sg-guardrail' } });
    const run = await apply(CONFIG);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`the aggregator stack ${STACK} is ${status} (The following resource(s) failed: [Aggregator].)`);
    expect(run.stderr).toContain(fix);
    expect([...stackCalls(), ...fakes.stackSets.mutatingCalls()]).toEqual([]);
  });

  it('a --templates directory without aggregator.yaml stops a config that creates the aggregator, naming the file', async () => {
    const { rmSync } = await import('node:fs');
    rmSync(`${ws.templatesDir}/aggregator.yaml`);
    const run = await plan(CONFIG);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${ws.templatesDir}/aggregator.yaml: the config creates the AWS Config aggregator`);
    expect((await plan(`${CONFIG}aggregator: { create: false }\n`)).code).toBe(0);
  });
});
