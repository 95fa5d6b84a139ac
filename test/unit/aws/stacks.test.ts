import {
  AlreadyExistsException,
  CloudFormationClient,
  CloudFormationServiceException,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import type { ResourceStatus, StackEvent } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { StacksAdapter } from '../../../src/aws/stacks';
import { AwsCallError } from '../../../src/errors';

const cfn = mockClient(CloudFormationClient);
const adapter = (): StacksAdapter => new StacksAdapter(new CloudFormationClient({}), { sleep: async () => undefined });
const ID = 'arn:aws:cloudformation:us-east-1:111111111111:stack/sg-aggregator/0a1b';
const DEFINITION = {
  name: 'sg-aggregator',
  templateBody: 'Resources: {}',
  parameters: [
    { key: 'AggregatorName', value: 'sg-organization' },
    { key: 'AggregatorRegions', value: 'eu-west-1,us-east-1' },
  ],
  tags: { 'sg-guardrail:prefix': 'sg', CostCenter: 'platform' },
};
const SENT = {
  StackName: 'sg-aggregator',
  TemplateBody: 'Resources: {}',
  Parameters: [
    { ParameterKey: 'AggregatorName', ParameterValue: 'sg-organization' },
    { ParameterKey: 'AggregatorRegions', ParameterValue: 'eu-west-1,us-east-1' },
  ],
  Capabilities: ['CAPABILITY_IAM'],
  Tags: [
    { Key: 'CostCenter', Value: 'platform' },
    { Key: 'sg-guardrail:prefix', Value: 'sg' },
  ],
};
const validationError = (message: string): CloudFormationServiceException =>
  new CloudFormationServiceException({ name: 'ValidationError', $fault: 'client', $metadata: { httpStatusCode: 400 }, message });
const event = (logicalId: string, status: ResourceStatus, token: string, reason?: string): StackEvent => ({
  LogicalResourceId: logicalId,
  ResourceType: logicalId === 'sg-aggregator' ? 'AWS::CloudFormation::Stack' : 'AWS::IAM::Role',
  ResourceStatus: status,
  ResourceStatusReason: reason,
  ClientRequestToken: token,
  StackId: ID,
  StackName: 'sg-aggregator',
  EventId: `${logicalId}-${status}`,
  Timestamp: new Date('2026-06-01T00:00:00Z'),
});

beforeEach(() => cfn.reset());

describe('StacksAdapter requests', () => {
  it('creates the stack with CAPABILITY_IAM, sorted tags, rollback on failure and the token; returns its id', async () => {
    cfn.on(CreateStackCommand).resolves({ StackId: ID });
    await expect(adapter().createStack(DEFINITION, 'sgg-create-1')).resolves.toBe(ID);
    expect(cfn.commandCalls(CreateStackCommand)[0]?.args[0].input).toEqual({ ...SENT, OnFailure: 'ROLLBACK', ClientRequestToken: 'sgg-create-1' });
  });

  it('updates with every value and tag given (no UsePreviousValue) and the token', async () => {
    cfn.on(UpdateStackCommand).resolves({ StackId: ID });
    await expect(adapter().updateStack(DEFINITION, 'sgg-update-1')).resolves.toBe('updating');
    expect(cfn.commandCalls(UpdateStackCommand)[0]?.args[0].input).toEqual({ ...SENT, ClientRequestToken: 'sgg-update-1' });
  });

  it('takes "No updates are to be performed." as nothing to do', async () => {
    cfn.on(UpdateStackCommand).rejects(validationError('No updates are to be performed.'));
    await expect(adapter().updateStack(DEFINITION, 't')).resolves.toBe('no-changes');
  });

  it('names the stack, the call and the fix when an update is refused', async () => {
    cfn.on(UpdateStackCommand).rejects(validationError(`Stack:${ID} is in UPDATE_IN_PROGRESS state and can not be updated.`));
    const error = await adapter().updateStack(DEFINITION, 't').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).message).toMatch(/^cloudformation:UpdateStack \(stack sg-aggregator\): ValidationError: .* Fix: wait until CloudFormation is done with the stack/);
  });

  it('deletes by stack id with the token', async () => {
    cfn.on(DeleteStackCommand).resolves({});
    await adapter().deleteStack(ID, 'sgg-delete-1');
    expect(cfn.commandCalls(DeleteStackCommand)[0]?.args[0].input).toEqual({ StackName: ID, ClientRequestToken: 'sgg-delete-1' });
  });

  it('reads the template as submitted', async () => {
    cfn.on(GetTemplateCommand).resolves({ TemplateBody: 'Resources: {}\n' });
    await expect(adapter().readTemplate(ID)).resolves.toBe('Resources: {}\n');
    expect(cfn.commandCalls(GetTemplateCommand)[0]?.args[0].input).toEqual({ StackName: ID, TemplateStage: 'Original' });
  });

  it('retries throttling and reports AlreadyExistsException with its fix', async () => {
    const throttled = new CloudFormationServiceException({ name: 'Throttling', $fault: 'client', $metadata: {}, message: 'Rate exceeded' });
    cfn.on(CreateStackCommand).rejectsOnce(throttled).rejects(new AlreadyExistsException({ $metadata: {}, message: 'Stack [sg-aggregator] already exists' }));
    await expect(adapter().createStack(DEFINITION, 't')).rejects.toThrow(/cloudformation:CreateStack \(stack sg-aggregator\): AlreadyExistsException: .* Fix: another run created the stack meanwhile/);
    expect(cfn.commandCalls(CreateStackCommand)).toHaveLength(2);
    expect(cfn.commandCalls(CreateStackCommand).map((c) => c.args[0].input.ClientRequestToken)).toEqual(['t', 't']);
  });
});

