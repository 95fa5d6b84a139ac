import { ConfigServiceClient, PutEvaluationsCommand } from '@aws-sdk/client-config-service';
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  EC2ServiceException,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCallError } from '../../../src/errors';
import { formatRule } from '../../../src/ingress-rule';
import { parseAllowedIngress } from '../../../src/rule-parameters';
import type { EvaluationRecord } from '../../../handler/aws-port';
import { AWS_CLIENT_CONFIG, createAwsAdapter } from '../../../handler/aws-adapter';
import { ipPermissionFor } from '../../../handler/aws-shapes';
import type { RuleDiff } from '../../../handler/core/diff';
import { groupLiveRules } from '../../../handler/core/live-rule';
import { ANY_CIDR, liveRules } from './live-rule-fixtures';

const GROUP = 'sg-0123456789abcdef0';
const ec2Mock = mockClient(EC2Client);
const configMock = mockClient(ConfigServiceClient);
const adapter = createAwsAdapter({ ec2: new EC2Client({}), config: new ConfigServiceClient({}) });
const D = 'added by sg-guardrail';

const awsError = (name: string, message = `${name} happened`, fault: 'client' | 'server' = 'client'): EC2ServiceException =>
  new EC2ServiceException({ name, message, $fault: fault, $metadata: { httpStatusCode: fault === 'client' ? 400 : 503 } });

beforeEach(() => {
  ec2Mock.reset();
  configMock.reset();
});

/** The names of the EC2 commands sent, in order. */
const sent = (): string[] => ec2Mock.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name.replace('Command', ''));

