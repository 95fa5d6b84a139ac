/** The conditions the templates branch on, as fragments the template builders compose. */
import { Fn } from 'cloudform';
import { TEMPLATE_PARAMETER } from '../src/template-parameters';
import type { TemplateFragment } from './compose';
import { CONDITION } from './logical-ids';

const isEmpty = (parameter: string) => Fn.Equals(Fn.Ref(parameter), '');

/** Conditions of the rule family: enforce vs report, and the optional tag scope. */
export function buildRuleConditions(): TemplateFragment {
  return {
    Conditions: {
      [CONDITION.enforceMode]: Fn.Equals(Fn.Ref(TEMPLATE_PARAMETER.mode), 'enforce'),
      [CONDITION.hasScopeTagKey]: Fn.Not(isEmpty(TEMPLATE_PARAMETER.scopeTagKey)),
      [CONDITION.hasScopeTagValue]: Fn.Not(isEmpty(TEMPLATE_PARAMETER.scopeTagValue)),
    },
  };
}

export interface RecordingConditionProps {
  /** True in standalone: the recorder family exists only when CreateConfigRecorder is true. */
  readonly optionalRecorder: boolean;
}

/** Conditions of the recording family: create the bucket (and, optionally, the recorder). */
export function buildRecordingConditions(props: RecordingConditionProps): TemplateFragment {
  const noExistingBucket = isEmpty(TEMPLATE_PARAMETER.existingBucketName);
  if (!props.optionalRecorder) return { Conditions: { [CONDITION.createBucket]: noExistingBucket } };
  return {
    Conditions: {
      [CONDITION.createRecorder]: Fn.Equals(Fn.Ref(TEMPLATE_PARAMETER.createConfigRecorder), 'true'),
      [CONDITION.createBucket]: Fn.And([{ Condition: CONDITION.createRecorder }, noExistingBucket]),
    },
  };
}
