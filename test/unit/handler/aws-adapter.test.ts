import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import { DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AwsCallError } from '../../../src/errors';
import type { EvaluationRecord } from '../../../handler/aws-port';
import { AWS_CLIENT_CONFIG } from '../../../handler/aws-adapter';
import { adapter, awsError, configMock, ec2Mock, GROUP } from './adapter-mocks';

describe('AWS_CLIENT_CONFIG', () => {
  it('configures the standard retry strategy with 6 attempts on both clients', async () => {
    for (const client of [new EC2Client(AWS_CLIENT_CONFIG), new ConfigServiceClient(AWS_CLIENT_CONFIG)]) {
      expect(await client.config.maxAttempts()).toBe(6);
      const mode: unknown = client.config.retryMode;
      expect(typeof mode === 'function' ? await (mode as () => Promise<string>)() : mode).toBe('standard');
    }
  });
});

describe('describeGroup', () => {
  it('reads owner, tags and ingress rules with one DescribeSecurityGroups, filtered by group-id (the larger throttling bucket)', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: GROUP,
          OwnerId: '123456789012',
          Tags: [{ Key: 'sg-guardrail:exempt', Value: '2026-12-31' }],
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      ],
    });
    const snapshot = await adapter.describeGroup(GROUP);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand).map((c) => c.args[0].input)).toEqual([{ Filters: [{ Name: 'group-id', Values: [GROUP] }] }]);
    expect(snapshot).toEqual({
      groupId: GROUP,
      ownerId: '123456789012',
      tags: new Map([['sg-guardrail:exempt', '2026-12-31']]),
      rules: [{ protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' }],
    });
  });

  it('InvalidGroup.NotFound: undefined', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).rejects(awsError('InvalidGroup.NotFound', `The security group '${GROUP}' does not exist`));
    await expect(adapter.describeGroup(GROUP)).resolves.toBeUndefined();
  });

  it('access denied: AwsCallError naming the permission', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const call = adapter.describeGroup(GROUP);
    await expect(call).rejects.toThrow(AwsCallError);
    await expect(call).rejects.toThrow('ec2:DescribeSecurityGroups: UnauthorizedOperation: You are not authorized to perform this operation. Fix: grant ec2:DescribeSecurityGroups');
  });

  it('throttling left after the retries: AwsCallError saying Lambda retries', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).rejects(awsError('RequestLimitExceeded', 'Request limit exceeded.'));
    await expect(adapter.describeGroup(GROUP)).rejects.toThrow('RequestLimitExceeded: Request limit exceeded. Fix: nothing: Lambda retries the invocation.');
  });

  it('an answer without the group: undefined', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    await expect(adapter.describeGroup(GROUP)).resolves.toBeUndefined();
  });
});

describe('listGroupPages', () => {
  const OWN = { ownerId: '123456789012' };
  const owner = { Name: 'owner-id', Values: ['123456789012'] };

  it("pages through this account's groups 1,000 at a time, filtered by owner-id", async () => {
    ec2Mock
      .on(DescribeSecurityGroupsCommand, { MaxResults: 1000 })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1' }, { GroupId: 'sg-2' }], NextToken: 't1' })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-3' }] });
    const pages: [string[], boolean][] = [];
    for await (const page of adapter.listGroupPages(OWN)) pages.push([page.groups.map((g) => g.groupId), page.more]);
    expect(pages).toEqual([
      [['sg-1', 'sg-2'], true],
      [['sg-3'], false],
    ]);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand).map((c) => c.args[0].input)).toEqual([
      { Filters: [owner], MaxResults: 1000 },
      { Filters: [owner], MaxResults: 1000, NextToken: 't1' },
    ]);
  });

  it.each([
    ['a key and a value: tag:KEY with the value', { key: 'team', value: 'web' }, { Name: 'tag:team', Values: ['web'] }],
    ['a key alone: tag-key', { key: 'team' }, { Name: 'tag-key', Values: ['team'] }],
  ])('a tag scope, %s', async (_name, scope, filter) => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    for await (const page of adapter.listGroupPages({ ...OWN, scope })) expect(page.groups).toEqual([]);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input).toEqual({ Filters: [owner, filter], MaxResults: 1000 });
  });

  it('a failed page: AwsCallError after the pages already yielded', async () => {
    ec2Mock
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 't1' })
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.'));
    const pages: string[][] = [];
    const read = async (): Promise<void> => {
      for await (const page of adapter.listGroupPages({ ownerId: '123456789012' })) pages.push(page.groups.map((g) => g.groupId));
    };
    await expect(read()).rejects.toThrow(expect.objectContaining({ name: 'AwsCallError', where: 'ec2:DescribeSecurityGroups' }));
    expect(pages).toEqual([['sg-1']]);
  });
});

