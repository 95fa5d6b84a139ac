/**
 * Our own lint, beside the real cfn-lint (cfn-lint.test.ts): every template, raw and resolved for
 * parameter sets that flip each condition, passes the schema, reference, usage, dependency and
 * IAM-grammar checks.
 */
import { TEMPLATE_NAMES } from '../../../src/template-parameters';
import { PORTFOLIO_URL, SCENARIOS, plainTemplate } from './fixtures';
import type { JsonObject } from './template-lint';
import { lintPolicyDocument, lintTemplate, policyDocuments, resolveTemplate, validateProperties } from './template-lint';

const ALL = [...TEMPLATE_NAMES, 'portfolio', 'launch-role'] as const;

describe('templates pass the lint', () => {
  it.each(ALL)('%s: raw template (schemas with intrinsics, refs, unused parameters and conditions, cycles)', (name) => {
    expect(lintTemplate(plainTemplate(name))).toEqual([]);
  });

  it.each(SCENARIOS.map((s) => [s.template, JSON.stringify(s.values), s.values] as const))(
    '%s resolved for %s',
    (name, _label, values) => {
      const resolved = resolveTemplate(plainTemplate(name), values);
      expect(lintTemplate(resolved, { resolved: true })).toEqual([]);
    },
  );

  it.each(SCENARIOS.map((s) => [s.template, JSON.stringify(s.values), s.values] as const))(
    '%s resolved for %s: IAM policy grammar',
    (name, _label, values) => {
      const resolved = resolveTemplate(plainTemplate(name), values);
      const problems = policyDocuments(resolved).flatMap(({ where, document }) =>
        lintPolicyDocument(where, document, where.endsWith('AssumeRolePolicyDocument') ? 'trust' : where.includes('BucketPolicy') ? 'resource' : 'identity'),
      );
      expect(problems).toEqual([]);
    },
  );

  it('the portfolio needs the template URL (no default)', () => {
    const portfolio = plainTemplate('portfolio');
    expect((portfolio.Parameters as JsonObject).StandaloneTemplateUrl).not.toHaveProperty('Default');
    expect(() => resolveTemplate(portfolio, {})).not.toThrow(); // conditions do not read the URL
    expect(resolveTemplate(portfolio, { StandaloneTemplateUrl: PORTFOLIO_URL }).Resources).toHaveProperty('StandaloneProduct');
  });
});

describe('the lint itself catches what it claims to', () => {
  const base = (): JsonObject => plainTemplate('rule');

  it.each([
    ['a Ref to nothing', (t: JsonObject) => ((t.Outputs as any).RuleName.Value = { Ref: 'Nope' }), 'Ref/Sub Nope does not resolve'],
    ['a Sub variable to nothing', (t: JsonObject) => ((t.Outputs as any).RuleName.Value = { 'Fn::Sub': '${Nope}' }), 'Ref/Sub Nope does not resolve'],
    ['a GetAtt of a missing attribute', (t: JsonObject) => ((t.Outputs as any).RuleName.Value = { 'Fn::GetAtt': ['GuardrailRule', 'Nope'] }), 'has no attribute Nope'],
    ['an unused parameter', (t: JsonObject) => ((t.Parameters as any).Extra = { Type: 'String', Description: 'x', AllowedValues: ['a'], ConstraintDescription: 'a' }), 'parameter Extra is never used'],
    ['an unused condition', (t: JsonObject) => ((t.Conditions as any).Extra = { 'Fn::Equals': ['a', 'a'] }), 'condition Extra is never used'],
    ['a wrong property type', (t: JsonObject) => ((t.Resources as any).GuardrailFunction.Properties.Timeout = 'long'), 'GuardrailFunction'],
    ['a missing required property', (t: JsonObject) => delete (t.Resources as any).GuardrailFunction.Properties.Role, "must have required property 'Role'"],
    ['an unknown property', (t: JsonObject) => ((t.Resources as any).GuardrailRule.Properties.Colour = 'red'), 'must NOT have additional properties'],
    ['a dependency cycle', (t: JsonObject) => ((t.Resources as any).GuardrailFunctionRole.DependsOn = ['GuardrailRule']), 'dependency cycle'],
    ['a parameter without constraint', (t: JsonObject) => delete (t.Parameters as any).Mode.ConstraintDescription, 'no ConstraintDescription'],
  ])('%s', (_name, mutate, expected) => {
    const template = base();
    mutate(template);
    expect(lintTemplate(template).join('\n')).toContain(expected);
  });

  it('accepts intrinsics in place of values but still checks literals', () => {
    expect(validateProperties('AWS::Logs::LogGroup', { RetentionInDays: { Ref: 'Days' } })).toEqual([]);
    expect(validateProperties('AWS::Logs::LogGroup', { RetentionInDays: 42 })).not.toEqual([]);
  });

  it('checks IAM grammar', () => {
    const problems = lintPolicyDocument('p', { Version: '2008-10-17', Statement: [{ Sid: 'a-b', Effect: 'Permit', Action: 'ec2 Describe*' }] }, 'identity');
    expect(problems).toEqual([
      'p: Version must be 2012-10-17',
      'p.Statement[0]: Sid must be alphanumeric',
      'p.Statement[0]: Effect must be Allow or Deny',
      'p.Statement[0]: bad action "ec2 Describe*"',
      'p.Statement[0]: Resource missing',
    ]);
  });
});
