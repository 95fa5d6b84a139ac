/**
 * The value tables and generators of the parameter-pattern tests, shared by the JavaScript check
 * (parameters.test.ts) and the Java one (parameters-java.test.ts).
 */
import fc from 'fast-check';
import { DEFAULT_RULE_PARAMETERS, parseAllowedCidrs, parseAllowedIngress } from '../../../src/rule-parameters';

/** A pattern matched the JavaScript way (`u` for \p{L}); java-regex.ts asks Java, CloudFormation's engine. */
export const matches = (pattern: string, value: string) => new RegExp(pattern, 'u').test(value);
export const accepts = (parse: () => unknown) => {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
};
export const DEFAULT_CIDRS = parseAllowedCidrs(DEFAULT_RULE_PARAMETERS.allowedCidrs);
export const ingressParses = (value: string) => accepts(() => parseAllowedIngress(value, DEFAULT_CIDRS));

export const INGRESS_CASES: readonly (readonly [string, boolean, boolean])[] = [
  ['80,443', true, true],
  // blank: AWS Config refuses a blank rule parameter, so both refuse it; `none` is the empty set
  ['', false, false],
  ['   ', false, false],
  ['none', true, true],
  [' None ', true, true],
  ['none,80', false, false],
  [' 80 , 443 ', true, true],
  ['tcp:443,udp:53@10.0.0.0/8', true, true],
  ['TCP:8000-8100', true, true],
  ['22@sg-0123456789abcdef0,icmp:*@10.0.0.0/8', true, true],
  ['443@111122223333/sg-0123abcd', true, true],
  ['443@pl-0123abcd', true, true],
  ['icmp:3/4', true, true],
  ['icmpv6:*@::/0', true, true],
  ['all', true, true],
  ['ALL@10.0.0.0/8', true, true],
  ['all:*', true, true],
  ['6:443', true, true],
  ['udp:*', true, true],
  ['\t80,\u00a0443', true, true],
  ['\u2028 443\ufeff', true, true],
  // looser than the parser: the handler reports these precisely
  ['tcp:70000', false, true],
  ['foo:1', false, true],
  ['443@10.0.0.1/8', false, true],
  // refused by both
  ['80,,443', false, false],
  ['80,', false, false],
  ['tcp: 443', false, false],
  ['"80"', false, false],
  ['80\\,443', false, false],
  ['80;443', false, false],
  ['443@a@b', false, false],
];

/** One allowedIngress entry, generated from the grammar (with padding the parser trims). */
export const entry = fc
  .tuple(
    fc.constantFrom('', 'tcp:', 'UDP:', 'icmp:', 'icmpv6:', 'all:', '6:', '17:', '255:'),
    fc.oneof(fc.constantFrom('*', '0-65535', '3/4', '8', 'all', 'ALL'), fc.nat(70000).map(String)),
    fc.constantFrom('', '@10.0.0.0/8', '@0.0.0.0/0', '@::/0', '@2001:db8::/32', '@sg-0123abcd', '@111122223333/sg-0123456789abcdef0', '@pl-12345678'),
    fc.constantFrom('', ' ', '\t', '\u00a0', '\n'),
  )
  .map(([proto, ports, source, pad]) => `${pad}${proto}${ports}${source}${pad}`);

export const CIDR_CASES: readonly (readonly [string, boolean, boolean])[] = [
  ['0.0.0.0/0,::/0', true, true],
  ['', false, false],
  ['none', true, true],
  [' 10.0.0.0/8 , 2001:db8::/32 ', true, true],
  ['192.168.0.0/16', true, true],
  ['10.0.0.1/8', false, true],
  ['2001:DB8::/32', false, true],
  ['10.0.0.0', false, false],
  ['10.0.0.0/8;', false, false],
  ['"10.0.0.0/8"', false, false],
];

export const EXEMPT_TAG_KEY_CASES: readonly (readonly [string, boolean])[] = [
  ['sg-guardrail:exempt', true],
  ['Exempt Until', true],
  ['équipe/réseau=+@_.-', true],
  ['aws:cloudformation:stack-name', false],
  ['', false],
  ['k'.repeat(128), true],
  ['k'.repeat(129), false],
  ['quote"', false],
  ['back\\slash', false],
];

export const BUCKET_NAME_CASES: readonly (readonly [string, boolean])[] = [
  ['', true],
  ['central-config-bucket', true],
  ['aws-controltower-logs-111122223333-eu-west-1', true],
  ['my.bucket.name', true],
  ['ab', false],
  ['a'.repeat(64), false],
  ['-bucket', false],
  ['bucket.', false],
  ['my..bucket', false],
  ['my.-bucket', false],
  ['my-.bucket', false],
  ['My-Bucket', false],
];

export const KEY_PREFIX_CASES: readonly (readonly [string, boolean])[] = [
  ['', true],
  ['o-a1b2c3d4e5', true],
  ['config/prod', true],
  ["a!_.*'()-b", true],
  ['/config', false],
  ['config/', false],
  ['config//prod', false],
  ['config prod', false],
];

/** ConfigRuleName: empty (generated) or the rollout's `<prefix>-<profile>`, up to Config's 128 characters. */
export const CONFIG_RULE_NAME_CASES: readonly (readonly [string, boolean])[] = [
  ['', true],
  ['sg-guardrail-web', true],
  ['Acme_SG-rule-2', true],
  [`a${'b'.repeat(127)}`, true],
  [`a${'b'.repeat(128)}`, false],
  ['-web', false],
  ['web rule', false],
  ['web/rule', false],
];
