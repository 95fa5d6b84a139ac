import { formatRule } from '../../../src/ingress-rule';
import { RuleParameterError } from '../../../src/errors';
import { parseAllowedIngress, parseRuleParameters } from '../../../src/rule-parameters';

const ANY = ['0.0.0.0/0', '::/0'];
const formatted = (text: string, cidrs: readonly string[] = ANY): string[] => parseAllowedIngress(text, cidrs).map(formatRule);

describe('parseAllowedIngress', () => {
  it.each([
    ['80,443', ANY, ['tcp:443@0.0.0.0/0', 'tcp:443@::/0', 'tcp:80@0.0.0.0/0', 'tcp:80@::/0']],
    ['tcp:443,udp:53@10.0.0.0/8', ['0.0.0.0/0'], ['tcp:443@0.0.0.0/0', 'udp:53@10.0.0.0/8']],
    ['8000-8100', ['10.0.0.0/8'], ['tcp:8000-8100@10.0.0.0/8']],
    ['tcp:*', ['10.0.0.0/8'], ['tcp:*@10.0.0.0/8']],
    ['0-65535', ['10.0.0.0/8'], ['tcp:*@10.0.0.0/8']],
    ['icmp:8,icmpv6:*', ANY, ['icmpv6:*@::/0', 'icmp:8@0.0.0.0/0']],
    ['icmp:3/4@10.0.0.0/8', ANY, ['icmp:3/4@10.0.0.0/8']],
    ['all@sg-0123456789abcdef0', ANY, ['all@sg-0123456789abcdef0']],
    ['all', ['10.0.0.0/8'], ['all@10.0.0.0/8']],
    ['tcp:22@123456789012/sg-01234567', ANY, ['tcp:22@123456789012/sg-01234567']],
    ['443@pl-0123abcd', ANY, ['tcp:443@pl-0123abcd']],
    ['TCP:443@2001:db8::/32', ANY, ['tcp:443@2001:db8::/32']],
    ['6:443@10.0.0.0/8, 17:53@10.0.0.0/8', ANY, ['tcp:443@10.0.0.0/8', 'udp:53@10.0.0.0/8']],
    ['50:*@10.0.0.0/8', ANY, ['50:*@10.0.0.0/8']],
    ['443,443,tcp:443', ['0.0.0.0/0'], ['tcp:443@0.0.0.0/0']],
    ['none', ANY, []],
    [' NONE ', ANY, []],
  ])('%p with %p', (text, cidrs, expected) => {
    expect(formatted(text, cidrs)).toEqual(expected);
  });

  it.each([
    ['80,,443', 'allowedIngress[1]', 'is empty'],
    ['', 'allowedIngress', 'write "none"'],
    ['  ', 'allowedIngress', 'is blank'],
    ['none,80', 'allowedIngress[0]', 'cannot be combined'],
    ['tcp:99999', 'allowedIngress[0]', 'not a port'],
    ['tcp:443-80', 'allowedIngress[0]', 'not a port'],
    ['sctp:1', 'allowedIngress[0]', 'unknown protocol'],
    ['all:80', 'allowedIngress[0]', 'has no ports'],
    ['icmp:300', 'allowedIngress[0]', 'ICMP type'],
    ['443@10.0.0.1/8', 'allowedIngress[0]', 'write 10.0.0.0/8'],
    ['443@host', 'allowedIngress[0]', 'not a source'],
    ['443@a@b', 'allowedIngress[0]', 'more than one'],
    ['icmp:8@::/0', 'allowedIngress[0]', 'does not apply'],
    ['80,icmpv6:*', 'allowedIngress[1]', 'no CIDR of its IP family'],
    ['icmp', 'allowedIngress[0]', 'protocol icmp needs PORTS. Fix: write icmp:* (every type) or e.g. icmp:8.'],
    ['80,UDP@10.0.0.0/8', 'allowedIngress[1]', 'protocol UDP needs PORTS. Fix: write udp:* (every port) or e.g. udp:443.'],
    ['443@', 'allowedIngress[0]', '"" is not a source'],
  ])('%p fails at %s', (text, where, message) => {
    const call = (): unknown => parseAllowedIngress(text, ['0.0.0.0/0']);
    expect(call).toThrow(RuleParameterError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect((error as RuleParameterError).where).toBe(where);
    }
  });

  it('formats every parsed rule back to itself', () => {
    for (const rule of parseAllowedIngress('80,tcp:1-2,udp:*,icmp:*,icmp:8,icmp:3/4,all@sg-01234567,50:*', ANY)) {
      expect(parseAllowedIngress(formatRule(rule), [])).toEqual([rule]);
    }
  });
});

describe('parseRuleParameters', () => {
  it('applies the built-in defaults', () => {
    const params = parseRuleParameters({ allowedIngress: '80,443' });
    expect(params.mode).toBe('enforce');
    expect(params.exemptTagKey).toBe('sg-guardrail:exempt');
    expect(params.allowedCidrs).toEqual(['0.0.0.0/0', '::/0']);
    expect(params.allowedIngress).toHaveLength(4);
  });

  it.each([
    [{}, 'allowedIngress', 'is missing'],
    [{ allowedIngress: 80 }, 'allowedIngress', 'must be a string'],
    [{ allowedIngress: '80', mode: 'enforced' }, 'mode', 'not a mode'],
    [{ allowedIngress: '80', exemptTagKey: 'aws:exempt' }, 'exemptTagKey', 'not a valid tag key'],
    [{ allowedIngress: '80', allowedCidrs: '0.0.0.0/0,10.0.0.1/8' }, 'allowedCidrs[1]', 'write 10.0.0.0/8'],
    [{ allowedIngress: '80', allowedcidrs: '0.0.0.0/0' }, 'allowedcidrs', 'unknown rule parameter'],
    [{ allowedIngress: '80', allowedCidrs: ' ' }, 'allowedCidrs', 'write "none"'],
    [{ allowedIngress: '80', allowedCidrs: 'none' }, 'allowedIngress[0]', 'no CIDR of its IP family'],
  ])('%p fails at %s', (raw, where, message) => {
    expect(() => parseRuleParameters(raw)).toThrow(expect.objectContaining({ where, message: expect.stringContaining(message) }));
  });
});
