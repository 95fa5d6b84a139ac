/** The adapter's revert under aws-sdk-client-mock: exact requests, order of calls, each error branch. */
import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { AwsCallError } from '../../../src/errors';
import { formatRule } from '../../../src/ingress-rule';
import { parseAllowedIngress } from '../../../src/rule-parameters';
import { ipPermissionFor } from '../../../handler/aws-shapes';
import type { RuleDiff } from '../../../handler/core/diff';
import { groupLiveRules } from '../../../handler/core/live-rule';
import { adapter, awsError, diffOf, ec2Mock, GROUP, sent } from './adapter-mocks';

const D = 'added by sg-guardrail';
/** What EC2 answers for revoking sgr-r0 (tcp 22) and sgr-r1 (tcp 3389) from 0.0.0.0/0. */
const REVOKED = [
  { SecurityGroupRuleId: 'sgr-r0', GroupId: GROUP, IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' },
  { SecurityGroupRuleId: 'sgr-r1', GroupId: GROUP, IsEgress: false, IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIpv4: '0.0.0.0/0' },
];

describe('revert', () => {
  it('authorizes every missing rule in one call, then revokes by rule ids and keeps what EC2 says it revoked', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).resolves({ Return: true });
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true, RevokedSecurityGroupRules: REVOKED });
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
    expect(outcome).toEqual({
      status: 'reverted',
      added: diffOf('80', '').toAuthorize,
      revoke: {
        requestedIds: ['sgr-r0', 'sgr-r1'],
        returned: true,
        rules: [
          { ruleId: 'sgr-r0', protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' },
          { ruleId: 'sgr-r1', protocol: 'tcp', fromPort: 3389, toPort: 3389, cidrIpv4: '0.0.0.0/0' },
        ],
      },
    });
  });

  it('keeps the rule as EC2 revoked it, which may differ from the read (the id was modified meanwhile), and drops entries without a source', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolves({
      Return: true,
      RevokedSecurityGroupRules: [
        { SecurityGroupRuleId: 'sgr-r0', GroupId: GROUP, IsEgress: false, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, ReferencedGroupId: 'sg-0123456789abcdef1' },
        { SecurityGroupRuleId: 'sgr-r1', GroupId: GROUP, IsEgress: false },
      ],
    });
    const outcome = await adapter.revert(GROUP, diffOf('', '22,3389'));
    expect(outcome.status === 'reverted' && outcome.revoke).toEqual({
      requestedIds: ['sgr-r0', 'sgr-r1'],
      returned: true,
      rules: [{ ruleId: 'sgr-r0', protocol: 'tcp', fromPort: 443, toPort: 443, referencedGroup: { groupId: 'sg-0123456789abcdef1' } }],
    });
  });

  it('an answer with Return false or without Return is kept as not returned', async () => {
    ec2Mock.on(RevokeSecurityGroupIngressCommand).resolvesOnce({ Return: false }).resolvesOnce({});
    for (let i = 0; i < 2; i += 1) {
      const outcome = await adapter.revert(GROUP, diffOf('', '22'));
      expect(outcome.status === 'reverted' && outcome.revoke).toEqual({ requestedIds: ['sgr-r0'], returned: false, rules: [] });
    }
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
    expect(outcome.status === 'failed' && outcome.revoke?.requestedIds).toEqual(['sgr-r0']);
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
    expect(outcome).toEqual({ status: 'reverted', added: [diffOf('80', '').toAuthorize[1]] });
  });

  it('duplicate on a single rule: success, one call', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('InvalidPermission.Duplicate'));
    const diff: RuleDiff = { toAuthorize: parseAllowedIngress('80', ['0.0.0.0/0']), toRevoke: [] };
    await expect(adapter.revert(GROUP, diff)).resolves.toEqual({ status: 'reverted', added: [] });
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress']);
  });

  it.each(['InvalidSecurityGroupRuleId.NotFound', 'InvalidPermission.NotFound'])(
    '%s: EC2 refused the whole call, so nothing was revoked; one call, and a new read decides',
    async (code) => {
      ec2Mock.on(RevokeSecurityGroupIngressCommand).rejects(awsError(code));
      const outcome = await adapter.revert(GROUP, diffOf('', '22,3389'));
      expect(sent()).toEqual(['RevokeSecurityGroupIngress']);
      expect(outcome).toEqual({ status: 'reverted', added: [], revoke: { requestedIds: ['sgr-r0', 'sgr-r1'], returned: false, rules: [] } });
    },
  );

  it('InvalidGroup.NotFound and a read finds the group gone: group-not-found', async () => {
    const gone = awsError('InvalidGroup.NotFound', `The security group '${GROUP}' does not exist`);
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(gone);
    ec2Mock.on(DescribeSecurityGroupsCommand).rejects(gone);
    await expect(adapter.revert(GROUP, diffOf('80', '22'))).resolves.toEqual({ status: 'group-not-found' });
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress', 'DescribeSecurityGroups']);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input).toEqual({ Filters: [{ Name: 'group-id', Values: [GROUP] }] });
  });

  it.each([
    ['naming the referenced group', "The security group 'sg-01234567' does not exist"],
    // The message is not trusted to tell which group: only the read does.
    ['whatever the message says', `The security group 'sg-01234567' referenced by '${GROUP}' does not exist`],
  ])('InvalidGroup.NotFound while the group exists (a referenced group is gone), %s: failed with the reason', async (_name, message) => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('InvalidGroup.NotFound', message));
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: GROUP, IpPermissions: [] }] });
    const diff: RuleDiff = { toAuthorize: parseAllowedIngress('all@sg-01234567', []), toRevoke: [] };
    await expect(adapter.revert(GROUP, diff)).resolves.toEqual({ status: 'failed', reason: `InvalidGroup.NotFound: ${message}`, added: [] });
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
      revoke: { requestedIds: ['sgr-r0'], returned: true, rules: [] },
    });
  });

  it('access denied on authorize: nothing is revoked, so allowed traffic is never cut', async () => {
    ec2Mock.on(AuthorizeSecurityGroupIngressCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const outcome = await adapter.revert(GROUP, diffOf('80', '22'));
    expect(sent()).toEqual(['AuthorizeSecurityGroupIngress']);
    expect(outcome).toEqual({ status: 'failed', reason: 'UnauthorizedOperation: You are not authorized to perform this operation.', added: [] });
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
    expect(outcome).toEqual({ status: 'failed', reason: 'UnauthorizedOperation: You are not authorized to perform this operation.', added: diffOf('80', '').toAuthorize });
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
    expect(outcome).toEqual({ status: 'reverted', added: [v4, v6], revoke: { requestedIds: ['sgr-r0'], returned: true, rules: [] } });
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
