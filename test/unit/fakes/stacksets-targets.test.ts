import {
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DeleteStackInstancesCommand,
  ListStackSetAutoDeploymentTargetsCommand,
  DescribeStackInstanceCommand,
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  DetectStackSetDriftCommand,
  ListStackInstancesCommand,
  StackSetNotFoundException,
  UpdateStackInstancesCommand,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation';
import type { Parameter } from '@aws-sdk/client-cloudformation';
import { installAwsFakes, OrganizationFake, StackSetsFake } from '../../fakes/index';
import type { Scenario } from './stacksets-scenario';
import { buildScenario, createStackSet, rejection, TEMPLATE } from './stacksets-scenario';

describe('StackSetsFake deployment targets, parameters and auto-deployment', () => {
  let s: Scenario;
  const create = (stackSet: string, ous: string[], overrides?: Parameter[], regions = ['us-east-1']) =>
    s.client.send(new CreateStackInstancesCommand({ StackSetName: stackSet, DeploymentTargets: { OrganizationalUnitIds: ous }, Regions: regions, ParameterOverrides: overrides }));
  const accountsOf = (stackSet: string) => s.fakes.stackSets.instances(stackSet).map((i) => `${i.account}@${i.ouId === s.ous.prod ? 'prod' : i.ouId === s.ous.workloads ? 'workloads' : i.ouId}`);

  beforeEach(async () => {
    s = buildScenario();
    await createStackSet(s.client, 'rule', { parameters: { AllowedPorts: '80,443' } });
  });

  afterEach(() => s.fakes.restore());

  it.each([
    ['an OU covers its whole subtree, attributed to the OU', ['workloads'], ['222222222222@workloads', '333333333333@workloads', '444444444444@workloads']],
    ['nested targets attribute each account to its nearest target', ['workloads', 'prod'], ['222222222222@workloads', '333333333333@prod', '444444444444@prod']],
    ['the root covers every account but the management account', ['root'], ['222222222222@r-root', '333333333333@r-root', '444444444444@r-root', '555555555555@r-root']],
  ])('%s', async (_name, targets, expected) => {
    const ids: Record<string, string> = { workloads: s.ous.workloads, prod: s.ous.prod, root: 'r-root' };
    await create('rule', targets.map((t) => ids[t] ?? t));
    s.fakes.stackSets.settle();
    expect(accountsOf('rule').sort()).toEqual([...expected].sort());
    expect(s.fakes.stackSets.instance('rule', '111111111111', 'us-east-1')).toBeUndefined();
  });

  it('DeleteStackInstances by OU deletes its whole subtree, also what a nested target reached (aws-facts H)', async () => {
    await create('rule', [s.ous.workloads, s.ous.prod]);
    s.fakes.stackSets.settle();
    await s.client.send(new DeleteStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: [s.ous.workloads] }, Regions: ['us-east-1'], RetainStacks: false }));
    s.fakes.stackSets.settle();
    expect(accountsOf('rule')).toEqual([]);
    // Only the OU named is no longer a target; the nested one stays listed though its instances are gone.
    const targets = await s.client.send(new ListStackSetAutoDeploymentTargetsCommand({ StackSetName: 'rule' }));
    expect(targets.Summaries).toEqual([{ OrganizationalUnitId: s.ous.prod, Regions: ['us-east-1'] }]);
  });

  it('DeleteStackInstances with AccountFilterType INTERSECTION deletes only the listed accounts', async () => {
    await create('rule', [s.ous.workloads]);
    s.fakes.stackSets.settle();
    await s.client.send(
      new DeleteStackInstancesCommand({
        StackSetName: 'rule',
        DeploymentTargets: { OrganizationalUnitIds: [s.ous.workloads], Accounts: ['333333333333'], AccountFilterType: 'INTERSECTION' },
        Regions: ['us-east-1'],
        RetainStacks: false,
      }),
    );
    s.fakes.stackSets.settle();
    expect(accountsOf('rule').sort()).toEqual(['222222222222@workloads', '444444444444@workloads']);
  });

  it('accepts 50 OUs per call and refuses 51 with ValidationError', async () => {
    const org = s.fakes.organization;
    const many = Array.from({ length: 51 }, (_, i) => org.addOu(org.rootId, `Team${i}`));
    const error = await rejection(create('rule', many));
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect(String((error as Error).message)).toContain('50');
    await expect(create('rule', many.slice(0, 50))).resolves.toMatchObject({ OperationId: expect.any(String) });
  });

  it('gives auto-deployed accounts the stack set defaults, never the overrides of existing instances (AWS A2)', async () => {
    await create('rule', [s.ous.workloads], [{ ParameterKey: 'AllowedPorts', ParameterValue: '22' }]);
    s.fakes.stackSets.settle();
    const org = s.fakes.organization;
    org.addAccount(s.ous.prod, { id: '666666666666' });
    org.moveAccount('555555555555', s.ous.prod);
    s.fakes.stackSets.settle();
    const overridesOf = async (account: string) =>
      (await s.client.send(new DescribeStackInstanceCommand({ StackSetName: 'rule', StackInstanceAccount: account, StackInstanceRegion: 'us-east-1' }))).StackInstance
        ?.ParameterOverrides;
    expect(await overridesOf('333333333333')).toEqual([{ ParameterKey: 'AllowedPorts', ParameterValue: '22' }]);
    expect(await overridesOf('666666666666')).toEqual([]);
    expect(await overridesOf('555555555555')).toEqual([]);
    expect(s.fakes.stackSets.instance('rule', '666666666666', 'us-east-1')).toMatchObject({
      ouId: s.ous.workloads,
      status: 'CURRENT',
      deployed: { parameters: { AllowedPorts: '80,443', Mode: 'report' } },
    });
    expect(s.fakes.stackSets.instance('rule', '333333333333', 'us-east-1')?.deployed?.parameters).toEqual({ AllowedPorts: '22', Mode: 'report' });
    const autoOps = s.fakes.stackSets.operations('rule').slice(1);
    expect(autoOps.map((op) => [op.action, op.status, op.autoDeployment])).toEqual([
      ['CREATE', 'SUCCEEDED', true],
      ['CREATE', 'SUCCEEDED', true],
    ]);
  });

  it('deletes the instances of an account that leaves the targeted OUs, and ignores the management account', async () => {
    await create('rule', [s.ous.prod]);
    s.fakes.stackSets.settle();
    const org = s.fakes.organization;
    org.moveAccount('333333333333', s.ous.sandbox);
    org.moveAccount('111111111111', s.ous.prod);
    s.fakes.stackSets.settle();
    expect(accountsOf('rule')).toEqual(['444444444444@prod']);
    expect(s.fakes.stackSets.operations('rule').map((op) => op.action)).toEqual(['CREATE', 'DELETE']);
  });

  it('tracks targets per OU and Region, and auto-deploys each Region from the nearest OU targeted there', async () => {
    await create('rule', [s.ous.workloads], undefined, ['us-east-1']);
    s.fakes.stackSets.settle();
    await create('rule', [s.ous.prod], undefined, ['eu-west-1']);
    s.fakes.stackSets.settle();
    s.fakes.organization.addAccount(s.ous.prod, { id: '888888888888' });
    s.fakes.stackSets.settle();
    const placed = s.fakes.stackSets.instances('rule').filter((i) => i.account === '888888888888').map((i) => [i.region, i.ouId]);
    expect(placed).toEqual([['eu-west-1', s.ous.prod], ['us-east-1', s.ous.workloads]]);
    const targets = await s.client.send(new ListStackSetAutoDeploymentTargetsCommand({ StackSetName: 'rule' }));
    expect(targets.Summaries).toEqual([
      { OrganizationalUnitId: s.ous.workloads, Regions: ['us-east-1'] },
      { OrganizationalUnitId: s.ous.prod, Regions: ['eu-west-1'] },
    ]);
    await s.client.send(new DeleteStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod] }, Regions: ['eu-west-1'], RetainStacks: false }));
    s.fakes.stackSets.settle();
    const { StackSet } = await s.client.send(new DescribeStackSetCommand({ StackSetName: 'rule' }));
    expect([StackSet?.OrganizationalUnitIds, StackSet?.Regions]).toEqual([[s.ous.workloads], ['us-east-1']]);
    expect(s.fakes.stackSets.instances('rule').every((i) => i.region === 'us-east-1')).toBe(true);
  });

  it('queues an auto-deployment behind the operations of the stack sets it DependsOn', async () => {
    await createStackSet(s.client, 'baseline');
    const baselineArn = (await s.client.send(new DescribeStackSetCommand({ StackSetName: 'baseline' }))).StackSet?.StackSetARN ?? '';
    await createStackSet(s.client, 'rule-web', { dependsOn: [baselineArn] });
    await create('baseline', [s.ous.prod]);
    await create('rule-web', [s.ous.prod]);
    s.fakes.stackSets.settle();
    s.fakes.organization.addAccount(s.ous.prod, { id: '777777777777' });
    const [baselineOp] = s.fakes.stackSets.operations('baseline').slice(-1);
    const [ruleOp] = s.fakes.stackSets.operations('rule-web').slice(-1);
    expect([baselineOp?.status, ruleOp?.status]).toEqual(['RUNNING', 'QUEUED']);
    s.fakes.stackSets.tick(2);
    expect([baselineOp?.status, ruleOp?.status]).toEqual(['SUCCEEDED', 'RUNNING']);
    s.fakes.stackSets.settle();
    expect(s.fakes.stackSets.instance('rule-web', '777777777777', 'us-east-1')?.status).toBe('CURRENT');
  });

  it.each<[string, Parameter[] | undefined, Record<string, string>]>([
    ['a new value replaces the override', [{ ParameterKey: 'AllowedPorts', ParameterValue: '25' }], { AllowedPorts: '25' }],
    ['UsePreviousValue keeps the override', [{ ParameterKey: 'AllowedPorts', UsePreviousValue: true }, { ParameterKey: 'Mode', ParameterValue: 'enforce' }], { AllowedPorts: '22', Mode: 'enforce' }],
    ['a list without the key reverts it to the stack set value', [{ ParameterKey: 'Mode', ParameterValue: 'enforce' }], { Mode: 'enforce' }],
    ['no list leaves every override', undefined, { AllowedPorts: '22' }],
  ])('UpdateStackInstances: %s', async (_name, overrides, expected) => {
    await create('rule', [s.ous.prod], [{ ParameterKey: 'AllowedPorts', ParameterValue: '22' }]);
    s.fakes.stackSets.settle();
    await s.client.send(new UpdateStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod] }, Regions: ['us-east-1'], ParameterOverrides: overrides }));
    s.fakes.stackSets.settle();
    expect(Object.fromEntries(s.fakes.stackSets.instance('rule', '333333333333', 'us-east-1')?.overrides ?? [])).toEqual(expected);
  });

  it('UpdateStackSet changes the stack set values for all instances and keeps their overrides', async () => {
    await create('rule', [s.ous.workloads]);
    s.fakes.stackSets.settle();
    await s.client.send(new UpdateStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod] }, Regions: ['us-east-1'], ParameterOverrides: [{ ParameterKey: 'Mode', ParameterValue: 'enforce' }] }));
    s.fakes.stackSets.settle();
    const { OperationId = '' } = await s.client.send(
      new UpdateStackSetCommand({ StackSetName: 'rule', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'AllowedPorts', ParameterValue: '8443' }, { ParameterKey: 'Mode', UsePreviousValue: true }] }),
    );
    expect(s.fakes.stackSets.instances('rule').every((i) => i.status === 'OUTDATED')).toBe(true);
    s.fakes.stackSets.settle();
    const described = await s.client.send(new DescribeStackSetOperationCommand({ StackSetName: 'rule', OperationId }));
    expect(described.StackSetOperation).toMatchObject({ Action: 'UPDATE', Status: 'SUCCEEDED' });
    const deployed = Object.fromEntries(s.fakes.stackSets.instances('rule').map((i) => [i.account, i.deployed?.parameters]));
    expect(deployed).toEqual({
      '222222222222': { AllowedPorts: '8443', Mode: 'report' },
      '333333333333': { AllowedPorts: '8443', Mode: 'enforce' },
      '444444444444': { AllowedPorts: '8443', Mode: 'enforce' },
    });
    const { StackSet } = await s.client.send(new DescribeStackSetCommand({ StackSetName: 'rule' }));
    expect(StackSet).toMatchObject({
      Status: 'ACTIVE',
      PermissionModel: 'SERVICE_MANAGED',
      Parameters: [{ ParameterKey: 'AllowedPorts', ParameterValue: '8443' }, { ParameterKey: 'Mode', ParameterValue: 'report' }],
      OrganizationalUnitIds: [s.ous.workloads],
      Regions: ['us-east-1'],
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      ManagedExecution: { Active: false },
    });
  });

  it('UpdateStackSet with DeploymentTargets marks every instance OUTDATED and updates only the targeted ones', async () => {
    await create('rule', [s.ous.workloads]);
    s.fakes.stackSets.settle();
    await s.client.send(
      new UpdateStackSetCommand({ StackSetName: 'rule', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'AllowedPorts', ParameterValue: '25' }], DeploymentTargets: { OrganizationalUnitIds: [s.ous.prod] }, Regions: ['us-east-1'] }),
    );
    s.fakes.stackSets.settle();
    expect(s.fakes.stackSets.instances('rule').map((i) => `${i.account}:${i.status}:${i.deployed?.parameters.AllowedPorts}`)).toEqual([
      '222222222222:OUTDATED:80,443',
      '333333333333:CURRENT:25',
      '444444444444:CURRENT:25',
    ]);
  });

  it('detects drift: instances get DriftStatus, filterable in ListStackInstances', async () => {
    await create('rule', [s.ous.prod]);
    s.fakes.stackSets.settle();
    s.fakes.stackSets.setDrift({ accounts: ['444444444444'], status: 'DRIFTED' });
    const { OperationId = '' } = await s.client.send(new DetectStackSetDriftCommand({ StackSetName: 'rule' }));
    expect(s.fakes.stackSets.instances('rule').map((i) => i.driftStatus)).toEqual(['NOT_CHECKED', 'NOT_CHECKED']);
    s.fakes.stackSets.settle();
    expect((await s.client.send(new DescribeStackSetOperationCommand({ StackSetName: 'rule', OperationId }))).StackSetOperation?.Action).toBe('DETECT_DRIFT');
    const drifted = await s.client.send(new ListStackInstancesCommand({ StackSetName: 'rule', Filters: [{ Name: 'DRIFT_STATUS', Values: 'DRIFTED' }] }));
    expect(drifted.Summaries?.map((i) => [i.Account, i.DriftStatus, i.LastDriftCheckTimestamp instanceof Date])).toEqual([['444444444444', 'DRIFTED', true]]);
    const { StackSet } = await s.client.send(new DescribeStackSetCommand({ StackSetName: 'rule' }));
    expect(StackSet?.StackSetDriftDetectionDetails).toMatchObject({ DriftStatus: 'DRIFTED', DriftedStackInstancesCount: 1, InSyncStackInstancesCount: 1 });
  });

  it('paginates ListStackInstances across empty pages and rejects a foreign token', async () => {
    await create('rule', ['r-root'], undefined, ['us-east-1', 'eu-west-1', 'ap-southeast-2']);
    s.fakes.stackSets.settle();
    s.fakes.stackSets.setPageShape({ emptyPages: 'interleaved' });
    const seen: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await s.client.send(new ListStackInstancesCommand({ StackSetName: 'rule', MaxResults: 5, NextToken: token }));
      sizes.push(page.Summaries?.length ?? 0);
      seen.push(...(page.Summaries ?? []).map((i) => `${i.Account}/${i.Region}`));
      token = page.NextToken;
    } while (token !== undefined);
    expect(sizes).toEqual([0, 5, 0, 5, 0, 2]);
    expect(new Set(seen).size).toBe(12);
    const error = await rejection(s.client.send(new ListStackInstancesCommand({ StackSetName: 'rule', NextToken: 'bogus' })));
    expect(error).toMatchObject({ name: 'ValidationError' });
  });

  describe('CallAs', () => {
    it.each([
      ['DELEGATED_ADMIN from the management account', undefined, 'DELEGATED_ADMIN', 'ValidationError'],
      ['DELEGATED_ADMIN from an unregistered member account', '222222222222', 'DELEGATED_ADMIN', 'ValidationError'],
      ['SELF from a delegated admin (it sees only its own stack sets)', '999999999999', 'SELF', 'StackSetNotFoundException'],
      ['omitted from a delegated admin', '999999999999', undefined, 'StackSetNotFoundException'],
    ])('%s fails', async (_name, caller, callAs, errorName) => {
      const org = new OrganizationFake();
      org.addAccount(org.rootId, { id: '999999999999' });
      org.registerDelegatedAdministrator('999999999999');
      org.addAccount(org.rootId, { id: '222222222222' });
      s.fakes.restore();
      s = { ...s, fakes: installAwsFakes({ organization: org, stackSets: new StackSetsFake(org, { callerAccountId: caller }) }) };
      const error = await rejection(s.client.send(new DescribeStackSetCommand({ StackSetName: 'rule', CallAs: callAs as 'SELF' | undefined })));
      expect(error).toMatchObject({ name: errorName });
    });

    it('a registered delegated admin manages org stack sets with DELEGATED_ADMIN, and the log shows it on every call', async () => {
      s.fakes.restore();
      const org = new OrganizationFake();
      const ou = org.addOuPath('Root/Workloads');
      org.addAccount(ou, { id: '999999999999' });
      org.addAccount(ou, { id: '222222222222' });
      org.registerDelegatedAdministrator('999999999999');
      s = { ...s, fakes: installAwsFakes({ organization: org, stackSetsOptions: { callerAccountId: '999999999999' } }) };
      await s.client.send(new CreateStackSetCommand({ StackSetName: 'rule', TemplateBody: TEMPLATE, PermissionModel: 'SERVICE_MANAGED', AutoDeployment: { Enabled: true }, CallAs: 'DELEGATED_ADMIN' }));
      await s.client.send(new CreateStackInstancesCommand({ StackSetName: 'rule', DeploymentTargets: { OrganizationalUnitIds: [ou] }, Regions: ['us-east-1'], CallAs: 'DELEGATED_ADMIN' }));
      s.fakes.stackSets.settle();
      expect(s.fakes.stackSets.instances('rule').map((i) => i.account)).toEqual(['999999999999', '222222222222']);
      expect(s.fakes.stackSets.callAsValues()).toEqual(['DELEGATED_ADMIN']);
      expect(await rejection(s.client.send(new DescribeStackSetCommand({ StackSetName: 'rule' })))).toBeInstanceOf(StackSetNotFoundException);
      expect(s.fakes.stackSets.callAsValues()).toEqual(['DELEGATED_ADMIN', undefined]);
    });
  });
});
