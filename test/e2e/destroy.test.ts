/** `destroy`: rules first, then the baseline, then the aggregator stack, only what is marked as the prefix's, verified at the end. */
import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { createWorkspace } from './deploy-helpers';
import { RolloutDriver } from './rollout-driver';

jest.setTimeout(60_000);

let fakes: AwsFakes;
let driver: RolloutDriver;

const CONFIG = `regions: [us-east-1, eu-west-1]
profiles:
  web: { allowedIngress: "443", ous: [Root/Workloads] }
  mail: { allowedIngress: "25", ous: [Root/Workloads/Mail] }
`;

beforeEach(async () => {
  const org = new OrganizationFake();
  org.addTree({ 'Root/Workloads': ['222222222222'], 'Root/Workloads/Prod': ['333333333333'], 'Root/Workloads/Mail': ['444444444444'], 'Root/Other': ['555555555555'] });
  fakes = installAwsFakes({ organization: org });
  driver = new RolloutDriver(createWorkspace());
  expect((await driver.apply({ yaml: CONFIG })).code).toBe(0);
  // Another rollout in the same organization, which destroy must not touch.
  expect((await driver.apply({ yaml: `prefix: other\nregions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "80", ous: [Root/Other] }\n` })).code).toBe(0);
});
afterEach(() => fakes.restore());

describe('destroy', () => {
  it('deletes the rule stack sets, then the baseline, then the aggregator stack, only this prefix\'s, and says what stays', async () => {
    // A profile removed from the config since still goes: destroy follows the marks, not the config.
    const run = await driver.destroy({ yaml: CONFIG.replace(/ {2}mail:.*\n/, '') });
    expect(run.code).toBe(0);
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['other-baseline', 'other-rule-web']);
    expect(run.output).toContain('- delete sg-guardrail-aggregator: AWS Config organization aggregator stack');
    // One CloudFormation client serves both: its call log gives the order across stack sets and stacks.
    const deletes = fakes.cloudFormationMock
      .calls()
      .map((c) => c.args[0] as { constructor: { name: string }; input: { StackSetName?: string; StackName?: string } })
      .filter((command) => command.constructor.name === 'DeleteStackSetCommand' || command.constructor.name === 'DeleteStackCommand')
      .map((command) => command.input.StackSetName ?? command.input.StackName?.replace(/^arn:aws:cloudformation:[^/]*\/([^/]*)\/.*$/, '$1'));
    expect(deletes.slice(-4)).toEqual(['sg-guardrail-rule-mail', 'sg-guardrail-rule-web', 'sg-guardrail-baseline', 'sg-guardrail-aggregator']);
    expect(fakes.stacks.stack('sg-guardrail-aggregator')).toBeUndefined();
    expect(fakes.stacks.stack('other-aggregator')?.status).toBe('CREATE_COMPLETE');
    expect(run.output).toContain('What stays on purpose');
    expect(run.output).toContain('Verified: no stack set or aggregator stack of prefix sg-guardrail is left.');
    expect((await driver.destroy({ yaml: CONFIG })).output).toContain('Nothing to destroy');
  });

  it('reports a failed deletion of the aggregator stack with its reason (exit 1); the next destroy finishes', async () => {
    fakes.stacks.failNext({ stack: 'sg-guardrail-aggregator', action: 'DELETE', resource: 'Aggregator', reason: 'User is not authorized to perform: config:DeleteConfigurationAggregator' });
    const failed = await driver.destroy({ yaml: CONFIG });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('✗ sg-guardrail-aggregator delete-stack: DELETE_FAILED — Aggregator (AWS::Config::ConfigurationAggregator): User is not authorized to perform: config:DeleteConfigurationAggregator');
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['other-baseline', 'other-rule-web']);
    // DELETE_FAILED is for the user to resolve (plan-aggregator.ts): the fix names the command, and then destroy finishes.
    const stuck = await driver.destroy({ yaml: CONFIG }).catch((error: unknown) => error);
    expect(String(stuck)).toContain('aws cloudformation delete-stack --stack-name sg-guardrail-aggregator');
    await new CloudFormationClient({}).send(new DeleteStackCommand({ StackName: 'sg-guardrail-aggregator' }));
    expect((await driver.destroy({ yaml: CONFIG })).output).toContain('Nothing to destroy');
    expect(fakes.stacks.stack('sg-guardrail-aggregator')).toBeUndefined();
  });

  it('leaves alone an aggregator stack of that name that is not tagged as the prefix\'s', async () => {
    // The rollout's own stack replaced by someone else's of the same name.
    await new CloudFormationClient({}).send(new DeleteStackCommand({ StackName: 'sg-guardrail-aggregator' }));
    fakes.stacks.settle();
    fakes.stacks.seed({ name: 'sg-guardrail-aggregator', tags: {} });
    const run = await driver.destroy({ yaml: CONFIG });
    expect(run.code).toBe(0);
    expect(run.output).toContain("= sg-guardrail-aggregator: not tagged as prefix sg-guardrail's; left alone.");
    expect(fakes.stacks.stack('sg-guardrail-aggregator')?.status).toBe('CREATE_COMPLETE');
  });

  it('--keep-baseline keeps the recorders and the aggregator stack', async () => {
    const run = await driver.destroy({ yaml: CONFIG, keepBaseline: true });
    expect(run.code).toBe(0);
    expect(run.output).toContain('The baseline (Config recorder, bucket, roles) and the aggregator stack are kept (--keep-baseline).');
    expect(run.output).toContain('Verified: no rule stack set of prefix sg-guardrail is left.');
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['other-baseline', 'other-rule-web', 'sg-guardrail-baseline']);
    expect(fakes.stackSets.instances('sg-guardrail-baseline')).toHaveLength(6);
    expect(fakes.stacks.stack('sg-guardrail-aggregator')?.status).toBe('CREATE_COMPLETE');
    expect(fakes.stacks.mutatingCalls().filter((c) => c.operation === 'DeleteStack')).toEqual([]);
  });

  it('keeps the baseline while a rule removal failed, exits 1, and finishes on the next run', async () => {
    fakes.stackSets.failInstances({ stackSet: 'sg-guardrail-rule-web', accounts: ['333333333333'], actions: ['DELETE'], times: 1 });
    const failed = await driver.destroy({ yaml: CONFIG });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('The baseline is kept while rule stacks may still need its recorder');
    expect(fakes.stackSets.stackSetNames()).toContain('sg-guardrail-baseline');
    expect(fakes.stacks.stack('sg-guardrail-aggregator')?.status).toBe('CREATE_COMPLETE');
    expect((await driver.destroy({ yaml: CONFIG })).code).toBe(0);
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['other-baseline', 'other-rule-web']);
  });
});
