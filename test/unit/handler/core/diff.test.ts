import fc from 'fast-check';
import type { IngressRule } from '../../../../src/ingress-rule';
import { formatRule, ruleKey } from '../../../../src/ingress-rule';
import type { Matching } from '../../../../src/function-settings';
import { parseAllowedIngress } from '../../../../src/rule-parameters';
import { diffRules, isInSync, ruleIdsToRevoke } from '../../../../handler/core/diff';
import type { LiveRule } from '../../../../handler/core/live-rule';
import { ANY_CIDR, liveRules, toLive } from '../live-rule-fixtures';
import { groupLiveRules } from '../../../../handler/core/live-rule';

const ANY = ANY_CIDR;
const live = liveRules;

function diffText(allowed: string, actual: LiveRule[], cidrs: readonly string[] = ANY, matching: Matching = 'exact'): { add: string[]; revoke: string[]; ids: string[] } {
  const diff = diffRules(parseAllowedIngress(allowed, cidrs), groupLiveRules(actual), matching);
  return { add: diff.toAuthorize.map(formatRule), revoke: diff.toRevoke.map((e) => formatRule(e.rule)), ids: ruleIdsToRevoke(diff) };
}

describe('diffRules', () => {
  it.each<[string, string, LiveRule[], { add: string[]; revoke: string[] }]>([
    ['in sync', '80,443', live('80,443'), { add: [], revoke: [] }],
    ['IPv6 missing', '443', live('443', ['0.0.0.0/0']), { add: ['tcp:443@::/0'], revoke: [] }],
    ['port range is one rule, not its ports', 'tcp:8000-8100@10.0.0.0/8', live('tcp:8000@10.0.0.0/8'), { add: ['tcp:8000-8100@10.0.0.0/8'], revoke: ['tcp:8000@10.0.0.0/8'] }],
    ['all-traffic rule is extra', '443', [...live('443'), { ruleId: 'sgr-x', protocol: '-1', cidrIpv4: '0.0.0.0/0' }], { add: [], revoke: ['all@0.0.0.0/0'] }],
    ['icmp type vs type/code', 'icmp:3@10.0.0.0/8', live('icmp:3/4@10.0.0.0/8'), { add: ['icmp:3@10.0.0.0/8'], revoke: ['icmp:3/4@10.0.0.0/8'] }],
    ['icmp numbers match names', 'icmp:8@10.0.0.0/8', [{ ruleId: 'sgr-1', protocol: '1', fromPort: 8, toPort: -1, cidrIpv4: '10.0.0.0/8' }], { add: [], revoke: [] }],
    ['security group source', 'all@sg-0123456789abcdef0', [{ ruleId: 'sgr-1', protocol: '-1', referencedGroup: { groupId: 'sg-0123456789abcdef0', userId: '123456789012' } }], { add: [], revoke: [] }],
    ['other security group is extra', '22@sg-01234567', [{ ruleId: 'sgr-1', protocol: 'tcp', fromPort: 22, toPort: 22, referencedGroup: { groupId: 'sg-89abcdef' } }], { add: ['tcp:22@sg-01234567'], revoke: ['tcp:22@sg-89abcdef'] }],
    ['prefix list source', '443@pl-0123abcd', live('443@pl-0123abcd,443@pl-89abcdef'), { add: [], revoke: ['tcp:443@pl-89abcdef'] }],
    ['descriptions do not matter', '22@10.0.0.0/8', [{ ruleId: 'sgr-1', protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '10.0.0.0/8', description: 'bastion' }], { add: [], revoke: [] }],
    ['protocol numbers', 'udp:53@10.0.0.0/8', [{ ruleId: 'sgr-1', protocol: '17', fromPort: 53, toPort: 53, cidrIpv4: '10.0.0.0/8' }], { add: [], revoke: [] }],
    ['duplicate allowed entries count once', '443,443,tcp:443', [], { add: ['tcp:443@0.0.0.0/0', 'tcp:443@::/0'], revoke: [] }],
    ['empty allowed set revokes everything', 'none', live('22,all@sg-01234567'), { add: [], revoke: ['all@sg-01234567', 'tcp:22@0.0.0.0/0', 'tcp:22@::/0'] }],
    ['empty group, empty allowed set', 'none', [], { add: [], revoke: [] }],
    [
      'the lab case',
      '80,443',
      [
        { ruleId: 'sgr-self', protocol: '-1', referencedGroup: { groupId: 'sg-0aaaaaaaaaaaaaaaa', userId: '123456789012' } },
        ...live('80,443,465,993', ['0.0.0.0/0']),
      ],
      { add: ['tcp:443@::/0', 'tcp:80@::/0'], revoke: ['all@123456789012/sg-0aaaaaaaaaaaaaaaa', 'tcp:465@0.0.0.0/0', 'tcp:993@0.0.0.0/0'] },
    ],
  ])('%s', (_name, allowed, actual, expected) => {
    const { add, revoke } = diffText(allowed, actual);
    expect({ add, revoke }).toEqual(expected);
  });

  it('revokes by the ids of the extra rules', () => {
    const actual: LiveRule[] = [
      { ruleId: 'sgr-2', protocol: 'tcp', fromPort: 22, toPort: 22, cidrIpv4: '0.0.0.0/0' },
      { ruleId: 'sgr-1', protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' },
      { ruleId: 'sgr-3', protocol: 'tcp', fromPort: 3389, toPort: 3389, cidrIpv6: '::/0' },
    ];
    expect(diffText('80', actual, ['0.0.0.0/0']).ids).toEqual(['sgr-2', 'sgr-3']);
  });

  it('keeps one id of an allowed rule held twice and revokes the other', () => {
    const actual: LiveRule[] = [
      { ruleId: 'sgr-b', protocol: 'tcp', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' },
      { ruleId: 'sgr-a', protocol: '6', fromPort: 80, toPort: 80, cidrIpv4: '0.0.0.0/0' },
    ];
    const result = diffText('80', actual, ['0.0.0.0/0']);
    expect(result).toEqual({ add: [], revoke: ['tcp:80@0.0.0.0/0'], ids: ['sgr-b'] });
  });

  it.each<[string, string, LiveRule[], { add: string[]; revoke: string[] }]>([
    ['nothing is ever added', '80,443', live('80', ['0.0.0.0/0']), { add: [], revoke: [] }],
    ['an empty group is within any ceiling', '80,443', [], { add: [], revoke: [] }],
    ['everything outside the set is revoked', '80,443', live('80,22', ['0.0.0.0/0']), { add: [], revoke: ['tcp:22@0.0.0.0/0'] }],
    ['a narrower rule is not inside a wider allowed one: rules compare exactly', 'tcp:8000-8100@10.0.0.0/8', live('tcp:8000@10.0.0.0/8'), { add: [], revoke: ['tcp:8000@10.0.0.0/8'] }],
    ['the lab group under a ceiling', '80,443', [{ ruleId: 'sgr-self', protocol: '-1', referencedGroup: { groupId: 'sg-0aaaaaaaaaaaaaaaa' } }, ...live('80,465', ['0.0.0.0/0'])], { add: [], revoke: ['all@sg-0aaaaaaaaaaaaaaaa', 'tcp:465@0.0.0.0/0'] }],
  ])('ceiling: %s', (_name, allowed, actual, expected) => {
    const { add, revoke } = diffText(allowed, actual, ANY, 'ceiling');
    expect({ add, revoke }).toEqual(expected);
  });

  it('isInSync is false while anything is to add or revoke', () => {
    expect(isInSync(diffRules(parseAllowedIngress('80', ANY), groupLiveRules(live('80')), 'exact'))).toBe(true);
    expect(isInSync(diffRules(parseAllowedIngress('80', ANY), groupLiveRules(live('80', ['0.0.0.0/0'])), 'exact'))).toBe(false);
    expect(isInSync(diffRules([], groupLiveRules(live('80')), 'exact'))).toBe(false);
  });
});

describe('diffRules property', () => {
  const source = fc.constantFrom<IngressRule['source']>(
    { kind: 'ipv4', cidr: '0.0.0.0/0' },
    { kind: 'ipv4', cidr: '10.0.0.0/8' },
    { kind: 'ipv6', cidr: '::/0' },
    { kind: 'ipv6', cidr: '2001:db8::/32' },
    { kind: 'security-group', groupId: 'sg-01234567' },
    { kind: 'security-group', groupId: 'sg-01234567', userId: '123456789012' },
    { kind: 'prefix-list', prefixListId: 'pl-0123abcd' },
  );
  const protocolAndPorts = fc.oneof(
    fc.record({ protocol: fc.constantFrom('tcp', 'udp'), fromPort: fc.integer({ min: 0, max: 3 }), span: fc.integer({ min: 0, max: 2 }) }).map(({ protocol, fromPort, span }) => ({ protocol, fromPort, toPort: fromPort + span })),
    fc.constant({ protocol: '-1', fromPort: -1, toPort: -1 }),
    fc.record({ fromPort: fc.constantFrom(-1, 3, 8), toPort: fc.constantFrom(-1, 4) }).map(({ fromPort, toPort }) => ({ protocol: 'icmp', fromPort, toPort: fromPort === -1 ? -1 : toPort })),
  );
  const rule: fc.Arbitrary<IngressRule> = fc.record({ pp: protocolAndPorts, source }).map(({ pp, source: s }) => ({ ...pp, source: s }));

  it('applying the diff to actual yields exactly allowed, and a second diff is empty', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 12 }), fc.array(rule, { maxLength: 12 }), (allowed, actualRules) => {
        // Actual may hold one key several times (ids differ), which the diff must resolve too.
        const actual = actualRules.map((r, i) => toLive(r, `sgr-${String(i).padStart(3, '0')}`));
        const diff = diffRules(allowed, groupLiveRules(actual), 'exact');
        const revoked = new Set(ruleIdsToRevoke(diff));
        const after = [
          ...actual.filter((r) => !revoked.has(r.ruleId ?? '')),
          ...diff.toAuthorize.map((r, i) => toLive(r, `sgr-new-${i}`)),
        ];
        const afterKeys = groupLiveRules(after);
        expect([...afterKeys.keys()].sort()).toEqual([...new Set(allowed.map(ruleKey))].sort());
        expect(after).toHaveLength(afterKeys.size);
        expect(isInSync(diffRules(allowed, afterKeys, 'exact'))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
