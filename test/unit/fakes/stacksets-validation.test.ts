import {
  CreateChangeSetCommand,
  CreateStackSetCommand,
  InsufficientCapabilitiesException,
  NameAlreadyExistsException,
  paginateListStackInstances,
  CreateStackInstancesCommand,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation';
import type { CreateStackSetCommandInput } from '@aws-sdk/client-cloudformation';
import { MAX_TEMPLATE_BODY_BYTES } from '../../fakes/index';
import type { Scenario } from './stacksets-scenario';
import { buildScenario, createStackSet, rejection, TEMPLATE } from './stacksets-scenario';

const IAM_TEMPLATE = (named: boolean) =>
  JSON.stringify({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: named ? { RoleName: 'guardrail', AssumeRolePolicyDocument: {} } : { AssumeRolePolicyDocument: {} } } } });
const YAML_TEMPLATE = ['Parameters:', '  Ports:', '    Type: String', 'Resources:', '  Topic:', '    Type: AWS::SNS::Topic', '    Properties:', '      TopicName: !Ref Ports', ''].join('\n');

describe('StackSetsFake input validation', () => {
  let s: Scenario;
  const base: CreateStackSetCommandInput = { StackSetName: 'x', TemplateBody: TEMPLATE, PermissionModel: 'SERVICE_MANAGED', AutoDeployment: { Enabled: true } };

  beforeEach(() => {
    s = buildScenario();
  });

  afterEach(() => s.fakes.restore());

  it.each<[string, Partial<CreateStackSetCommandInput>, string | (abstract new (...args: never[]) => Error)]>([
    ['an unknown parameter', { Parameters: [{ ParameterKey: 'Nope', ParameterValue: '1' }] }, 'Parameters: [Nope] do not exist in the template'],
    ['a parameter without value or default', { TemplateBody: YAML_TEMPLATE }, 'Parameters: [Ports] must have values'],
    ['a template over 51,200 bytes', { TemplateBody: `${TEMPLATE}${' '.repeat(MAX_TEMPLATE_BODY_BYTES)}` }, 'less than or equal to 51200'],
    ['IAM resources without CAPABILITY_IAM', { TemplateBody: IAM_TEMPLATE(false) }, InsufficientCapabilitiesException],
    ['named IAM resources with only CAPABILITY_IAM', { TemplateBody: IAM_TEMPLATE(true), Capabilities: ['CAPABILITY_IAM'] }, 'CAPABILITY_NAMED_IAM'],
    ['SELF_MANAGED permissions (not faked)', { PermissionModel: 'SELF_MANAGED' }, 'SERVICE_MANAGED only'],
    ['no AutoDeployment for SERVICE_MANAGED', { AutoDeployment: undefined }, 'AutoDeployment is required'],
    ['RetainStacksOnAccountRemoval without Enabled', { AutoDeployment: { Enabled: false, RetainStacksOnAccountRemoval: true } }, 'only if Enabled'],
    ['DependsOn an unknown stack set', { AutoDeployment: { Enabled: true, DependsOn: ['arn:aws:cloudformation:us-east-1:111111111111:stackset/nope:1'] } }, 'not found'],
    ['an invalid name', { StackSetName: '1-starts-with-digit' }, 'must match'],
  ])('CreateStackSet refuses %s', async (_name, change, expected) => {
    const error = await rejection(s.client.send(new CreateStackSetCommand({ ...base, ...change })));
    if (typeof expected === 'string') expect((error as Error).message).toContain(expected);
    else expect(error).toBeInstanceOf(expected);
    expect(s.fakes.stackSets.stackSetNames()).toEqual([]);
  });

  it('accepts YAML templates with short-form tags, and IAM with the right capability', async () => {
    await s.client.send(new CreateStackSetCommand({ ...base, TemplateBody: YAML_TEMPLATE, Parameters: [{ ParameterKey: 'Ports', ParameterValue: '443' }] }));
    await s.client.send(new CreateStackSetCommand({ ...base, StackSetName: 'iam', TemplateBody: IAM_TEMPLATE(true), Capabilities: ['CAPABILITY_NAMED_IAM'] }));
    // A LogGroupName is not an IAM GroupName: CAPABILITY_IAM is enough for an unnamed role beside it.
    const withLogGroup = JSON.stringify({ Resources: { Role: JSON.parse(IAM_TEMPLATE(false)).Resources.Role, Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'g' } } } });
    await s.client.send(new CreateStackSetCommand({ ...base, StackSetName: 'logs', TemplateBody: withLogGroup, Capabilities: ['CAPABILITY_IAM'] }));
    expect(s.fakes.stackSets.stackSetNames()).toEqual(['x', 'iam', 'logs']);
    expect(await rejection(s.client.send(new CreateStackSetCommand({ ...base, TemplateBody: YAML_TEMPLATE, Parameters: [{ ParameterKey: 'Ports', ParameterValue: '1' }] })))).toBeInstanceOf(
      NameAlreadyExistsException,
    );
  });

  it('reads TemplateURL from registered S3 objects (up to 1 MB), refuses unknown URLs and two sources', async () => {
    const url = 'https://bucket.s3.amazonaws.com/rule.json';
    const big = `${TEMPLATE}${' '.repeat(MAX_TEMPLATE_BODY_BYTES)}`;
    const viaUrl = { ...base, TemplateBody: undefined, TemplateURL: url };
    expect(await rejection(s.client.send(new CreateStackSetCommand(viaUrl)))).toMatchObject({ message: expect.stringContaining('valid S3 object') });
    s.fakes.stackSets.putTemplateObject(url, big);
    expect(await rejection(s.client.send(new CreateStackSetCommand({ ...viaUrl, TemplateBody: TEMPLATE })))).toMatchObject({ name: 'ValidationError' });
    await s.client.send(new CreateStackSetCommand(viaUrl));
    expect(s.fakes.stackSets.stackSet('x')?.templateBody).toBe(big);
  });

  it.each([
    ['no template source', {}],
    ['AutoDeployment with Regions', { UsePreviousTemplate: true, AutoDeployment: { Enabled: false }, Regions: ['us-east-1'] }],
  ])('UpdateStackSet refuses %s', async (_name, change) => {
    await createStackSet(s.client, 'rule');
    const error = await rejection(s.client.send(new UpdateStackSetCommand({ StackSetName: 'rule', ...change })));
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect(s.fakes.stackSets.operations('rule')).toEqual([]);
  });

  it.each([
    ['UNION (not for create)', { AccountFilterType: 'UNION' as const, Accounts: ['333333333333'] }, 'UNION'],
    ['Accounts without AccountFilterType', { Accounts: ['333333333333'] }, 'AccountFilterType is required'],
    ['an OU that does not exist', { OrganizationalUnitIds: ['ou-root-99999999'] }, 'does not exist'],
  ])('CreateStackInstances refuses %s', async (_name, targets, expected) => {
    await createStackSet(s.client, 'rule');
    const error = await rejection(
      s.client.send(new CreateStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod], ...targets }, Regions: ['us-east-1'] })),
    );
    expect((error as Error).message).toContain(expected);
  });

  it.each([
    ['INTERSECTION keeps only the listed accounts', 'INTERSECTION' as const, ['333333333333']],
    ['DIFFERENCE drops the listed accounts', 'DIFFERENCE' as const, ['444444444444']],
  ])('AccountFilterType %s', async (_name, filter, expected) => {
    await createStackSet(s.client, 'rule');
    await s.client.send(
      new CreateStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod], Accounts: ['333333333333'], AccountFilterType: filter }, Regions: ['us-east-1'] }),
    );
    expect(s.fakes.stackSets.instances('rule').map((i) => i.account)).toEqual(expected);
  });

  it('serves the SDK paginator for ListStackInstances', async () => {
    await createStackSet(s.client, 'rule');
    await s.client.send(new CreateStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: ['r-root'] }, Regions: ['us-east-1', 'eu-west-1'] }));
    s.fakes.stackSets.setPageShape({ emptyPages: 'first', pageSizeCap: 3 });
    const accounts: string[] = [];
    for await (const page of paginateListStackInstances({ client: s.client, pageSize: 100 }, { StackSetName: 'rule' })) {
      accounts.push(...(page.Summaries ?? []).map((i) => `${i.Account}/${i.Region}`));
    }
    expect(accounts).toHaveLength(8);
  });

  it('fails loudly on a CloudFormation command the fake does not support', async () => {
    await expect(s.client.send(new CreateChangeSetCommand({ StackName: 'plain', ChangeSetName: 'c' }))).rejects.toThrow(/CloudFormation command CreateChangeSetCommand is not supported/);
    expect(s.fakes.stackSets.calls()).toEqual([]);
  });
});
