/** The fake's own semantics, so the end-to-end tests stand on something checked. */
import type { RevokeSecurityGroupIngressCommandOutput } from '@aws-sdk/client-ec2';
import { Ec2Fake, FAKE_ACCOUNT_ID } from './ec2-fake';

const tcp = (port: number, cidr = '0.0.0.0/0'): { IpProtocol: string; FromPort: number; ToPort: number; IpRanges: { CidrIp: string }[] } => ({
  IpProtocol: 'tcp',
  FromPort: port,
  ToPort: port,
  IpRanges: [{ CidrIp: cidr }],
});

describe('Ec2Fake', () => {
  it('creates groups with a default egress rule and rule ids', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup({ ingress: ['all@self', '80@0.0.0.0/0'] });
    expect(fake.ingressOf(group)).toEqual([`all@${FAKE_ACCOUNT_ID}/${group}`, 'tcp:80@0.0.0.0/0']);
    expect(fake.egressOf(group)).toEqual(['all@0.0.0.0/0']);
    const rules = fake.describeSecurityGroupRules({ Filters: [{ Name: 'group-id', Values: [group] }] }).SecurityGroupRules ?? [];
    expect(rules.map((r) => r.SecurityGroupRuleId)).toEqual([expect.stringMatching(/^sgr-[0-9a-f]{17}$/), expect.any(String), expect.any(String)]);
    expect(rules.map((r) => r.IsEgress)).toEqual([true, false, false]);
  });

  it('holds a rule seeded twice once, as EC2 can never hold two identical rules', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup({ ingress: ['icmpv6:*@2001:db8::/32', 'icmpv6:*@2001:db8::/32', '80@0.0.0.0/0', 'tcp:80@0.0.0.0/0'] });
    expect(fake.ingressOf(group)).toEqual(['icmpv6:*@2001:db8::/32', 'tcp:80@0.0.0.0/0']);
  });

  it('groups IpPermissions by protocol and ports, with no ports for -1', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup({ ingress: ['80@0.0.0.0/0', '80@::/0', 'all@self'] });
    const [sg] = fake.describeSecurityGroups({ GroupIds: [group] }).SecurityGroups ?? [];
    expect(sg?.IpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [], UserIdGroupPairs: [] },
      { IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: group, UserId: FAKE_ACCOUNT_ID }] },
    ]);
  });

  it('a duplicate anywhere in an authorize fails the whole call; CIDRs compare canonically', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup({ ingress: ['80@10.0.0.0/8'] });
    expect(() => fake.authorizeSecurityGroupIngress({ GroupId: group, IpPermissions: [tcp(443), tcp(80, '10.1.2.3/8')] })).toThrow(
      expect.objectContaining({ name: 'InvalidPermission.Duplicate' }),
    );
    expect(fake.ingressOf(group)).toEqual(['tcp:80@10.0.0.0/8']);
  });

  it('the limit counts IPv4 and IPv6 separately, and SG references in both', () => {
    const fake = new Ec2Fake({ rulesPerGroup: 2 });
    const group = fake.addGroup({ ingress: ['1@0.0.0.0/0', '2@0.0.0.0/0'] });
    fake.authorizeSecurityGroupIngress({ GroupId: group, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 3, ToPort: 3, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }] });
    expect(() => fake.authorizeSecurityGroupIngress({ GroupId: group, IpPermissions: [tcp(3)] })).toThrow(expect.objectContaining({ name: 'RulesPerSecurityGroupLimitExceeded' }));
    expect(() => fake.authorizeSecurityGroupIngress({ GroupId: group, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: group }] }] })).toThrow(
      expect.objectContaining({ name: 'RulesPerSecurityGroupLimitExceeded' }),
    );
  });

  it('revoke by ids: one unknown id fails the whole call', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup({ ingress: ['80@0.0.0.0/0'] });
    const id = fake.describeSecurityGroupRules({ Filters: [{ Name: 'group-id', Values: [group] }] }).SecurityGroupRules?.find((r) => r.IsEgress === false)?.SecurityGroupRuleId ?? '';
    expect(() => fake.revokeSecurityGroupIngress({ GroupId: group, SecurityGroupRuleIds: [id, 'sgr-00000000000000bad'] })).toThrow(
      expect.objectContaining({ name: 'InvalidSecurityGroupRuleId.NotFound' }),
    );
    expect(fake.ingressOf(group)).toEqual(['tcp:80@0.0.0.0/0']);
    fake.revokeSecurityGroupIngress({ GroupId: group, SecurityGroupRuleIds: [id] });
    expect(fake.ingressOf(group)).toEqual([]);
  });

  it('revoke by properties: a mismatch fails the whole call (non-default VPC)', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup({ ingress: ['80@0.0.0.0/0'] });
    expect(() => fake.revokeSecurityGroupIngress({ GroupId: group, IpPermissions: [tcp(80), tcp(81)] })).toThrow(expect.objectContaining({ name: 'InvalidPermission.NotFound' }));
    expect(fake.ingressOf(group)).toEqual(['tcp:80@0.0.0.0/0']);
  });

  it('unknown groups: InvalidGroup.NotFound naming the group, also for a referenced group', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup();
    expect(() => fake.describeSecurityGroups({ GroupIds: ['sg-0000000000000dead'] })).toThrow("The security group 'sg-0000000000000dead' does not exist");
    expect(() => fake.authorizeSecurityGroupIngress({ GroupId: group, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0000000000000beef' }] }] })).toThrow(
      expect.objectContaining({ name: 'InvalidGroup.NotFound', message: expect.stringContaining('sg-0000000000000beef') }),
    );
  });

  it('a deleted prefix list: InvalidPrefixListID.NotFound, and the whole call fails', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup();
    fake.deletePrefixList('pl-0000dead');
    expect(() => fake.authorizeSecurityGroupIngress({ GroupId: group, IpPermissions: [tcp(80), { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: 'pl-0000dead' }] }] })).toThrow(
      expect.objectContaining({ name: 'InvalidPrefixListID.NotFound' }),
    );
    expect(fake.ingressOf(group)).toEqual([]);
  });

  it('paginates with NextToken and validates MaxResults', () => {
    const fake = new Ec2Fake();
    for (let i = 0; i < 12; i += 1) fake.addGroup();
    const first = fake.describeSecurityGroups({ MaxResults: 5 });
    const second = fake.describeSecurityGroups({ MaxResults: 5, NextToken: first.NextToken });
    const third = fake.describeSecurityGroups({ MaxResults: 5, NextToken: second.NextToken });
    expect([first, second, third].map((p) => p.SecurityGroups?.length)).toEqual([5, 5, 2]);
    expect(third.NextToken).toBeUndefined();
    expect(() => fake.describeSecurityGroups({ MaxResults: 2000 })).toThrow(expect.objectContaining({ name: 'InvalidParameterValue' }));
    expect(() => fake.describeSecurityGroups({ MaxResults: 5, GroupIds: ['sg-1'] })).toThrow(expect.objectContaining({ name: 'InvalidParameterCombination' }));
  });

  it('ModifySecurityGroupRules changes a rule in place and keeps its id; a change into an existing rule is a duplicate', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup({ ingress: ['22@0.0.0.0/0', '80@0.0.0.0/0'] });
    const id = fake.ruleIdOf(group, '22@0.0.0.0/0');
    fake.modifySecurityGroupRules({ GroupId: group, SecurityGroupRules: [{ SecurityGroupRuleId: id, SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv6: '::/0' } }] });
    expect(fake.ingressOf(group)).toEqual(['tcp:443@::/0', 'tcp:80@0.0.0.0/0']);
    expect(fake.ruleIdOf(group, '443@::/0')).toBe(id);
    expect(() => fake.modifyOutOfBand(group, '443@::/0', '80@0.0.0.0/0')).toThrow(expect.objectContaining({ name: 'InvalidPermission.Duplicate' }));
    expect(() => fake.modifySecurityGroupRules({ GroupId: group, SecurityGroupRules: [{ SecurityGroupRuleId: 'sgr-00000000000000bad', SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 1, ToPort: 1, CidrIpv4: '0.0.0.0/0' } }] })).toThrow(
      expect.objectContaining({ name: 'InvalidSecurityGroupRuleId.NotFound' }),
    );
  });

  it('revoke answers Return and each revoked rule as it was when revoked', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup({ ingress: ['22@0.0.0.0/0'] });
    const id = fake.modifyOutOfBand(group, '22@0.0.0.0/0', `all@${FAKE_ACCOUNT_ID}/${group}`);
    expect(fake.revokeSecurityGroupIngress({ GroupId: group, SecurityGroupRuleIds: [id] })).toEqual({
      $metadata: {},
      Return: true,
      RevokedSecurityGroupRules: [{ SecurityGroupRuleId: id, GroupId: group, IsEgress: false, IpProtocol: '-1', FromPort: -1, ToPort: -1, ReferencedGroupId: group }],
    });
  });

  it('DescribeSecurityGroups filters owner-id, group-id, tag:KEY and tag-key (all filters, any value, * and ? wildcards); another filter is not modelled', () => {
    const fake = new Ec2Fake();
    const web = fake.addGroup({ tags: { team: 'web' } });
    const db = fake.addGroup({ tags: { team: 'db', env: 'prod' } });
    const shared = fake.addGroup({ ownerId: '210987654321', tags: { team: 'web' } });
    const ids = (Filters: { Name: string; Values: string[] }[]): (string | undefined)[] => (fake.describeSecurityGroups({ Filters }).SecurityGroups ?? []).map((g) => g.GroupId);
    expect(ids([{ Name: 'owner-id', Values: [FAKE_ACCOUNT_ID] }])).toEqual([web, db]);
    expect(ids([{ Name: 'tag:team', Values: ['web'] }])).toEqual([web, shared]);
    expect(ids([{ Name: 'owner-id', Values: [FAKE_ACCOUNT_ID] }, { Name: 'tag:team', Values: ['web'] }])).toEqual([web]);
    expect(ids([{ Name: 'tag:team', Values: ['Web'] }])).toEqual([]);
    expect(ids([{ Name: 'tag:team', Values: ['d?', 'nope'] }])).toEqual([db]);
    expect(ids([{ Name: 'tag-key', Values: ['env'] }])).toEqual([db]);
    expect(ids([{ Name: 'group-id', Values: [db, 'sg-0000000000000dead'] }])).toEqual([db]);
    expect(fake.describeSecurityGroups({ Filters: [{ Name: 'group-id', Values: [shared] }] }).SecurityGroups?.[0]?.OwnerId).toBe('210987654321');
    expect(() => ids([{ Name: 'vpc-id', Values: ['vpc-1'] }])).toThrow('not modelled');
  });

  it("another account's group (shared VPC) can be read but not changed", () => {
    const fake = new Ec2Fake();
    const shared = fake.addGroup({ ownerId: '210987654321', ingress: ['22@0.0.0.0/0'] });
    expect(() => fake.authorizeSecurityGroupIngress({ GroupId: shared, IpPermissions: [tcp(443)] })).toThrow(expect.objectContaining({ name: 'UnauthorizedOperation' }));
    expect(() => fake.revokeSecurityGroupIngress({ GroupId: shared, SecurityGroupRuleIds: [fake.ruleIdOf(shared, '22@0.0.0.0/0')] })).toThrow(expect.objectContaining({ name: 'UnauthorizedOperation' }));
    expect(fake.ingressOf(shared)).toEqual(['tcp:22@0.0.0.0/0']);
  });

  it('throttles each action with its own token bucket: 50 revokes at once, then 5 a second', () => {
    let now = 0;
    const fake = new Ec2Fake({ now: () => now, rulesPerGroup: 1000 });
    const group = fake.addGroup({ ingress: Array.from({ length: 60 }, (_, i) => `${1000 + i}@0.0.0.0/0`) });
    const revoke = (port: number): unknown => fake.revokeSecurityGroupIngress({ GroupId: group, SecurityGroupRuleIds: [fake.ruleIdOf(group, `${port}@0.0.0.0/0`)] });
    for (let i = 0; i < 50; i += 1) revoke(1000 + i);
    expect(() => revoke(1050)).toThrow(expect.objectContaining({ name: 'RequestLimitExceeded' }));
    // Another action has a bucket of its own.
    expect(() => fake.authorizeSecurityGroupIngress({ GroupId: group, IpPermissions: [tcp(2000)] })).not.toThrow();
    now = 999;
    expect(() => revoke(1050)).toThrow(expect.objectContaining({ name: 'RequestLimitExceeded' }));
    now = 1000;
    for (let i = 0; i < 5; i += 1) revoke(1050 + i);
    expect(() => revoke(1055)).toThrow(expect.objectContaining({ name: 'RequestLimitExceeded' }));
    expect(fake.throttle.refused.get('RevokeSecurityGroupIngress')).toBe(3);
  });

  it('DescribeSecurityGroups without a filter or pagination draws on the smaller bucket (50, 10 a second)', () => {
    const fake = new Ec2Fake({ now: () => 0 });
    const group = fake.addGroup();
    for (let i = 0; i < 50; i += 1) fake.describeSecurityGroups({ GroupIds: [group] });
    expect(() => fake.describeSecurityGroups({ GroupIds: [group] })).toThrow(expect.objectContaining({ name: 'RequestLimitExceeded' }));
    expect(() => fake.describeSecurityGroups({ Filters: [{ Name: 'group-id', Values: [group] }] })).not.toThrow();
  });

  it('rewriteNextAnswer gives the next answer as an emulator would, after the call took effect', () => {
    const fake = new Ec2Fake();
    const group = fake.addGroup({ ingress: ['22@0.0.0.0/0'] });
    fake.rewriteNextAnswer<RevokeSecurityGroupIngressCommandOutput>('RevokeSecurityGroupIngress', (out) => ({ ...out, RevokedSecurityGroupRules: undefined }));
    expect(fake.revokeSecurityGroupIngress({ GroupId: group, SecurityGroupRuleIds: [fake.ruleIdOf(group, '22@0.0.0.0/0')] })).toEqual({ $metadata: {}, Return: true });
    expect(fake.ingressOf(group)).toEqual([]);
  });
});
