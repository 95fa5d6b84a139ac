import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { formatRule } from '../../../src/ingress-rule';
import { parseAllowedIngress } from '../../../src/rule-parameters';
import type { AwsErrorKind } from '../../../handler/aws-shapes';
import { classifyAwsError, ipPermissionFor, liveRuleFromSecurityGroupRule, liveRulesFromIpPermissions, tagsOf } from '../../../handler/aws-shapes';
import { normalizeLiveRule } from '../../../handler/core/live-rule';

const GROUP = 'sg-0123456789abcdef0';
const awsError = (name: string, message = 'x', fault: 'client' | 'server' = 'client'): EC2ServiceException =>
  new EC2ServiceException({ name, message, $fault: fault, $metadata: { httpStatusCode: fault === 'client' ? 400 : 503 } });

describe('liveRulesFromIpPermissions', () => {
  it('flattens every source of a permission into its own rule', () => {
    const rules = liveRulesFromIpPermissions([
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'web' }, { CidrIp: '10.0.0.0/8' }],
        Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        PrefixListIds: [{ PrefixListId: 'pl-0123abcd' }],
        UserIdGroupPairs: [{ GroupId: GROUP, UserId: '123456789012' }],
      },
      { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: GROUP }] },
    ]);
    expect(rules.map(normalizeLiveRule).map(formatRule)).toEqual([
      'tcp:443@0.0.0.0/0',
      'tcp:443@10.0.0.0/8',
      'tcp:443@::/0',
      'tcp:443@pl-0123abcd',
      `tcp:443@123456789012/${GROUP}`,
      `all@${GROUP}`,
    ]);
  });
});

describe('liveRuleFromSecurityGroupRule', () => {
  it('keeps the rule id and the one source', () => {
    expect(
      liveRuleFromSecurityGroupRule({
        SecurityGroupRuleId: 'sgr-1',
        GroupId: GROUP,
        IsEgress: false,
        IpProtocol: '-1',
        FromPort: -1,
        ToPort: -1,
        ReferencedGroupInfo: { GroupId: GROUP, UserId: '123456789012' },
        Description: 'self',
      }),
    ).toEqual({ ruleId: 'sgr-1', protocol: '-1', fromPort: -1, toPort: -1, referencedGroup: { groupId: GROUP, userId: '123456789012' }, description: 'self' });
  });
});

describe('ipPermissionFor', () => {
  const one = (entry: string): unknown => ipPermissionFor(parseAllowedIngress(entry, [])[0]!);
  const Description = 'added by sg-guardrail';
  it.each<[string, unknown]>([
    ['tcp:443@0.0.0.0/0', { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0', Description }] }],
    ['udp:8000-8100@::/0', { IpProtocol: 'udp', FromPort: 8000, ToPort: 8100, Ipv6Ranges: [{ CidrIpv6: '::/0', Description }] }],
    ['icmp:3/4@10.0.0.0/8', { IpProtocol: 'icmp', FromPort: 3, ToPort: 4, IpRanges: [{ CidrIp: '10.0.0.0/8', Description }] }],
    ['icmp:*@10.0.0.0/8', { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8', Description }] }],
    ['all@sg-01234567', { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-01234567', Description }] }],
    ['tcp:22@123456789012/sg-01234567', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-01234567', UserId: '123456789012', Description }] }],
    ['tcp:443@pl-0123abcd', { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: 'pl-0123abcd', Description }] }],
    ['50:*@10.0.0.0/8', { IpProtocol: '50', IpRanges: [{ CidrIp: '10.0.0.0/8', Description }] }],
  ])('%s', (entry, expected) => {
    expect(one(entry)).toEqual(expected);
  });
});

describe('tagsOf', () => {
  it('maps tags, an absent value being empty', () => {
    expect(tagsOf({ Tags: [{ Key: 'a', Value: '1' }, { Key: 'b' }, { Value: 'no key' }] })).toEqual(new Map([['a', '1'], ['b', '']]));
  });
});

describe('classifyAwsError', () => {
  it.each<[string, unknown, AwsErrorKind]>([
    ['duplicate', awsError('InvalidPermission.Duplicate'), 'duplicate'],
    ['rule not found by properties', awsError('InvalidPermission.NotFound'), 'rule-not-found'],
    ['rule id not found', awsError('InvalidSecurityGroupRuleId.NotFound'), 'rule-not-found'],
    ['limit', awsError('RulesPerSecurityGroupLimitExceeded'), 'limit'],
    ['this group gone', awsError('InvalidGroup.NotFound', `The security group '${GROUP}' does not exist`), 'group-not-found'],
    ['a referenced group gone', awsError('InvalidGroup.NotFound', "The security group 'sg-99999999' does not exist"), 'permanent'],
    ['access denied', awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'), 'permanent'],
    ['malformed', awsError('InvalidPermission.Malformed'), 'permanent'],
    ['throttled after retries', awsError('RequestLimitExceeded', 'Request limit exceeded.'), 'transient'],
    ['server fault', awsError('InternalError', 'x', 'server'), 'transient'],
    ['network error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'transient'],
    ['not an error', 'boom', 'transient'],
  ])('%s', (_name, error, kind) => {
    expect(classifyAwsError(error, GROUP)).toBe(kind);
  });
});
