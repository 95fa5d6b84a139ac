import {
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DeleteStackInstancesCommand,
  DescribeStackSetCommand,
  ListStackInstancesCommand,
  ListStackSetAutoDeploymentTargetsCommand,
  ListStackSetOperationResultsCommand,
  ListStackSetOperationsCommand,
  ListStackSetsCommand,
  OperationIdAlreadyExistsException,
  OperationInProgressException,
  StackSetNotFoundException,
  UpdateStackInstancesCommand,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { StackSetsAdapter } from '../../../src/aws/stack-sets';
import { DEFAULT_OPERATION_PREFERENCES } from '../../../src/deploy/config/config-types';
import { AwsCallError } from '../../../src/errors';

const cfn = mockClient(CloudFormationClient);
const adapter = (callAs: 'SELF' | 'DELEGATED_ADMIN' = 'DELEGATED_ADMIN'): StackSetsAdapter =>
  new StackSetsAdapter(new CloudFormationClient({}), callAs, { sleep: async () => undefined });
const PREFERENCES = {
  RegionConcurrencyType: 'PARALLEL',
  MaxConcurrentPercentage: 100,
  FailureTolerancePercentage: 10,
  ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
};

beforeEach(() => cfn.reset());

describe('StackSetsAdapter requests', () => {
  it('creates a service-managed stack set with auto-deployment, managed execution, DependsOn and CallAs', async () => {
    cfn.on(CreateStackSetCommand).resolves({ StackSetId: 'x:1' });
    await adapter().createStackSet(
      { name: 'sg-guardrail-rule-web', templateBody: 'Resources: {}', parameters: [{ key: 'AllowedIngress', value: '80,443' }], dependsOn: ['arn:baseline'], description: '[sg-guardrail prefix=sg-guardrail kind=rule profile=web] …' },
    );
    expect(cfn.commandCalls(CreateStackSetCommand)[0]?.args[0].input).toEqual({
      StackSetName: 'sg-guardrail-rule-web',
      Description: '[sg-guardrail prefix=sg-guardrail kind=rule profile=web] …',
      TemplateBody: 'Resources: {}',
      Parameters: [{ ParameterKey: 'AllowedIngress', ParameterValue: '80,443' }],
      Capabilities: ['CAPABILITY_IAM'],
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false, DependsOn: ['arn:baseline'] },
      ManagedExecution: { Active: true },
      CallAs: 'DELEGATED_ADMIN',
    });
  });

  it('updates with the OperationId, preferences and no DependsOn for the baseline', async () => {
    cfn.on(UpdateStackSetCommand).resolves({ OperationId: 'sgg-update-1' });
    const outcome = await adapter('SELF').updateStackSet({ name: 'b', templateBody: 'T', parameters: [], dependsOn: [], description: 'mark' }, 'sgg-update-1', DEFAULT_OPERATION_PREFERENCES);
    expect(outcome).toBe('submitted');
    expect(cfn.commandCalls(UpdateStackSetCommand)[0]?.args[0].input).toEqual({
      StackSetName: 'b',
      Description: 'mark',
      TemplateBody: 'T',
      Parameters: [],
      Capabilities: ['CAPABILITY_IAM'],
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      OperationPreferences: PREFERENCES,
      OperationId: 'sgg-update-1',
      CallAs: 'SELF',
    });
  });

  it('turns managed execution on in an UpdateStackSet of its own: previous template, previous values', async () => {
    cfn.on(UpdateStackSetCommand).resolves({ OperationId: 'sgg-managed-1' });
    await adapter().enableManagedExecution({ stackSet: 'r', parameterKeys: ['AllowedIngress', 'Mode'], operationId: 'sgg-managed-1', preferences: DEFAULT_OPERATION_PREFERENCES });
    expect(cfn.commandCalls(UpdateStackSetCommand)[0]?.args[0].input).toEqual({
      StackSetName: 'r',
      UsePreviousTemplate: true,
      Parameters: [
        { ParameterKey: 'AllowedIngress', UsePreviousValue: true },
        { ParameterKey: 'Mode', UsePreviousValue: true },
      ],
      Capabilities: ['CAPABILITY_IAM'],
      ManagedExecution: { Active: true },
      OperationPreferences: PREFERENCES,
      OperationId: 'sgg-managed-1',
      CallAs: 'DELEGATED_ADMIN',
    });
  });

  it.each([
    ['createStackInstances', CreateStackInstancesCommand, {}],
    ['deleteStackInstances', DeleteStackInstancesCommand, { RetainStacks: false }],
  ] as const)('%s targets OUs with the OperationId', async (method, command, extra) => {
    cfn.on(command as typeof CreateStackInstancesCommand).resolves({ OperationId: 'op-1' });
    await adapter()[method]({ stackSet: 's', ouIds: ['ou-ab12-11111111'], regions: ['us-east-1'], operationId: 'op-1', preferences: DEFAULT_OPERATION_PREFERENCES });
    expect(cfn.commandCalls(command as typeof CreateStackInstancesCommand)[0]?.args[0].input).toEqual({
      StackSetName: 's',
      DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-11111111'] },
      Regions: ['us-east-1'],
      OperationPreferences: PREFERENCES,
      OperationId: 'op-1',
      CallAs: 'DELEGATED_ADMIN',
      ...extra,
    });
  });

  it.each([
    ['createStackInstances', CreateStackInstancesCommand, {}, 'INTERSECTION'],
    ['deleteStackInstances', DeleteStackInstancesCommand, { RetainStacks: false }, 'INTERSECTION'],
    ['createStackInstances', CreateStackInstancesCommand, {}, 'DIFFERENCE'],
  ] as const)('%s narrows the OUs to accounts with AccountFilterType %s', async (method, command, extra, type) => {
    cfn.on(command as typeof CreateStackInstancesCommand).resolves({ OperationId: 'op-1' });
    const accountFilter = { type, accounts: ['222222222222'] };
    await adapter()[method]({ stackSet: 's', ouIds: ['ou-ab12-11111111'], regions: ['us-east-1'], accountFilter, operationId: 'op-1', preferences: DEFAULT_OPERATION_PREFERENCES });
    expect(cfn.commandCalls(command as typeof CreateStackInstancesCommand)[0]?.args[0].input).toEqual({
      StackSetName: 's',
      DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-11111111'], Accounts: ['222222222222'], AccountFilterType: type },
      Regions: ['us-east-1'],
      OperationPreferences: PREFERENCES,
      OperationId: 'op-1',
      CallAs: 'DELEGATED_ADMIN',
      ...extra,
    });
  });

  it('redeploys failed instances: OUs ∩ accounts, no ParameterOverrides', async () => {
    cfn.on(UpdateStackInstancesCommand).resolves({ OperationId: 'op-r' });
    await adapter().updateStackInstances({ stackSet: 's', ouIds: ['ou-1'], accountIds: ['222222222222'], regions: ['eu-west-1'], operationId: 'op-r', preferences: DEFAULT_OPERATION_PREFERENCES });
    expect(cfn.commandCalls(UpdateStackInstancesCommand)[0]?.args[0].input).toEqual({
      StackSetName: 's',
      DeploymentTargets: { OrganizationalUnitIds: ['ou-1'], Accounts: ['222222222222'], AccountFilterType: 'INTERSECTION' },
      Regions: ['eu-west-1'],
      OperationPreferences: PREFERENCES,
      OperationId: 'op-r',
      CallAs: 'DELEGATED_ADMIN',
    });
  });

  it.each([
    [new OperationIdAlreadyExistsException({ $metadata: {}, message: 'exists' }), 'already-submitted'],
    [new OperationInProgressException({ $metadata: {}, message: 'busy' }), 'busy'],
  ])('maps %p to %p', async (error, outcome) => {
    cfn.on(CreateStackInstancesCommand).rejects(error);
    await expect(adapter().createStackInstances({ stackSet: 's', ouIds: ['ou-1'], regions: ['us-east-1'], operationId: 'op', preferences: DEFAULT_OPERATION_PREFERENCES })).resolves.toBe(outcome);
  });

  it('wraps other errors with the operation, the stack set and a fix', async () => {
    cfn.on(UpdateStackSetCommand).rejects(new StackSetNotFoundException({ $metadata: {}, message: 'gone' }));
    const update = adapter().updateStackSet({ name: 's', templateBody: 'T', parameters: [], dependsOn: [], description: 'mark' }, 'op', DEFAULT_OPERATION_PREFERENCES);
    await expect(update).rejects.toThrow(AwsCallError);
    await expect(adapter().updateStackSet({ name: 's', templateBody: 'T', parameters: [], dependsOn: [], description: 'mark' }, 'op', DEFAULT_OPERATION_PREFERENCES)).rejects.toThrow(
      /cloudformation:UpdateStackSet \(s\): StackSetNotFoundException: gone Fix: run plan again/,
    );
  });
});

