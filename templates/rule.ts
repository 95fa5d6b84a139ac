/** rule: the guardrail Lambda and its AWS Config custom rule, for accounts that already record. */
import type { GuardrailTemplate } from './compose';
import { composeTemplate } from './compose';
import { buildRuleConditions } from './conditions';
import { buildConfigRule } from './config-rule';
import type { LambdaFunctionProps } from './lambda-function';
import { buildLambdaFunction } from './lambda-function';
import { buildParameterInterface } from './metadata';
import { buildRuleOutputs } from './outputs';
import { buildScopeRules } from './parameter-rules';
import { RULE_TEMPLATE_PARAMETERS, buildParameters } from './parameters';

export const RULE_PURPOSE =
  'rule template: AWS Config custom rule and Lambda that keep security-group ingress inside the allowed set (needs a Config recorder).';

export type RuleTemplateProps = LambdaFunctionProps;

export function buildRuleTemplate(props: RuleTemplateProps): GuardrailTemplate {
  return composeTemplate({
    purpose: RULE_PURPOSE,
    metadata: buildParameterInterface(RULE_TEMPLATE_PARAMETERS),
    fragments: [
      { Parameters: buildParameters(RULE_TEMPLATE_PARAMETERS) },
      buildScopeRules(),
      buildRuleConditions(),
      buildLambdaFunction(props),
      buildConfigRule(),
      buildRuleOutputs(),
    ],
  });
}
