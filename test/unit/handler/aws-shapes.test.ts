import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { formatRule } from '../../../src/ingress-rule';
import { parseAllowedIngress } from '../../../src/rule-parameters';
import type { AwsErrorKind } from '../../../handler/aws-shapes';
import { awsCallError, classifyAwsError, ipPermissionFor, liveRuleFromSecurityGroupRule, liveRulesFromIpPermissions, tagsOf } from '../../../handler/aws-shapes';
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
    // Which group is gone is for a read to tell, not the message (see the adapter's revert).
    ['this group gone', awsError('InvalidGroup.NotFound', `The security group '${GROUP}' does not exist`), 'group-not-found'],
    ['a referenced group gone', awsError('InvalidGroup.NotFound', "The security group 'sg-99999999' does not exist"), 'group-not-found'],
    ['malformed group id', awsError('InvalidGroupId.Malformed', 'Invalid id: "sg-x"'), 'permanent'],
    ['access denied', awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'), 'permanent'],
    ['malformed permission', awsError('InvalidPermission.Malformed'), 'permanent'],
    ['missing prefix list', awsError('InvalidPrefixListId.NotFound', "The prefix list 'pl-0123abcd' does not exist"), 'source-not-found'],
    ['missing prefix list, spelled with ID', awsError('InvalidPrefixListID.NotFound', "The prefix list ID 'pl-0123abcd' does not exist"), 'source-not-found'],
    ['an invalid parameter, maybe of the whole call', awsError('InvalidParameterValue', 'The same permission must not appear multiple times'), 'permanent'],
    ['throttled after retries', awsError('RequestLimitExceeded', 'Request limit exceeded.'), 'transient'],
    ['throttled, as the SDK marks it', Object.assign(awsError('SomeNewThrottle'), { $retryable: { throttling: true } }), 'transient'],
    ['expired result token', awsError('InvalidResultTokenException', 'The resultToken is invalid.'), 'permanent'],
    ['server fault', awsError('InternalError', 'x', 'server'), 'transient'],
    ['network error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'transient'],
    ['not an error', 'boom', 'transient'],
  ])('%s', (_name, error, kind) => {
    expect(classifyAwsError(error)).toBe(kind);
  });
});

describe('awsCallError', () => {
  it.each<[string, unknown, string]>([
    ['transient: nothing to do', awsError('RequestLimitExceeded', 'Request limit exceeded.'), 'nothing: Lambda retries the invocation.'],
    ['access denied: the permission to grant', awsError('UnauthorizedOperation', 'denied'), "grant ec2:DescribeSecurityGroups to the function's role, or check the request."],
    ['an invalid result token: not a permission problem', awsError('InvalidResultTokenException', 'The resultToken is invalid.'), 'invoke the function through its AWS Config rule'],
  ])('%s', (_name, error, fix) => {
    const made = awsCallError('ec2:DescribeSecurityGroups', error);
    expect(made).toMatchObject({ name: 'AwsCallError', where: 'ec2:DescribeSecurityGroups', cause: error });
    expect(made.fix).toContain(fix);
  });

  it('names both write permissions for a failed revert', () => {
    expect(awsCallError('ec2:revert', awsError('UnauthorizedOperation')).fix).toContain('grant ec2:AuthorizeSecurityGroupIngress and ec2:RevokeSecurityGroupIngress');
  });
});