describe('StackSetsAdapter reads', () => {
  it('lists ACTIVE stack sets with their descriptions (the ownership mark) across pages with CallAs', async () => {
    cfn
      .on(ListStackSetsCommand, { NextToken: undefined })
      .resolves({ Summaries: [], NextToken: 'n1' })
      .on(ListStackSetsCommand, { NextToken: 'n1' })
      .resolves({ Summaries: [{ StackSetName: 'a', Description: 'mark a' }, { StackSetName: 'b' }] });
    await expect(adapter().listStackSets()).resolves.toEqual([
      { name: 'a', description: 'mark a' },
      { name: 'b', description: undefined },
    ]);
    expect(cfn.commandCalls(ListStackSetsCommand).map((c) => c.args[0].input)).toEqual([
      { Status: 'ACTIVE', CallAs: 'DELEGATED_ADMIN', NextToken: undefined },
      { Status: 'ACTIVE', CallAs: 'DELEGATED_ADMIN', NextToken: 'n1' },
    ]);
  });

  it('reads a stack set with all its instances, its exact targets and its newest operation', async () => {
    cfn.on(DescribeStackSetCommand).resolves({
      StackSet: {
        StackSetName: 's',
        Description: 'mark',
        StackSetId: 's:1',
        StackSetARN: 'arn:s',
        Status: 'ACTIVE',
        PermissionModel: 'SERVICE_MANAGED',
        TemplateBody: 'T',
        Parameters: [{ ParameterKey: 'Mode', ParameterValue: 'report' }],
        Capabilities: ['CAPABILITY_IAM'],
        AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false, DependsOn: ['arn:b'] },
        ManagedExecution: { Active: true },
        OrganizationalUnitIds: ['ou-1'],
        Regions: ['us-east-1'],
      },
    });
    cfn
      .on(ListStackInstancesCommand, { NextToken: undefined })
      .resolves({ Summaries: [], NextToken: 'p2' })
      .on(ListStackInstancesCommand, { NextToken: 'p2' })
      .resolves({
        Summaries: [{ Account: '222222222222', Region: 'us-east-1', OrganizationalUnitId: 'ou-1', Status: 'OUTDATED', StatusReason: 'denied', StackInstanceStatus: { DetailedStatus: 'FAILED' }, DriftStatus: 'NOT_CHECKED' }],
      });
    cfn
      .on(ListStackSetAutoDeploymentTargetsCommand, { NextToken: undefined })
      .resolves({ Summaries: [{ OrganizationalUnitId: 'ou-1', Regions: ['us-east-1'] }], NextToken: 't2' })
      .on(ListStackSetAutoDeploymentTargetsCommand, { NextToken: 't2' })
      .resolves({ Summaries: [{ OrganizationalUnitId: 'ou-empty', Regions: ['us-east-1', 'eu-west-1'] }] });
    // Whatever order the page comes in, the newest operation is the one created last.
    cfn.on(ListStackSetOperationsCommand).resolves({
      Summaries: [
        { OperationId: 'old', CreationTimestamp: new Date('2026-01-01T00:00:00Z') },
        { OperationId: 'new', CreationTimestamp: new Date('2026-03-01T00:00:00Z') },
        { OperationId: 'mid', CreationTimestamp: new Date('2026-02-01T00:00:00Z') },
      ],
    });
    const state = await adapter().readStackSet('s');
    expect(state).toMatchObject({
      id: 's:1',
      arn: 'arn:s',
      description: 'mark',
      targets: [
        { ouId: 'ou-1', regions: ['us-east-1'] },
        { ouId: 'ou-empty', regions: ['us-east-1', 'eu-west-1'] },
      ],
      latestOperationId: 'new',
      parameters: { Mode: 'report' },
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false, dependsOn: ['arn:b'] },
      managedExecutionActive: true,
      instances: [{ account: '222222222222', region: 'us-east-1', ouId: 'ou-1', status: 'OUTDATED', detailedStatus: 'FAILED', statusReason: 'denied', driftStatus: 'NOT_CHECKED' }],
    });
    expect(cfn.commandCalls(ListStackInstancesCommand).map((c) => c.args[0].input)).toEqual([
      { StackSetName: 's', CallAs: 'DELEGATED_ADMIN', NextToken: undefined },
      { StackSetName: 's', CallAs: 'DELEGATED_ADMIN', NextToken: 'p2' },
    ]);
    expect(cfn.commandCalls(ListStackSetAutoDeploymentTargetsCommand).map((c) => c.args[0].input)).toEqual([
      { StackSetName: 's', CallAs: 'DELEGATED_ADMIN', NextToken: undefined },
      { StackSetName: 's', CallAs: 'DELEGATED_ADMIN', NextToken: 't2' },
    ]);
    expect(cfn.commandCalls(ListStackSetOperationsCommand).map((c) => c.args[0].input)).toEqual([{ StackSetName: 's', CallAs: 'DELEGATED_ADMIN' }]);
  });

  it('returns undefined for a stack set that does not exist', async () => {
    cfn.on(DescribeStackSetCommand).rejects(new StackSetNotFoundException({ $metadata: {}, message: 'no' }));
    await expect(adapter().readStackSet('nope')).resolves.toBeUndefined();
  });

  it('lists every result of an operation', async () => {
    cfn.on(ListStackSetOperationResultsCommand).resolves({ Summaries: [{ Account: '2', Region: 'eu-west-1', Status: 'FAILED', StatusReason: 'AccessDenied' }] });
    await expect(adapter().listOperationResults('s', 'op')).resolves.toEqual([{ account: '2', region: 'eu-west-1', status: 'FAILED', statusReason: 'AccessDenied' }]);
    expect(cfn.commandCalls(ListStackSetOperationResultsCommand)[0]?.args[0].input).toEqual({ StackSetName: 's', OperationId: 'op', CallAs: 'DELEGATED_ADMIN', NextToken: undefined });
  });

  it('counts RUNNING, QUEUED (managed execution) and STOPPING operations as active, across empty pages', async () => {
    cfn
      .on(ListStackSetOperationsCommand, { NextToken: undefined })
      .resolves({ Summaries: [], NextToken: 'p1' })
      .on(ListStackSetOperationsCommand, { NextToken: 'p1' })
      .resolves({
        Summaries: [
          { OperationId: 'a', Status: 'QUEUED' },
          { OperationId: 'b', Status: 'SUCCEEDED' },
          { OperationId: 'c', Status: 'RUNNING' },
          { OperationId: 'd', Status: 'STOPPING' },
          { OperationId: 'e', Status: 'STOPPED' },
          { OperationId: 'f', Status: 'FAILED' },
        ],
      });
    await expect(adapter().listActiveOperations('s')).resolves.toEqual(['a', 'c', 'd']);
    expect(cfn.commandCalls(ListStackSetOperationsCommand).map((c) => c.args[0].input)).toEqual([
      { StackSetName: 's', CallAs: 'DELEGATED_ADMIN', NextToken: undefined },
      { StackSetName: 's', CallAs: 'DELEGATED_ADMIN', NextToken: 'p1' },
    ]);
  });
});
