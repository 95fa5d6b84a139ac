/** The stacks fake through the real SDK client: the semantics its header cites from the API reference. */
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { installAwsFakes } from '../../fakes/index';
import type { AwsFakes } from '../../fakes/index';

const TEMPLATE = [
  'Parameters:',
  '  AggregatorName: { Type: String }',
  '  AggregatorRegions: { Type: String, Default: "" }',
  'Resources:',
  '  AggregatorRole: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }',
  '  Aggregator: { Type: AWS::Config::ConfigurationAggregator, Properties: { ConfigurationAggregatorName: !Ref AggregatorName } }',
  '',
].join('\n');
const CREATE = {
  StackName: 'agg',
  TemplateBody: TEMPLATE,
  Parameters: [{ ParameterKey: 'AggregatorName', ParameterValue: 'org' }],
  Capabilities: ['CAPABILITY_IAM' as const],
  Tags: [{ Key: 'sg-guardrail:prefix', Value: 'sg' }],
  ClientRequestToken: 'create-1',
};

let fakes: AwsFakes;
let cfn: CloudFormationClient;
const status = async (name: string): Promise<string | undefined> => (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus;

beforeEach(() => {
  fakes = installAwsFakes();
  cfn = new CloudFormationClient({ region: 'us-east-1' });
});
afterEach(() => fakes.restore());

describe('StacksFake', () => {
  it('creates a stack that completes as it is polled; a retried request (same token) is the same stack', async () => {
    const { StackId } = await cfn.send(new CreateStackCommand(CREATE));
    expect(fakes.stacks.stack('agg')?.status).toBe('CREATE_IN_PROGRESS');
    await expect(cfn.send(new CreateStackCommand(CREATE))).resolves.toMatchObject({ StackId });
    expect(await status('agg')).toBe('CREATE_COMPLETE');
    expect(fakes.stacks.stack('agg')?.parameters).toEqual(new Map([['AggregatorName', 'org'], ['AggregatorRegions', '']]));
    await expect(cfn.send(new CreateStackCommand({ ...CREATE, ClientRequestToken: 'create-2' }))).rejects.toMatchObject({ name: 'AlreadyExistsException', message: 'Stack [agg] already exists' });
    await expect(cfn.send(new UpdateStackCommand({ ...CREATE, ClientRequestToken: 'create-1' }))).rejects.toMatchObject({ name: 'TokenAlreadyExistsException' });
  });

  it('refuses an IAM template without CAPABILITY_IAM and undeclared parameters', async () => {
    await expect(cfn.send(new CreateStackCommand({ ...CREATE, Capabilities: [] }))).rejects.toMatchObject({ name: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_IAM]' });
    await expect(cfn.send(new CreateStackCommand({ ...CREATE, Parameters: [{ ParameterKey: 'Nope', ParameterValue: 'x' }] }))).rejects.toThrow('Parameters: [Nope] do not exist in the template');
    expect(fakes.stacks.all).toEqual([]);
  });

  it('answers "No updates are to be performed." for an unchanged update, and updates a changed value', async () => {
    await cfn.send(new CreateStackCommand(CREATE));
    fakes.stacks.settle();
    await expect(cfn.send(new UpdateStackCommand({ ...CREATE, ClientRequestToken: 'u-1' }))).rejects.toMatchObject({ name: 'ValidationError', message: 'No updates are to be performed.' });
    await cfn.send(new UpdateStackCommand({ ...CREATE, Parameters: [{ ParameterKey: 'AggregatorName', ParameterValue: 'org2' }], ClientRequestToken: 'u-2' }));
    expect(fakes.stacks.stack('agg')?.status).toBe('UPDATE_IN_PROGRESS');
    await expect(cfn.send(new UpdateStackCommand({ ...CREATE, ClientRequestToken: 'u-3' }))).rejects.toThrow(/^Stack:arn:aws:cloudformation:us-east-1:\d{12}:stack\/agg\/\S+ is in UPDATE_IN_PROGRESS state and can not be updated\.$/);
    expect(await status('agg')).toBe('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    expect(await status('agg')).toBe('UPDATE_COMPLETE');
  });

  it('a failed create rolls back to ROLLBACK_COMPLETE, which can only be deleted; its events carry the reason and the token', async () => {
    fakes.stacks.failNext({ action: 'CREATE', resource: 'AggregatorRole', reason: 'Access denied for iam:CreateRole' });
    const { StackId } = await cfn.send(new CreateStackCommand(CREATE));
    expect(await status('agg')).toBe('ROLLBACK_IN_PROGRESS');
    expect(await status('agg')).toBe('ROLLBACK_COMPLETE');
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: StackId }))).StackEvents ?? [];
    expect(events.map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`)).toEqual(['agg ROLLBACK_COMPLETE', 'AggregatorRole DELETE_COMPLETE', 'agg ROLLBACK_IN_PROGRESS', 'AggregatorRole CREATE_FAILED', 'agg CREATE_IN_PROGRESS']);
    expect(events.find((e) => e.ResourceStatus === 'CREATE_FAILED')).toMatchObject({ ResourceStatusReason: 'Access denied for iam:CreateRole', ClientRequestToken: 'create-1' });
    await expect(cfn.send(new UpdateStackCommand({ ...CREATE, ClientRequestToken: 'u' }))).rejects.toThrow(/is in ROLLBACK_COMPLETE state and can not be updated\.$/);
    await expect(cfn.send(new CreateStackCommand({ ...CREATE, ClientRequestToken: 'c2' }))).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    await cfn.send(new DeleteStackCommand({ StackName: StackId, ClientRequestToken: 'd' }));
    expect(await status(StackId ?? '')).toBe('DELETE_COMPLETE');
    await expect(cfn.send(new DescribeStacksCommand({ StackName: 'agg' }))).rejects.toMatchObject({ name: 'ValidationError', message: 'Stack with id agg does not exist' });
    await expect(cfn.send(new GetTemplateCommand({ StackName: 'agg' }))).rejects.toThrow('Stack with id agg does not exist');
  });

  it('a failed update rolls back to the previous values; a failed rollback stays UPDATE_ROLLBACK_FAILED', async () => {
    await cfn.send(new CreateStackCommand(CREATE));
    fakes.stacks.settle();
    fakes.stacks.failNext({ action: 'UPDATE' });
    await cfn.send(new UpdateStackCommand({ ...CREATE, Parameters: [{ ParameterKey: 'AggregatorName', ParameterValue: 'org2' }], ClientRequestToken: 'u-1' }));
    fakes.stacks.settle();
    expect(fakes.stacks.stack('agg')).toMatchObject({ status: 'UPDATE_ROLLBACK_COMPLETE', parameters: new Map([['AggregatorName', 'org'], ['AggregatorRegions', '']]) });
    fakes.stacks.failNext({ action: 'UPDATE', rollbackFails: true });
    await cfn.send(new UpdateStackCommand({ ...CREATE, Parameters: [{ ParameterKey: 'AggregatorName', ParameterValue: 'org3' }], ClientRequestToken: 'u-2' }));
    fakes.stacks.settle();
    expect(fakes.stacks.stack('agg')?.status).toBe('UPDATE_ROLLBACK_FAILED');
  });

  it('deleting a stack that does not exist succeeds and changes nothing; a failed delete is DELETE_FAILED', async () => {
    await expect(cfn.send(new DeleteStackCommand({ StackName: 'nope' }))).resolves.toBeDefined();
    await cfn.send(new CreateStackCommand(CREATE));
    fakes.stacks.settle();
    fakes.stacks.failNext({ action: 'DELETE', resource: 'Aggregator', reason: 'still in use' });
    await cfn.send(new DeleteStackCommand({ StackName: 'agg', ClientRequestToken: 'd-1' }));
    expect(await status('agg')).toBe('DELETE_FAILED');
    expect(fakes.stacks.stack('agg')?.statusReason).toBe('The following resource(s) failed to delete: [Aggregator]. ');
    expect(fakes.stacks.mutatingCalls().map((c) => c.operation)).toEqual(['DeleteStack', 'CreateStack', 'DeleteStack']);
  });
});
