/**
 * The rollout's fixed Config rule names: one per profile, the same in every account, and always a
 * value the rule template's ConfigRuleName parameter (and AWS Config's 128 characters) accepts.
 */
import { DEPLOY_CONFIG_SCHEMA } from '../../../src/deploy/config/config';
import { configRuleName } from '../../../src/deploy/plan/stack-set-names';
import { TEMPLATE_PARAMETER } from '../../../src/template-parameters';
import { CONFIG_RULE_NAME_PATTERN } from '../../../templates/parameters';
import { plainTemplate } from '../templates/fixtures';
import { CONFIG_RULE_NAME_CASES, matches } from '../templates/parameter-cases';
import { resolveTemplate } from '../templates/template-lint';
import type { JsonObject } from '../templates/template-lint';

const schema = DEPLOY_CONFIG_SCHEMA as unknown as { properties: { prefix: { maxLength: number } }; definitions: unknown };

describe('configRuleName', () => {
  it('is <prefix>-<profile>', () => {
    expect(configRuleName('sg-guardrail', 'web')).toBe('sg-guardrail-web');
  });

  it('fits Config and the template parameter for the longest prefix and profile the schema allows', () => {
    const prefix = `A${'b'.repeat(schema.properties.prefix.maxLength - 1)}`;
    const name = configRuleName(prefix, `w${'-'.repeat(39)}`);
    expect(name.length).toBeLessThanOrEqual(128);
    expect(matches(CONFIG_RULE_NAME_PATTERN, name)).toBe(true);
  });

  it.each(CONFIG_RULE_NAME_CASES)('the parameter pattern: %j is %s', (value, ok) => {
    expect(matches(CONFIG_RULE_NAME_PATTERN, value)).toBe(ok);
  });
});

describe('the rule template names the rule only when asked', () => {
  const rule = (values: Record<string, string>): JsonObject =>
    ((resolveTemplate(plainTemplate('rule'), values).Resources as JsonObject).GuardrailRule as JsonObject).Properties as JsonObject;

  it('empty: CloudFormation generates the name, as before', () => {
    expect(rule({})).not.toHaveProperty('ConfigRuleName');
  });

  it('set: the rule takes the parameter', () => {
    expect(rule({ [TEMPLATE_PARAMETER.configRuleName]: 'sg-guardrail-web' }).ConfigRuleName).toEqual({ Ref: TEMPLATE_PARAMETER.configRuleName });
  });
});