describe('StacksAdapter reads', () => {
  it('describes a stack by name, with its parameters and tags', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackId: ID,
          StackName: 'sg-aggregator',
          StackStatus: 'ROLLBACK_COMPLETE',
          StackStatusReason: 'The following resource(s) failed to create: [Aggregator].',
          CreationTime: new Date(),
          Parameters: [{ ParameterKey: 'AggregatorName', ParameterValue: 'sg-organization' }],
          Tags: [{ Key: 'sg-guardrail:prefix', Value: 'sg' }],
        },
      ],
    });
    await expect(adapter().describeStack('sg-aggregator')).resolves.toEqual({
      stackId: ID,
      name: 'sg-aggregator',
      status: 'ROLLBACK_COMPLETE',
      statusReason: 'The following resource(s) failed to create: [Aggregator].',
      parameters: { AggregatorName: 'sg-organization' },
      tags: { 'sg-guardrail:prefix': 'sg' },
    });
    expect(cfn.commandCalls(DescribeStacksCommand)[0]?.args[0].input).toEqual({ StackName: 'sg-aggregator' });
  });

  it('answers undefined for "Stack with id X does not exist", and names other failures', async () => {
    cfn.on(DescribeStacksCommand).rejectsOnce(validationError('Stack with id sg-aggregator does not exist')).rejects(validationError('1 validation error detected'));
    await expect(adapter().describeStack('sg-aggregator')).resolves.toBeUndefined();
    await expect(adapter().describeStack('sg-aggregator')).rejects.toThrow(/^cloudformation:DescribeStacks \(stack sg-aggregator\): ValidationError/);
  });

  it("reads the operation's events newest first, page by page, and stops at an older operation's", async () => {
    cfn
      .on(DescribeStackEventsCommand, { StackName: ID, NextToken: undefined })
      .resolves({ StackEvents: [event('sg-aggregator', 'ROLLBACK_COMPLETE', 'mine'), event('AggregatorRole', 'DELETE_COMPLETE', 'mine')], NextToken: 'p2' })
      .on(DescribeStackEventsCommand, { StackName: ID, NextToken: 'p2' })
      .resolves({ StackEvents: [event('AggregatorRole', 'CREATE_FAILED', 'mine', 'Access denied'), event('sg-aggregator', 'UPDATE_COMPLETE', 'older')], NextToken: 'p3' });
    const events = await adapter().operationEvents(ID, 'mine');
    expect(events.map((e) => `${e.logicalId} ${e.status}`)).toEqual(['sg-aggregator ROLLBACK_COMPLETE', 'AggregatorRole DELETE_COMPLETE', 'AggregatorRole CREATE_FAILED']);
    expect(events[2]).toEqual({ logicalId: 'AggregatorRole', resourceType: 'AWS::IAM::Role', status: 'CREATE_FAILED', reason: 'Access denied', clientRequestToken: 'mine' });
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(2);
  });
});
