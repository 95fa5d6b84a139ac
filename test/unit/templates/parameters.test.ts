/**
 * Template parameters against the one grammar (src/rule-parameters.ts): the AllowedPatterns may be
 * looser than the parser, but must never reject a non-blank value the parser accepts (Config
 * refuses blank rule parameters). parameters-java.test.ts repeats the pattern checks in Java.
 */
import fc from 'fast-check';
import { DEFAULT_RULE_PARAMETERS, parseAllowedCidrs, parseExemptTagKey, parseRuleParameters } from '../../../src/rule-parameters';
import { TEMPLATE_NAMES, TEMPLATE_PARAMETER } from '../../../src/template-parameters';
import {
  ALLOWED_CIDRS_PATTERN,
  ALLOWED_INGRESS_PATTERN,
  BUCKET_NAME_PATTERN,
  EXEMPT_TAG_KEY_PATTERN,
  KEY_PREFIX_PATTERN,
  SCOPE_TAG_KEY_PATTERN,
  STANDALONE_TEMPLATE_PARAMETERS,
  buildParameters,
} from '../../../templates/parameters';
import { plainTemplate } from './fixtures';
import {
  BUCKET_NAME_CASES,
  CIDR_CASES,
  EXEMPT_TAG_KEY_CASES,
  INGRESS_CASES,
  KEY_PREFIX_CASES,
  accepts,
  entry,
  ingressParses,
  matches,
} from './parameter-cases';
import type { JsonObject } from './template-lint';

describe('AllowedIngress pattern', () => {
  it.each(INGRESS_CASES)('%j: parser %s, pattern %s', (value, parserAccepts, patternAccepts) => {
    expect(ingressParses(value)).toBe(parserAccepts);
    expect(matches(ALLOWED_INGRESS_PATTERN, value)).toBe(patternAccepts);
  });

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
  it.each(CIDR_CASES)('%j: parser %s, pattern %s', (value, parserAccepts, patternAccepts) => {
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

  it.each(['rule', 'standalone'] as const)("%s: the rule's InputParameters fit Config's 1,024 characters with every value at its longest", (name) => {
    const template = plainTemplate(name);
    const declared = template.Parameters as Record<string, { MaxLength?: number; AllowedValues?: unknown[] }>;
    const rule = Object.values(template.Resources as Record<string, JsonObject>).find((r) => r.Type === 'AWS::Config::ConfigRule');
    const input = (rule?.Properties as { InputParameters: Record<string, { Ref: string }> }).InputParameters;
    const worst = Object.fromEntries(
      Object.entries(input).map(([key, { Ref }]) => {
        const parameter = declared[Ref];
        // Every value Config receives must be bounded by the template, or no worst case exists.
        const longest = parameter?.MaxLength ?? Math.max(...(parameter?.AllowedValues ?? []).map((v) => String(v).length));
        expect(Number.isFinite(longest)).toBe(true);
        return [key, 'x'.repeat(longest)];
      }),
    );
    // The scope (a 128-character key and a 256-character value) would not fit beside them: it goes
    // to the function's Environment, as does the matching.
    expect(Object.keys(worst).sort()).toEqual(['allowedCidrs', 'allowedIngress', 'exemptTagKey', 'mode']);
    expect(JSON.stringify(worst).length).toBe(1002);
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
