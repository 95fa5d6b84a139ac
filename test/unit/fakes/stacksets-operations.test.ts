import {
  CloudFormationServiceException,
  CreateStackInstancesCommand,
  DeleteStackInstancesCommand,
  DeleteStackSetCommand,
  DescribeStackSetOperationCommand,
  ListStackInstancesCommand,
  ListStackSetOperationResultsCommand,
  ListStackSetOperationsCommand,
  ListStackSetsCommand,
  OperationIdAlreadyExistsException,
  OperationInProgressException,
  StackSetNotEmptyException,
  StackSetNotFoundException,
  StopStackSetOperationCommand,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation';
import type { StackSetOperationPreferences } from '@aws-sdk/client-cloudformation';
import { CANCELLED_REASON, DEFAULT_FAILURE_REASON } from '../../fakes/index';
import type { Scenario } from './stacksets-scenario';
import { buildScenario, createStackSet, rejection } from './stacksets-scenario';

describe('StackSetsFake operations through the real CloudFormationClient', () => {
  let s: Scenario;
  const deploy = (ous: string[], extra: Partial<ConstructorParameters<typeof CreateStackInstancesCommand>[0]> = {}) =>
    s.client.send(new CreateStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: ous }, Regions: ['us-east-1'], ...extra }));
  const status = async (operationId: string) =>
    (await s.client.send(new DescribeStackSetOperationCommand({ StackSetName: 'rule', OperationId: operationId }))).StackSetOperation?.Status;

  beforeEach(async () => {
    s = buildScenario();
    await createStackSet(s.client, 'rule');
  });

  afterEach(() => s.fakes.restore());

  it('returns the given OperationId and lets a poller see RUNNING, then SUCCEEDED', async () => {
    const { OperationId } = await deploy([s.ous.prod], { OperationId: 'plan-1-create' });
    expect(OperationId).toBe('plan-1-create');
    expect(await status('plan-1-create')).toBe('RUNNING');
    expect(await status('plan-1-create')).toBe('SUCCEEDED');
    const op = (await s.client.send(new DescribeStackSetOperationCommand({ StackSetName: 'rule', OperationId: 'plan-1-create' }))).StackSetOperation;
    expect(op).toMatchObject({ Action: 'CREATE', StatusDetails: { FailedStackInstancesCount: 0 } });
    expect(op?.EndTimestamp?.getTime()).toBeGreaterThan(op?.CreationTimestamp?.getTime() ?? Infinity);
  });

  it('generates a UUID OperationId when none is given', async () => {
    const { OperationId } = await deploy([s.ous.prod]);
    expect(OperationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('moves instances PENDING → RUNNING → SUCCEEDED, OUTDATED until CURRENT, one tick at a time', async () => {
    s.fakes.stackSets.tick(); // nothing to do yet: ticking an idle service is harmless
    s.fakes.restore();
    s = buildScenario({ autoAdvanceOn: [] });
    await createStackSet(s.client, 'rule');
    await deploy([s.ous.prod]);
    const observe = async () =>
      (await s.client.send(new ListStackInstancesCommand({ StackSetName: 'rule' }))).Summaries?.map((i) => `${i.Status}/${i.StackInstanceStatus?.DetailedStatus}`);
    expect(await observe()).toEqual(['OUTDATED/PENDING', 'OUTDATED/PENDING']);
    s.fakes.stackSets.tick();
    expect(await observe()).toEqual(['OUTDATED/RUNNING', 'OUTDATED/RUNNING']);
    s.fakes.stackSets.tick();
    expect(await observe()).toEqual(['CURRENT/SUCCEEDED', 'CURRENT/SUCCEEDED']);
  });

  it.each([
    ['finished, without managed execution', false, true, OperationIdAlreadyExistsException],
    ['still running, without managed execution (AWS answers the retry as a conflict)', false, false, OperationInProgressException],
    ['still running, with managed execution', true, false, OperationIdAlreadyExistsException],
  ])('answers a reused OperationId whose operation is %s', async (_name, managed, settle, errorClass) => {
    await createStackSet(s.client, 'again', { managed });
    const send = () =>
      s.client.send(new CreateStackInstancesCommand({ StackSetName: 'again', DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod] }, Regions: ['us-east-1'], OperationId: 'op-1' }));
    await send();
    if (settle) s.fakes.stackSets.settle();
    const error = await rejection(send());
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ name: errorClass.name, $metadata: { httpStatusCode: 409 } });
    expect(s.fakes.stackSets.operations('again')).toHaveLength(1);
  });

  it('refuses a second operation while one runs without managed execution, accepts it afterwards', async () => {
    await deploy([s.ous.prod], { OperationId: 'first' });
    const error = await rejection(s.client.send(new UpdateStackSetCommand({ StackSetName: 'rule', UsePreviousTemplate: true, OperationId: 'second' })));
    expect(error).toBeInstanceOf(OperationInProgressException);
    expect((error as Error).name).toBe('OperationInProgressException');
    s.fakes.stackSets.settle();
    await expect(s.client.send(new UpdateStackSetCommand({ StackSetName: 'rule', UsePreviousTemplate: true, OperationId: 'second' }))).resolves.toMatchObject({
      OperationId: 'second',
    });
  });

  it('queues operations with managed execution and runs them in request order', async () => {
    await createStackSet(s.client, 'managed', { managed: true });
    const send = (id: string) =>
      s.client.send(new CreateStackInstancesCommand({ StackSetName: 'managed', DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod] }, Regions: ['us-east-1'], OperationId: id }));
    await send('a');
    await send('b');
    await send('c');
    const statuses = () => s.fakes.stackSets.operations('managed').map((op) => `${op.id}:${op.status}`);
    expect(statuses()).toEqual(['a:RUNNING', 'b:QUEUED', 'c:QUEUED']);
    s.fakes.stackSets.tick(2);
    expect(statuses()).toEqual(['a:SUCCEEDED', 'b:RUNNING', 'c:QUEUED']);
    s.fakes.stackSets.settle();
    expect(statuses()).toEqual(['a:SUCCEEDED', 'b:SUCCEEDED', 'c:SUCCEEDED']);
    const listed = await s.client.send(new ListStackSetOperationsCommand({ StackSetName: 'managed' }));
    expect(listed.Summaries?.map((o) => o.OperationId)).toEqual(['c', 'b', 'a']);
  });

  describe('failure injection and failure tolerance (per Region, rounded down)', () => {
    it.each<[string, string, StackSetOperationPreferences, string[]]>([
      ['no tolerance', 'FAILED', {}, ['333333333333:FAILED', '444444444444:CANCELLED', '222222222222:CANCELLED']],
      ['FailureToleranceCount 1', 'SUCCEEDED', { FailureToleranceCount: 1 }, ['333333333333:FAILED', '444444444444:SUCCEEDED', '222222222222:SUCCEEDED']],
      ['50% of 3 = 1', 'SUCCEEDED', { FailureTolerancePercentage: 50 }, ['333333333333:FAILED', '444444444444:SUCCEEDED', '222222222222:SUCCEEDED']],
      ['30% of 3 = 0', 'FAILED', { FailureTolerancePercentage: 30 }, ['333333333333:FAILED', '444444444444:CANCELLED', '222222222222:CANCELLED']],
      ['MaxConcurrentPercentage 100 is capped at tolerance + 1 (STRICT)', 'FAILED', { MaxConcurrentPercentage: 100 }, ['333333333333:FAILED', '444444444444:CANCELLED', '222222222222:CANCELLED']],
      ['SOFT mode finishes the whole batch in flight', 'FAILED', { ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE', MaxConcurrentCount: 2 }, ['333333333333:FAILED', '444444444444:SUCCEEDED', '222222222222:CANCELLED']],
    ])('%s → operation %s', async (_name, expected, preferences, results) => {
      s.fakes.stackSets.failInstances({ accounts: ['333333333333'] });
      const { OperationId = '' } = await deploy([s.ous.prod, s.ous.workloads], { OperationPreferences: preferences });
      s.fakes.stackSets.settle();
      expect(await status(OperationId)).toBe(expected);
      const out = await s.client.send(new ListStackSetOperationResultsCommand({ StackSetName: 'rule', OperationId }));
      expect(out.Summaries?.map((r) => `${r.Account}:${r.Status}`)).toEqual(results);
      expect(out.Summaries?.[0]).toMatchObject({ Region: 'us-east-1', StatusReason: DEFAULT_FAILURE_REASON, OrganizationalUnitId: s.ous.prod });
      const failed = s.fakes.stackSets.instance('rule', '333333333333', 'us-east-1');
      expect(failed).toMatchObject({ status: 'OUTDATED', detailedStatus: 'FAILED', statusReason: DEFAULT_FAILURE_REASON });
    });

    it.each<[string, StackSetOperationPreferences, string]>([
      ['SEQUENTIAL: a Region beyond tolerance cancels the later Regions', { RegionOrder: ['us-east-1', 'eu-west-1'] }, 'CANCELLED'],
      ['PARALLEL: the other Regions still run', { RegionConcurrencyType: 'PARALLEL' }, 'SUCCEEDED'],
    ])('%s', async (_name, preferences, secondRegion) => {
      s.fakes.stackSets.failInstances({ regions: ['us-east-1'], reason: 'boom' });
      const { OperationId = '' } = await deploy([s.ous.prod], { Regions: ['us-east-1', 'eu-west-1'], OperationPreferences: preferences });
      s.fakes.stackSets.settle();
      expect(await status(OperationId)).toBe('FAILED');
      const eu = await s.client.send(new ListStackSetOperationResultsCommand({ StackSetName: 'rule', OperationId, Filters: [{ Name: 'OPERATION_RESULT_STATUS', Values: secondRegion }] }));
      const inEu = eu.Summaries?.filter((r) => r.Region === 'eu-west-1');
      expect(inEu?.map((r) => r.Account)).toEqual(['333333333333', '444444444444']);
      if (secondRegion === 'CANCELLED') expect(inEu?.[0]?.StatusReason).toBe(CANCELLED_REASON);
    });

    it('fails only `times` targets, then stops failing', async () => {
      s.fakes.stackSets.failInstances({ times: 1, reason: 'once' });
      await deploy([s.ous.prod], { OperationPreferences: { FailureToleranceCount: 1 } });
      s.fakes.stackSets.settle();
      expect(s.fakes.stackSets.instances('rule').map((i) => i.detailedStatus)).toEqual(['FAILED', 'SUCCEEDED']);
    });
  });

  it('refuses to delete a stack set that still has instances, then deletes it once empty', async () => {
    await deploy([s.ous.prod]);
    s.fakes.stackSets.settle();
    expect(await rejection(s.client.send(new DeleteStackSetCommand({ StackSetName: 'rule' })))).toBeInstanceOf(StackSetNotEmptyException);
    const missingRetain = await rejection(
      s.client.send(new DeleteStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod] }, Regions: ['us-east-1'] } as never)),
    );
    expect(missingRetain).toMatchObject({ name: 'ValidationError' });
    await s.client.send(new DeleteStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod] }, Regions: ['us-east-1'], RetainStacks: false }));
    s.fakes.stackSets.settle();
    await s.client.send(new DeleteStackSetCommand({ StackSetName: 'rule' }));
    const active = await s.client.send(new ListStackSetsCommand({ Status: 'ACTIVE' }));
    const deleted = await s.client.send(new ListStackSetsCommand({ Status: 'DELETED' }));
    expect(active.Summaries).toEqual([]);
    expect(deleted.Summaries?.map((x) => x.StackSetName)).toEqual(['rule']);
    expect(await rejection(s.client.send(new ListStackInstancesCommand({ StackSetName: 'rule' })))).toBeInstanceOf(StackSetNotFoundException);
    expect(await rejection(s.client.send(new DeleteStackSetCommand({ StackSetName: 'rule' })))).toBeInstanceOf(StackSetNotFoundException);
  });

  it('stops a running operation: pending targets are CANCELLED and the operation STOPPED', async () => {
    const { OperationId = '' } = await deploy([s.ous.prod]);
    await s.client.send(new StopStackSetOperationCommand({ StackSetName: 'rule', OperationId }));
    expect(await status(OperationId)).toBe('STOPPED');
    expect(s.fakes.stackSets.instances('rule').map((i) => i.detailedStatus)).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it.each([
    ['a bad OperationId', () => deploy([s.ous.prod], { OperationId: '-starts-with-dash' })],
    ['FailureToleranceCount with FailureTolerancePercentage', () => deploy([s.ous.prod], { OperationPreferences: { FailureToleranceCount: 1, FailureTolerancePercentage: 10 } })],
    ['no Regions', () => deploy([s.ous.prod], { Regions: [] })],
    ['top-level Accounts', () => deploy([s.ous.prod], { Accounts: ['333333333333'] })],
  ])('answers %s with ValidationError and starts nothing', async (_name, call) => {
    const error = await rejection(call());
    expect(error).toBeInstanceOf(CloudFormationServiceException);
    expect(error).toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    expect(s.fakes.stackSets.operations('rule')).toEqual([]);
  });

  it('throttles with the CloudFormation Throttling error and logs every call with its CallAs', async () => {
    s.fakes.stackSets.throttle(1);
    const error = await rejection(s.client.send(new ListStackSetsCommand({ CallAs: 'SELF' })));
    expect(error).toBeInstanceOf(CloudFormationServiceException);
    expect(error).toMatchObject({ name: 'Throttling', message: 'Rate exceeded' });
    await s.client.send(new ListStackSetsCommand({ CallAs: 'SELF' }));
    expect(s.fakes.stackSets.calls().map((c) => [c.operation, c.callAs, c.mutating])).toEqual([
      ['CreateStackSet', undefined, true],
      ['ListStackSets', 'SELF', false],
      ['ListStackSets', 'SELF', false],
    ]);
    expect(s.fakes.stackSets.mutatingCalls()).toHaveLength(1);
  });
});
