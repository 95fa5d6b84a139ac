/**
 * standalone: baseline + rule in one file for a single account (the lab's scenario, hand-off and
 * Service Catalog). CreateConfigRecorder=false reuses a recorder the account already has.
 */
import type { GuardrailTemplate } from './compose';
import { composeTemplate } from './compose';
import { buildRecordingConditions, buildRuleConditions } from './conditions';
import { buildConfigRecorder } from './config-recorder';
import { buildConfigRole } from './config-role';
import { buildConfigRule } from './config-rule';
import { buildDeliveryBucket } from './delivery-bucket';
import type { LambdaFunctionProps } from './lambda-function';
import { buildLambdaFunction } from './lambda-function';
import { CONDITION } from './logical-ids';
import { buildParameterInterface } from './metadata';
import { buildRecordingOutputs, buildRuleOutputs } from './outputs';
import { buildBucketRules, buildRecorderRules, buildScopeRules } from './parameter-rules';
import { STANDALONE_TEMPLATE_PARAMETERS, buildParameters } from './parameters';

export const STANDALONE_PURPOSE =
  'standalone template: AWS Config recording (optional) plus the custom rule and Lambda that keep security-group ingress inside the allowed set.';

export type StandaloneTemplateProps = LambdaFunctionProps;

export function buildStandaloneTemplate(props: StandaloneTemplateProps): GuardrailTemplate {
  const condition = CONDITION.createRecorder;
  return composeTemplate({
    purpose: STANDALONE_PURPOSE,
    metadata: buildParameterInterface(STANDALONE_TEMPLATE_PARAMETERS),
    fragments: [
      { Parameters: buildParameters(STANDALONE_TEMPLATE_PARAMETERS) },
      buildScopeRules(),
      buildRecorderRules(),
      buildBucketRules(),
      buildRecordingConditions({ optionalRecorder: true }),
      buildRuleConditions(),
      buildConfigRole({ condition }),
      buildDeliveryBucket(),
      buildConfigRecorder({ condition }),
      buildLambdaFunction(props),
      buildConfigRule({ recorderCondition: condition }),
      buildRuleOutputs(),
      buildRecordingOutputs({ condition }),
    ],
  });
}
