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
  BUCKET_NAME_PATTERN,
  EXEMPT_TAG_KEY_PATTERN,
  KEY_PREFIX_PATTERN,
  MAX_LENGTH,
  SCOPE_TAG_KEY_PATTERN,
  STANDALONE_TEMPLATE_PARAMETERS,
  buildParameters,
} from '../../../templates/parameters';
import { plainTemplate } from './fixtures';
import { javaAvailable, matchInJava } from './java-regex';
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
/** What AWS Config calls blank ("Blank spaces are not acceptable for input parameter"). */
const isBlank = (value: string) => value.trim() === '';
const DEFAULT_CIDRS = parseAllowedCidrs(DEFAULT_RULE_PARAMETERS.allowedCidrs);
const ingressParses = (value: string) => accepts(() => parseAllowedIngress(value, DEFAULT_CIDRS));

const INGRESS_CASES: readonly (readonly [string, boolean, boolean])[] = [
  ['80,443', true, true],
  // blank: the parser reads "allow nothing", but AWS Config refuses a blank rule parameter
  ['', true, false],
  ['   ', true, false],
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
const entry = fc
  .tuple(
    fc.constantFrom('', 'tcp:', 'UDP:', 'icmp:', 'icmpv6:', 'all:', '6:', '17:', '255:'),
    fc.oneof(fc.constantFrom('*', '0-65535', '3/4', '8', 'all', 'ALL'), fc.nat(70000).map(String)),
    fc.constantFrom('', '@10.0.0.0/8', '@0.0.0.0/0', '@::/0', '@2001:db8::/32', '@sg-0123abcd', '@111122223333/sg-0123456789abcdef0', '@pl-12345678'),
    fc.constantFrom('', ' ', '\t', '\u00a0', '\n'),
  )
  .map(([proto, ports, source, pad]) => `${pad}${proto}${ports}${source}${pad}`);

describe('AllowedIngress pattern', () => {
  it.each(INGRESS_CASES)('%j: parser %s, pattern %s', (value, parserAccepts, patternAccepts) => {
    expect(ingressParses(value)).toBe(parserAccepts);
    expect(matches(ALLOWED_INGRESS_PATTERN, value)).toBe(patternAccepts);
  });

  it('accepts every value the parser accepts (generated from the grammar)', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
        const value = entries.join(',');
        if (ingressParses(value) && !isBlank(value)) expect(matches(ALLOWED_INGRESS_PATTERN, value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every value the parser accepts (arbitrary strings)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789tcpudallsgpl-:/*@,. ') }), (value) => {
        if (ingressParses(value) && !isBlank(value)) expect(matches(ALLOWED_INGRESS_PATTERN, value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

const CIDR_CASES: readonly (readonly [string, boolean, boolean])[] = [
  ['0.0.0.0/0,::/0', true, true],
  ['', true, false],
  [' 10.0.0.0/8 , 2001:db8::/32 ', true, true],
  ['192.168.0.0/16', true, true],
  ['10.0.0.1/8', false, true],
  ['2001:DB8::/32', false, true],
  ['10.0.0.0', false, false],
  ['10.0.0.0/8;', false, false],
  ['"10.0.0.0/8"', false, false],
];

describe('AllowedCidrs pattern', () => {
  it.each(CIDR_CASES)('%j: parser %s, pattern %s', (value, parserAccepts, patternAccepts) => {
    expect(accepts(() => parseAllowedCidrs(value))).toBe(parserAccepts);
    expect(matches(ALLOWED_CIDRS_PATTERN, value)).toBe(patternAccepts);
  });

  it('accepts every value the parser accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:./, ') }), (value) => {
        if (accepts(() => parseAllowedCidrs(value)) && !isBlank(value)) expect(matches(ALLOWED_CIDRS_PATTERN, value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

const EXEMPT_TAG_KEY_CASES: readonly (readonly [string, boolean])[] = [
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

const BUCKET_NAME_CASES: readonly (readonly [string, boolean])[] = [
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

const KEY_PREFIX_CASES: readonly (readonly [string, boolean])[] = [
  ['', true],
  ['o-a1b2c3d4e5', true],
  ['config/prod', true],
  ["a!_.*'()-b", true],
  ['/config', false],
  ['config/', false],
  ['config//prod', false],
  ['config prod', false],
];

describe('ExistingBucketName and ExistingBucketKeyPrefix patterns', () => {
  it.each(BUCKET_NAME_CASES)('bucket %j: %s', (value, ok) => {
    expect(matches(BUCKET_NAME_PATTERN, value)).toBe(ok);
  });
  it.each(KEY_PREFIX_CASES)('key prefix %j: %s', (value, ok) => {
    expect(matches(KEY_PREFIX_PATTERN, value)).toBe(ok);
  });
});

describe('tag key patterns', () => {
  it.each(EXEMPT_TAG_KEY_CASES)('ExemptTagKey %j: parser and pattern both say %s', (value, ok) => {
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

// Java is part of this project's machine kind; where it is missing these are skipped, but not in CI.
const describeIfJava = javaAvailable || process.env.CI === 'true' ? describe : describe.skip;

describeIfJava('the patterns in Java regex semantics (CloudFormation checks AllowedPattern with Java)', () => {
  const inJava = (queries: readonly { pattern: string; value: string }[]) => {
    const results = matchInJava(queries);
    return queries.map((q, i) => [q.value, results[i]]);
  };

  it('every value of the tables above matches in Java exactly as expected', () => {
    const cases = [
      ...INGRESS_CASES.map(([value, , ok]) => ({ pattern: ALLOWED_INGRESS_PATTERN, value, ok })),
      ...CIDR_CASES.map(([value, , ok]) => ({ pattern: ALLOWED_CIDRS_PATTERN, value, ok })),
      ...EXEMPT_TAG_KEY_CASES.map(([value, ok]) => ({ pattern: EXEMPT_TAG_KEY_PATTERN, value, ok })),
      ...BUCKET_NAME_CASES.map(([value, ok]) => ({ pattern: BUCKET_NAME_PATTERN, value, ok })),
      ...KEY_PREFIX_CASES.map(([value, ok]) => ({ pattern: KEY_PREFIX_PATTERN, value, ok })),
    ];
    expect(inJava(cases)).toEqual(cases.map((c) => [c.value, c.ok]));
  });

  it('every non-blank value the parser accepts matches in Java (generated from the grammar)', () => {
    const values = fc
      .sample(fc.array(entry, { maxLength: 6 }), { numRuns: 3000, seed: 20261127 })
      .map((entries) => entries.join(','))
      .filter((value) => ingressParses(value) && !isBlank(value));
    expect(values.length).toBeGreaterThan(300);
    expect(inJava(values.map((value) => ({ pattern: ALLOWED_INGRESS_PATTERN, value })))).toEqual(values.map((v) => [v, true]));
  });

  it.each(['baseline', 'rule', 'standalone', 'portfolio'] as const)('%s: every Default matches its AllowedPattern in Java', (name) => {
    const parameters = Object.entries(plainTemplate(name).Parameters as Record<string, JsonObject>).filter(
      ([, p]) => typeof p.AllowedPattern === 'string' && typeof p.Default === 'string',
    );
    const queries = parameters.map(([, p]) => ({ pattern: p.AllowedPattern as string, value: p.Default as string }));
    expect(parameters.length).toBeGreaterThan(0);
    expect(inJava(queries)).toEqual(queries.map((q) => [q.value, true]));
  });

  it('the check itself tells Java from JavaScript: \\s is ASCII-only in Java', () => {
    expect(matchInJava([{ pattern: String.raw`^\s$`, value: '\u00a0' }, { pattern: '(', value: '' }])).toEqual([false, 'invalid']);
    expect(matches(String.raw`^\s$`, '\u00a0')).toBe(true);
  });
});
