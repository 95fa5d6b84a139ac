import { formatRule, ruleKey } from '../../../../src/ingress-rule';
import { parseAllowedIngress } from '../../../../src/rule-parameters';
import type { LiveRule } from '../../../../handler/core/live-rule';
import { groupLiveRules, normalizeLiveRule } from '../../../../handler/core/live-rule';

describe('normalizeLiveRule', () => {
  it.each<[string, LiveRule, string]>([
    ['tcp port', { protocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' }, 'tcp:443@0.0.0.0/0'],
    ['tcp by number', { protocol: '6', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' }, 'tcp:443@0.0.0.0/0'],
    ['udp by number', { protocol: '17', fromPort: 53, toPort: 53, cidrIpv4: '10.0.0.0/8' }, 'udp:53@10.0.0.0/8'],
    ['port range', { protocol: 'tcp', fromPort: 8000, toPort: 8100, cidrIpv4: '10.0.0.0/8' }, 'tcp:8000-8100@10.0.0.0/8'],
    ['every tcp port', { protocol: 'tcp', fromPort: 0, toPort: 65535, cidrIpv4: '10.0.0.0/8' }, 'tcp:*@10.0.0.0/8'],
    ['tcp without ports', { protocol: 'tcp', cidrIpv4: '10.0.0.0/8' }, 'tcp:*@10.0.0.0/8'],
    ['all traffic', { protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' }, 'all@0.0.0.0/0'],
    ['all traffic without ports (CI shape)', { protocol: '-1', cidrIpv6: '::/0' }, 'all@::/0'],
    ['icmp every type', { protocol: 'icmp', fromPort: -1, toPort: -1, cidrIpv4: '10.0.0.0/8' }, 'icmp:*@10.0.0.0/8'],
    ['icmp by number', { protocol: '1', fromPort: 8, toPort: -1, cidrIpv4: '10.0.0.0/8' }, 'icmp:8@10.0.0.0/8'],
    ['icmp type/code', { protocol: 'icmp', fromPort: 3, toPort: 4, cidrIpv4: '10.0.0.0/8' }, 'icmp:3/4@10.0.0.0/8'],
    ['icmpv6 by number', { protocol: '58', fromPort: -1, toPort: -1, cidrIpv6: '::/0' }, 'icmpv6:*@::/0'],
    ['IPv6 canonicalized', { protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv6: '2001:DB8:0:0::/32' }, 'tcp:80@2001:db8::/32'],
    ['IPv4 canonicalized', { protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '10.1.2.3/8' }, 'tcp:80@10.0.0.0/8'],
    ['security group', { protocol: '-1', referencedGroup: { groupId: 'sg-0123456789abcdef0', userId: '123456789012' } }, 'all@123456789012/sg-0123456789abcdef0'],
    ['prefix list', { protocol: 'tcp', fromPort: 443, toPort: 443, prefixListId: 'pl-0123abcd' }, 'tcp:443@pl-0123abcd'],
    ['other protocol number', { protocol: '50', fromPort: -1, toPort: -1, cidrIpv4: '10.0.0.0/8' }, '50:*@10.0.0.0/8'],
    ['description ignored', { protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8', description: 'ssh' }, 'tcp:22@10.0.0.0/8'],
  ])('%s', (_name, live, expected) => {
    expect(formatRule(normalizeLiveRule(live))).toBe(expected);
  });

  it.each<[string, LiveRule, string, readonly string[]]>([
    ['tcp 443 by number', { protocol: '6', fromPort: 443, toPort: 443, cidrIpv4: '0.0.0.0/0' }, '443', ['0.0.0.0/0']],
    ['all traffic', { protocol: '-1', cidrIpv4: '10.0.0.0/8' }, 'all', ['10.0.0.0/8']],
    ['icmp echo', { protocol: '1', fromPort: 8, toPort: -1, cidrIpv4: '10.0.0.0/8' }, 'icmp:8', ['10.0.0.0/8']],
    ['same group from another owner', { protocol: 'tcp', fromPort: 22, toPort: 22, referencedGroup: { groupId: 'sg-01234567', userId: '111111111111' } }, '22@sg-01234567', []],
  ])('%s has the key of the grammar entry', (_name, live, entry, cidrs) => {
    const [allowed] = parseAllowedIngress(entry, cidrs);
    expect(allowed).toBeDefined();
    expect(ruleKey(normalizeLiveRule(live))).toBe(ruleKey(allowed!));
  });

  it('rejects a rule without any source', () => {
    expect(() => normalizeLiveRule({ ruleId: 'sgr-1', protocol: 'tcp', fromPort: 1, toPort: 1 })).toThrow('sgr-1: EC2 returned a rule with no source');
  });
});

describe('groupLiveRules', () => {
  it('keeps every id of rules with one key, sorted, and sorts keys', () => {
    const grouped = groupLiveRules([
      { ruleId: 'sgr-b', protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0', description: 'one' },
      { ruleId: 'sgr-c', protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' },
      { ruleId: 'sgr-a', protocol: '6', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0', description: 'two' },
    ]);
    expect([...grouped.values()].map((e) => [formatRule(e.rule), e.ruleIds])).toEqual([
      ['tcp:22@0.0.0.0/0', ['sgr-c']],
      ['tcp:80@0.0.0.0/0', ['sgr-a', 'sgr-b']],
    ]);
  });

  it('counts a rule id seen twice (a repeated page entry) once, so an allowed rule never looks held twice', () => {
    const rule: LiveRule = { ruleId: 'sgr-a', protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' };
    const grouped = groupLiveRules([rule, { ...rule }, { ...rule, description: 'changed' }]);
    expect([...grouped.values()].map((e) => e.ruleIds)).toEqual([['sgr-a']]);
  });

  it('accepts rules without ids (read from IpPermissions)', () => {
    const grouped = groupLiveRules([{ protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' }]);
    expect([...grouped.values()].map((e) => e.ruleIds)).toEqual([[]]);
  });
});
