/** Outputs: what a user or a pipeline needs after deploying (rule, function, bucket). */
import { Fn } from './cloudform';
import type { TemplateFragment } from './compose';
import { deliveryBucketName } from './delivery-bucket';
import type { ConditionName } from './logical-ids';
import { LOGICAL_ID, OUTPUT } from './logical-ids';

export function buildRuleOutputs(): TemplateFragment {
  return {
    Outputs: {
      [OUTPUT.ruleName]: { Description: 'Name of the AWS Config rule', Value: Fn.Ref(LOGICAL_ID.configRule) },
      [OUTPUT.ruleArn]: { Description: 'ARN of the AWS Config rule', Value: Fn.GetAtt(LOGICAL_ID.configRule, 'Arn') },
      [OUTPUT.functionArn]: { Description: 'ARN of the guardrail function', Value: Fn.GetAtt(LOGICAL_ID.function, 'Arn') },
    },
  };
}

export function buildRecordingOutputs(props: { readonly condition?: ConditionName } = {}): TemplateFragment {
  return {
    Outputs: {
      [OUTPUT.bucketName]: {
        Description: 'Bucket AWS Config delivers configuration history to',
        Value: deliveryBucketName(),
        ...(props.condition === undefined ? {} : { Condition: props.condition }),
      },
    },
  };
}
