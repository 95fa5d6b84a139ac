/**
 * Template parameters against the one grammar (src/rule-parameters.ts): the AllowedPatterns may be
 * looser than the parser, but must never reject a value the parser accepts.
 */
import fc from 'fast-check';
import {
  DEFAULT_RULE_PARAMETERS,
  parseAllowedCidrs,
  parseAllowedIngress,
  parseExemptTagKey,
  parseRuleParameters,
} from '../../../src/rule-parameters';
import { TEMPLATE_NAMES, TEMPLATE_PARAMETER } from '../../../src/template-parameters';
import {
  ALLOWED_CIDRS_PATTERN,
  ALLOWED_INGRESS_PATTERN,
  EXEMPT_TAG_KEY_PATTERN,
  MAX_LENGTH,
  SCOPE_TAG_KEY_PATTERN,
  STANDALONE_TEMPLATE_PARAMETERS,
  buildParameters,
} from '../../../templates/parameters';
import { plainTemplate } from './fixtures';
import type { JsonObject } from './template-lint';

/** CloudFormation matches AllowedPattern against the whole value (Java regex); `u` for \p{L}. */
const matches = (pattern: string, value: string) => new RegExp(pattern, 'u').test(value);
const accepts = (parse: () => unknown) => {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
};
const DEFAULT_CIDRS = parseAllowedCidrs(DEFAULT_RULE_PARAMETERS.allowedCidrs);
const ingressParses = (value: string) => accepts(() => parseAllowedIngress(value, DEFAULT_CIDRS));

