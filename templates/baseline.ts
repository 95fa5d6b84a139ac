/** baseline: AWS Config recording of security groups (role, bucket, recorder, delivery channel). */
import type { GuardrailTemplate } from './compose';
import { composeTemplate } from './compose';
import { buildRecordingConditions } from './conditions';
import { buildConfigRecorder } from './config-recorder';
import { buildConfigRole } from './config-role';
import { buildDeliveryBucket } from './delivery-bucket';
import { buildParameterInterface } from './metadata';
import { buildRecordingOutputs } from './outputs';
import { buildBucketRules } from './parameter-rules';
import { BASELINE_TEMPLATE_PARAMETERS, buildParameters } from './parameters';

export const BASELINE_PURPOSE =
  'baseline template: AWS Config recording of EC2 security groups (recorder, delivery channel, bucket, role).';

export function buildBaselineTemplate(): GuardrailTemplate {
  return composeTemplate({
    purpose: BASELINE_PURPOSE,
    metadata: buildParameterInterface(BASELINE_TEMPLATE_PARAMETERS),
    fragments: [
      { Parameters: buildParameters(BASELINE_TEMPLATE_PARAMETERS) },
      buildBucketRules(),
      buildRecordingConditions({ optionalRecorder: false }),
      buildConfigRole(),
      buildDeliveryBucket(),
      buildConfigRecorder(),
      buildRecordingOutputs(),
    ],
  });
}