/** A diff: authorize `add`, revoke the `revoke` rules under ids sgr-r0, sgr-r1, … */
function diffOf(add: string, revoke: string): RuleDiff {
  return { toAuthorize: parseAllowedIngress(add, ANY_CIDR), toRevoke: [...groupLiveRules(liveRules(revoke, ['0.0.0.0/0'], 'sgr-r')).values()] };
}

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
  it('reads tags and ingress rules with one DescribeSecurityGroups', async () => {
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: GROUP,
          Tags: [{ Key: 'sg-guardrail:exempt', Value: '2026-12-31' }],
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        },
      ],
    });
    const snapshot = await adapter.describeGroup(GROUP);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand).map((c) => c.args[0].input)).toEqual([{ GroupIds: [GROUP] }]);
    expect(snapshot).toEqual({
      groupId: GROUP,
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
  it('pages through DescribeSecurityGroups 1,000 at a time', async () => {
    ec2Mock
      .on(DescribeSecurityGroupsCommand, { MaxResults: 1000 })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1' }, { GroupId: 'sg-2' }], NextToken: 't1' })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-3' }] });
    const pages: string[][] = [];
    for await (const page of adapter.listGroupPages()) pages.push(page.map((g) => g.groupId));
    expect(pages).toEqual([['sg-1', 'sg-2'], ['sg-3']]);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand).map((c) => c.args[0].input)).toEqual([{ MaxResults: 1000 }, { MaxResults: 1000, NextToken: 't1' }]);
  });

  it('a failed page: AwsCallError after the pages already yielded', async () => {
    ec2Mock
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1' }], NextToken: 't1' })
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.'));
    const pages: string[][] = [];
    const read = async (): Promise<void> => {
      for await (const page of adapter.listGroupPages()) pages.push(page.map((g) => g.groupId));
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

describe('revert', () => {
  it('authorizes every missing rule in one call, then revokes by rule ids', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const outcome = await adapter.revert(GROUP, diffOf('80', '22,3389'));
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress']);
    expect(ec2Mock.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: GROUP,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: D }] },
        { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, Ipv6Ranges: [{ CidrIpv6: '::/0', Description: D }] },
      ],
    });
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({ GroupId: GROUP, SecurityGroupRuleIds: ['sgr-r0', 'sgr-r1'] });
    expect(outcome).toEqual({ status: 'reverted', added: diffOf('80', '').toAuthorize, revoked: parseAllowedIngress('22,3389', ['0.0.0.0/0']) });
  });

  it('makes no call for an empty side', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    await adapter.revert(GROUP, diffOf('', '22'));
    expect(sent()).toEqual(['RevokeSecurityGroupIngress']);
  });

  it('rules-per-group limit: revokes first, then authorizes', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejectsOnce(awsError('RulesPerSecurityGroupLimitExceeded')).resolves({ Return: true });
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const outcome = await adapter.revert(GROUP, diffOf('80', '22'));
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress']);
    expect(ec2Mock.commandCalls(AuthorizeSecurityGroupIngressCommand)[1]?.args[0].input.IpPermissions).toHaveLength(2);
    expect(outcome.status).toBe('reverted');
  });

  it('limit even after revoking: failed, naming the limit', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('RulesPerSecurityGroupLimitExceeded'));
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const outcome = await adapter.revert(GROUP, diffOf('80', '22'));
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringContaining('RulesPerSecurityGroupLimitExceeded'), added: [] });
    expect(outcome.status === 'failed' && outcome.revoked.map(formatRule)).toEqual(['tcp:22@0.0.0.0/0']);
  });

  it('duplicate on a batch: the whole call failed, so it adds rule by rule and a duplicate is success', async () => {
    ec2Mock
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejectsOnce(awsError('InvalidPermission.Duplicate'))
      .rejectsOnce(awsError('InvalidPermission.Duplicate'))
      .resolves({ Return: true });
    const outcome = await adapter.revert(GROUP, diffOf('80', ''));
    const inputs = ec2Mock.commandCalls(AuthorizeSecurityGroupIngressCommand).map((c) => c.args[0].input.IpPermissions?.length);
    expect(inputs).toEqual([2, 1, 1]);
    expect(outcome).toEqual({ status: 'reverted', added: [diffOf('80', '').toAuthorize[1]], revoked: [] });
  });

  it('duplicate on a single rule: success, one call', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('InvalidPermission.Duplicate'));
    const diff: RuleDiff = { toAuthorize: parseAllowedIngress('80', ['0.0.0.0/0']), toRevoke: [] };
    await expect(adapter.revert(GROUP, diff)).resolves.toEqual({ status: 'reverted', added: [], revoked: [] });
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress']);
  });

  it('an unknown rule id fails the whole revoke, so it revokes id by id and a missing one is success', async () => {
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .rejectsOnce(awsError('InvalidSecurityGroupRuleId.NotFound'))
      .rejectsOnce(awsError('InvalidSecurityGroupRuleId.NotFound'))
      .resolves({ Return: true });
    const outcome = await adapter.revert(GROUP, diffOf('', '22,3389'));
    expect(ec2Mock.commandCalls(RevokeSecurityGroupIngressCommand).map((c) => c.args[0].input.SecurityGroupRuleIds)).toEqual([['sgr-r0', 'sgr-r1'], ['sgr-r0'], ['sgr-r1']]);
    expect(outcome.status === 'reverted' && outcome.revoked.map(formatRule)).toEqual(['tcp:3389@0.0.0.0/0']);
  });

  it('InvalidPermission.NotFound on a single id: success', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(awsError('InvalidPermission.NotFound'));
    await expect(adapter.revert(GROUP, diffOf('', '22'))).resolves.toEqual({ status: 'reverted', added: [], revoked: [] });
  });

  it('InvalidGroup.NotFound and a read finds the group gone: group-not-found', async () => {
    const gone = awsError('InvalidGroup.NotFound', `The security group '${GROUP}' does not exist`);
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(gone);
    ec2Mock.on(DescribeSecurityGroupsCommand).rejects(gone);
    await expect(adapter.revert(GROUP, diffOf('80', '22'))).resolves.toEqual({ status: 'group-not-found' });
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress', 'DescribeSecurityGroups']);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input).toEqual({ GroupIds: [GROUP] });
  });

  it.each([
    ['naming the referenced group', "The security group 'sg-01234567' does not exist"],
    // The message is not trusted to tell which group: only the read does.
    ['whatever the message says', `The security group 'sg-01234567' referenced by '${GROUP}' does not exist`],
  ])('InvalidGroup.NotFound while the group exists (a referenced group is gone), %s: failed with the reason', async (_name, message) => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('InvalidGroup.NotFound', message));
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: GROUP, IpPermissions: [] }] });
    const diff: RuleDiff = { toAuthorize: parseAllowedIngress('all@sg-01234567', []), toRevoke: [] };
    await expect(adapter.revert(GROUP, diff)).resolves.toEqual({ status: 'failed', reason: `InvalidGroup.NotFound: ${message}`, added: [], revoked: [] });
  });

  it('a rule EC2 refuses for its own sake (missing prefix list): the others are added one by one, the extra ones revoked, failed naming it', async () => {
    const refused = awsError('InvalidPrefixListId.NotFound', "The prefix list 'pl-0123abcd' does not exist");
    // As EC2 does: any call carrying the prefix list fails whole.
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).callsFake(async (input: { IpPermissions?: { PrefixListIds?: unknown[] }[] }) => {
      if (input.IpPermissions?.some((p) => (p.PrefixListIds ?? []).length > 0)) throw refused;
      return { Return: true };
    });
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const diff: RuleDiff = { toAuthorize: parseAllowedIngress('tcp:80@10.0.0.0/8,tcp:443@pl-0123abcd', []), toRevoke: diffOf('', '22').toRevoke };
    const outcome = await adapter.revert(GROUP, diff);
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress']);
    expect(outcome).toEqual({
      status: 'failed',
      reason: "InvalidPrefixListId.NotFound: The prefix list 'pl-0123abcd' does not exist",
      added: parseAllowedIngress('tcp:80@10.0.0.0/8', []),
      revoked: parseAllowedIngress('22', ['0.0.0.0/0']),
    });
  });

  it('access denied on authorize: nothing is revoked, so allowed traffic is never cut', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const outcome = await adapter.revert(GROUP, diffOf('80', '22'));
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress']);
    expect(outcome).toEqual({ status: 'failed', reason: 'UnauthorizedOperation: You are not authorized to perform this operation.', added: [], revoked: [] });
  });

  it('rules without ids are never "revoked" silently: a defect, not a false COMPLIANT', async () => {
    const withoutIds = groupLiveRules([{ protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' }]);
    const outcome = await adapter.revert(GROUP, { toAuthorize: [], toRevoke: [...withoutIds.values()] });
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringContaining('no rule id for tcp:22@0.0.0.0/0') });
    expect(sent()).toEqual([]);
  });

  it('access denied on revoke after authorizing: failed, keeping what was added', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
    ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const outcome = await adapter.revert(GROUP, diffOf('80', '22'));
    expect(outcome).toEqual({ status: 'failed', reason: 'UnauthorizedOperation: You are not authorized to perform this operation.', added: diffOf('80', '').toAuthorize, revoked: [] });
  });

  it.each([
    ['throttling left after retries', awsError('RequestLimitExceeded', 'Request limit exceeded.')],
    ['server fault', awsError('InternalError', 'An internal error has occurred', 'server')],
  ])('%s: throws so Lambda retries', async (_name, error) => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(error);
    await expect(adapter.revert(GROUP, diffOf('80', '22'))).rejects.toThrow(AwsCallError);
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress']);
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

describe('revert keeps what it did when a later call fails', () => {
  it('the limit met in the rule-by-rule fallback: revokes, then adds the rest', async () => {
    ec2Mock
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejectsOnce(awsError('InvalidPermission.Duplicate'))
      .resolvesOnce({ Return: true })
      .rejectsOnce(awsError('RulesPerSecurityGroupLimitExceeded'))
      .resolves({ Return: true });
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    const outcome = await adapter.revert(GROUP, diffOf('80', '22'));
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress', 'AuthorizeSecurityGroupIngress']);
    const [v4, v6] = diffOf('80', '').toAuthorize;
    expect(ec2Mock.commandCalls(AuthorizeSecurityGroupIngressCommand)[3]?.args[0].input.IpPermissions).toEqual([ipPermissionFor(v6!)]);
    expect(outcome).toEqual({ status: 'reverted', added: [v4, v6], revoked: parseAllowedIngress('22', ['0.0.0.0/0']) });
  });

  it('access denied in the id-by-id revoke: failed, listing the rule revoked before it', async () => {
    ec2Mock
      .on(RevokeSecurityGroupIngressCommand)
      .rejectsOnce(awsError('InvalidSecurityGroupRuleId.NotFound'))
      .resolvesOnce({ Return: true })
      .rejectsOnce(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const outcome = await adapter.revert(GROUP, diffOf('', '22,3389'));
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringContaining('UnauthorizedOperation') });
    expect(outcome.status === 'failed' && outcome.revoked.map(formatRule)).toEqual(['tcp:22@0.0.0.0/0']);
  });

  it('a referenced group missing in the rule-by-rule fallback: failed, listing the rule added before it', async () => {
    ec2Mock
      .on(AuthorizeSecurityGroupIngressCommand)
      .rejectsOnce(awsError('InvalidPermission.Duplicate'))
      .resolvesOnce({ Return: true })
      .rejectsOnce(awsError('InvalidGroup.NotFound', "The security group 'sg-01234567' does not exist"));
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: GROUP }] });
    const diff: RuleDiff = { toAuthorize: parseAllowedIngress('tcp:80@10.0.0.0/8,udp:53@sg-01234567', []), toRevoke: [] };
    const outcome = await adapter.revert(GROUP, diff);
    expect(outcome).toMatchObject({ status: 'failed', reason: expect.stringContaining('InvalidGroup.NotFound') });
    expect(outcome.status === 'failed' && outcome.added.map(formatRule)).toEqual(['tcp:80@10.0.0.0/8']);
  });
});