describe('readRules', () => {
  it('reads the ingress rules of the group with ids, filtered by group-id, following NextToken', async () => {
    ec2Mock
      .on(DescribeSecurityGroupRulesCommand)
      .resolvesOnce({
        SecurityGroupRules: [
          { SecurityGroupRuleId: 'sgr-1', GroupId: GROUP, IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' },
          { SecurityGroupRuleId: 'sgr-2', GroupId: GROUP, IsEgress: true, IpProtocol: '-1', FromPort: -1, ToPort: -1, CidrIpv4: '0.0.0.0/0' },
        ],
        NextToken: 'n1',
      })
      .resolvesOnce({ SecurityGroupRules: [{ SecurityGroupRuleId: 'sgr-3', GroupId: GROUP, IsEgress: false, IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIpv6: '::/0' }] });
    const read = await adapter.readRules(GROUP);
    expect(read.status === 'read' && read.rules.map((r) => r.ruleId)).toEqual(['sgr-1', 'sgr-3']);
    const filter = { Filters: [{ Name: 'group-id', Values: [GROUP] }] };
    expect(ec2Mock.commandCalls(DescribeSecurityGroupRulesCommand).map((c) => c.args[0].input)).toEqual([filter, { ...filter, NextToken: 'n1' }]);
  });

  it('access denied: failed with the reason, so the group is NON_COMPLIANT rather than the invocation failing', async () => {
    ec2Mock.on(DescribeSecurityGroupRulesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    await expect(adapter.readRules(GROUP)).resolves.toEqual({ status: 'failed', reason: 'UnauthorizedOperation: You are not authorized to perform this operation.' });
  });

  it('a transient error: AwsCallError so Lambda retries', async () => {
    ec2Mock.on(DescribeSecurityGroupRulesCommand).rejects(awsError('InternalError', 'An internal error has occurred', 'server'));
    await expect(adapter.readRules(GROUP)).rejects.toThrow(expect.objectContaining({ name: 'AwsCallError', where: 'ec2:DescribeSecurityGroupRules' }));
  });
});

describe('putEvaluations', () => {
  const records = (n: number): EvaluationRecord[] =>
    Array.from({ length: n }, (_, i) => ({
      resourceType: 'AWS::EC2::SecurityGroup',
      resourceId: `sg-${String(i).padStart(8, '0')}`,
      compliance: i % 2 === 0 ? 'COMPLIANT' : 'NON_COMPLIANT',
      ...(i % 2 === 0 ? {} : { annotation: 'report mode; extra tcp:22@0.0.0.0/0' }),
      orderingTimestamp: new Date('2026-11-27T10:00:00.000Z'),
    }));

  it('sends batches of at most 100 with the result token', async () => {
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [] });
    await adapter.putEvaluations(records(250), { resultToken: 'token', testMode: false });
    const inputs = configMock.commandCalls(PutEvaluationsCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.Evaluations?.length)).toEqual([100, 100, 50]);
    expect(inputs.every((i) => i.ResultToken === 'token' && !('TestMode' in i))).toBe(true);
    expect(inputs[0]?.Evaluations?.slice(0, 2)).toEqual([
      { ComplianceResourceType: 'AWS::EC2::SecurityGroup', ComplianceResourceId: 'sg-00000000', ComplianceType: 'COMPLIANT', OrderingTimestamp: new Date('2026-11-27T10:00:00.000Z') },
      {
        ComplianceResourceType: 'AWS::EC2::SecurityGroup',
        ComplianceResourceId: 'sg-00000001',
        ComplianceType: 'NON_COMPLIANT',
        Annotation: 'report mode; extra tcp:22@0.0.0.0/0',
        OrderingTimestamp: new Date('2026-11-27T10:00:00.000Z'),
      },
    ]);
  });

  it('TESTMODE: TestMode true', async () => {
    configMock.on(PutEvaluationsCommand).resolves({});
    await adapter.putEvaluations(records(1), { resultToken: 'TESTMODE', testMode: true });
    expect(configMock.commandCalls(PutEvaluationsCommand)[0]?.args[0].input).toMatchObject({ ResultToken: 'TESTMODE', TestMode: true });
  });

  it('no evaluations: no call', async () => {
    await adapter.putEvaluations([], { resultToken: 'token', testMode: false });
    expect(configMock.calls()).toHaveLength(0);
  });

  it('failed evaluations: AwsCallError naming them', async () => {
    configMock.on(PutEvaluationsCommand).resolves({ FailedEvaluations: [{ ComplianceResourceId: 'sg-00000000', ComplianceResourceType: 'AWS::EC2::SecurityGroup', ComplianceType: 'COMPLIANT', OrderingTimestamp: new Date() }] });
    await expect(adapter.putEvaluations(records(1), { resultToken: 'token', testMode: false })).rejects.toThrow('Config rejected 1 evaluation(s): sg-00000000.');
  });

  it('an invalid token: AwsCallError with the cause and the fix', async () => {
    configMock.on(PutEvaluationsCommand).rejects(awsError('InvalidResultTokenException', 'The result token is invalid.'));
    await expect(adapter.putEvaluations(records(1), { resultToken: 'bad', testMode: false })).rejects.toThrow(
      'config:PutEvaluations: InvalidResultTokenException: The result token is invalid. Fix: invoke the function through its AWS Config rule',
    );
  });
});
