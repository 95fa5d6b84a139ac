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