describe('AllowedIngress pattern', () => {
  it.each([
    ['80,443', true, true],
    ['', true, true],
    ['   ', true, true],
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
  ])('%j: parser %s, pattern %s', (value, parserAccepts, patternAccepts) => {
    expect(ingressParses(value)).toBe(parserAccepts);
    expect(matches(ALLOWED_INGRESS_PATTERN, value)).toBe(patternAccepts);
  });

  const entry = fc
    .tuple(
      fc.constantFrom('', 'tcp:', 'UDP:', 'icmp:', 'icmpv6:', 'all:', '6:', '17:', '255:'),
      fc.oneof(fc.constantFrom('*', '0-65535', '3/4', '8', 'all', 'ALL'), fc.nat(70000).map(String)),
      fc.constantFrom('', '@10.0.0.0/8', '@0.0.0.0/0', '@::/0', '@2001:db8::/32', '@sg-0123abcd', '@111122223333/sg-0123456789abcdef0', '@pl-12345678'),
      fc.constantFrom('', ' ', '\t', '\u00a0', '\n'),
    )
    .map(([proto, ports, source, pad]) => `${pad}${proto}${ports}${source}${pad}`);

  it('accepts every value the parser accepts (generated from the grammar)', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const value = entries.join(',');
        if (ingressParses(value)) expect(matches(ALLOWED_INGRESS_PATTERN, value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every value the parser accepts (arbitrary strings)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789tcpudallsgpl-:/*@,. ') }), (value) => {
        if (ingressParses(value)) expect(matches(ALLOWED_INGRESS_PATTERN, value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('AllowedCidrs pattern', () => {
  it.each([
    ['0.0.0.0/0,::/0', true, true],
    ['', true, true],
    [' 10.0.0.0/8 , 2001:db8::/32 ', true, true],
    ['192.168.0.0/16', true, true],
    ['10.0.0.1/8', false, true],
    ['2001:DB8::/32', false, true],
    ['10.0.0.0', false, false],
    ['10.0.0.0/8;', false, false],
    ['"10.0.0.0/8"', false, false],
  ])('%j: parser %s, pattern %s', (value, parserAccepts, patternAccepts) => {
    expect(accepts(() => parseAllowedCidrs(value))).toBe(parserAccepts);
    expect(matches(ALLOWED_CIDRS_PATTERN, value)).toBe(patternAccepts);
  });

  it('accepts every value the parser accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:./, ') }), (value) => {
        if (accepts(() => parseAllowedCidrs(value))) expect(matches(ALLOWED_CIDRS_PATTERN, value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('tag key patterns', () => {
  it.each([
    ['sg-guardrail:exempt', true],
    ['Exempt Until', true],
    ['équipe/réseau=+@_.-', true],
    ['aws:cloudformation:stack-name', false],
    ['', false],
    ['k'.repeat(128), true],
    ['k'.repeat(129), false],
    ['quote"', false],
    ['back\\slash', false],
  ])('ExemptTagKey %j: parser and pattern both say %s', (value, ok) => {
    expect(accepts(() => parseExemptTagKey(value))).toBe(ok);
    expect(matches(EXEMPT_TAG_KEY_PATTERN, value)).toBe(ok);
  });

  it('ScopeTagKey may be empty and excludes quotes and backslashes', () => {
    expect(matches(SCOPE_TAG_KEY_PATTERN, '')).toBe(true);
    expect(matches(SCOPE_TAG_KEY_PATTERN, 'team')).toBe(true);
    expect(matches(SCOPE_TAG_KEY_PATTERN, 'te"am')).toBe(false);
  });
});

describe('parameter definitions', () => {
  const parameters = JSON.parse(JSON.stringify(buildParameters(STANDALONE_TEMPLATE_PARAMETERS))) as Record<string, JsonObject>;

  it('standalone declares every shared parameter name', () => {
    expect(Object.keys(parameters).sort()).toEqual(Object.values(TEMPLATE_PARAMETER).sort());
  });

  it.each(Object.keys(parameters))('%s: default satisfies its own constraints', (name) => {
    const p = parameters[name] as JsonObject;
    const value = typeof p.Default === 'number' ? String(p.Default) : (p.Default as string);
    if (typeof p.AllowedPattern === 'string') expect(matches(p.AllowedPattern, value)).toBe(true);
    if (Array.isArray(p.AllowedValues)) expect(p.AllowedValues).toContain(p.Default);
    if (typeof p.MaxLength === 'number') expect(value.length).toBeLessThanOrEqual(p.MaxLength);
  });

  it('defaults are the built-in default (the lab: tcp 80 and 443 from anywhere, enforced)', () => {
    expect({
      AllowedIngress: parameters.AllowedIngress?.Default,
      AllowedCidrs: parameters.AllowedCidrs?.Default,
      Mode: parameters.Mode?.Default,
      ExemptTagKey: parameters.ExemptTagKey?.Default,
    }).toEqual({ AllowedIngress: '80,443', AllowedCidrs: '0.0.0.0/0,::/0', Mode: 'enforce', ExemptTagKey: 'sg-guardrail:exempt' });
    const parsed = parseRuleParameters(DEFAULT_RULE_PARAMETERS);
    expect(parsed.allowedIngress).toHaveLength(4);
    expect(parsed.mode).toBe('enforce');
  });

  it('the longest allowed values still fit Config\'s 1,024-character InputParameters', () => {
    const worst = JSON.stringify({
      allowedIngress: 'x'.repeat(MAX_LENGTH.allowedIngress),
      allowedCidrs: 'x'.repeat(MAX_LENGTH.allowedCidrs),
      mode: 'enforce',
      exemptTagKey: 'x'.repeat(128),
    });
    expect(worst.length).toBeLessThanOrEqual(1024);
  });

  it.each(TEMPLATE_NAMES)('%s groups and labels every parameter it declares for the console', (name) => {
    const template = plainTemplate(name);
    const ui = (template.Metadata as any)['AWS::CloudFormation::Interface'];
    const grouped = ui.ParameterGroups.flatMap((g: { Parameters: string[] }) => g.Parameters).sort();
    const declared = Object.keys(template.Parameters as JsonObject).sort();
    expect(grouped).toEqual(declared);
    expect(Object.keys(ui.ParameterLabels).sort()).toEqual(declared);
  });
});
