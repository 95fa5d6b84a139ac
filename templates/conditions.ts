/** The conditions the templates branch on, as fragments the template builders compose. */
import { Fn } from './cloudform';
import type { Mode } from '../src/rule-parameters';
import { TEMPLATE_PARAMETER } from '../src/template-parameters';
import type { TemplateFragment } from './compose';
import { isSetParameter } from './intrinsics';
import { CONDITION } from './logical-ids';
import { CREATE_RECORDER } from './parameters';

const ENFORCE: Mode = 'enforce';

/** Conditions of the rule family: enforce vs report, the optional tag scope, a fixed rule name or not. */
export function buildRuleConditions(): TemplateFragment {
  return {
    Conditions: {
      [CONDITION.enforceMode]: Fn.Equals(Fn.Ref(TEMPLATE_PARAMETER.mode), ENFORCE),
      [CONDITION.hasScopeTagKey]: isSetParameter(TEMPLATE_PARAMETER.scopeTagKey),
      [CONDITION.hasScopeTagValue]: isSetParameter(TEMPLATE_PARAMETER.scopeTagValue),
      [CONDITION.hasConfigRuleName]: isSetParameter(TEMPLATE_PARAMETER.configRuleName),
    },
  };
}

export interface RecordingConditionProps {
  /** True in standalone: the recorder family exists only when CreateConfigRecorder is true. */
  readonly optionalRecorder: boolean;
}

/**
 * Conditions of the recording family: deliver to an existing bucket or create one (and, optionally,
 * the recorder). The bucket name branches on HasExistingBucket, a test of the parameter itself, so
 * a linter (and a reader) sees that the ExistingBucketName branch never runs with the empty default.
 */
export function buildRecordingConditions(props: RecordingConditionProps): TemplateFragment {
  const hasExistingBucket = isSetParameter(TEMPLATE_PARAMETER.existingBucketName);
  const noExistingBucket = Fn.Not({ Condition: CONDITION.hasExistingBucket });
  const bucket = {
    [CONDITION.hasExistingBucket]: hasExistingBucket,
    [CONDITION.hasKeyPrefix]: isSetParameter(TEMPLATE_PARAMETER.existingBucketKeyPrefix),
  };
  if (!props.optionalRecorder) return { Conditions: { ...bucket, [CONDITION.createBucket]: noExistingBucket } };
  return {
    Conditions: {
      [CONDITION.createRecorder]: Fn.Equals(Fn.Ref(TEMPLATE_PARAMETER.createConfigRecorder), CREATE_RECORDER.yes),
      ...bucket,
      [CONDITION.createBucket]: Fn.And([{ Condition: CONDITION.createRecorder }, noExistingBucket]),
    },
  };
}
