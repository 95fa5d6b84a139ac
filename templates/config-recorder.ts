/**
 * The AWS Config configuration recorder (only AWS::EC2::SecurityGroup, which keeps the per-item cost
 * minimal) and its delivery channel. An account and region can hold only one of each, so standalone
 * makes both optional for accounts that already record (Control Tower).
 */
import type { IntrinsicFunction } from './cloudform';
import { Config, Fn } from './cloudform';
import type { RecordingFrequency } from '../src/template-parameters';
import { TEMPLATE_PARAMETER } from '../src/template-parameters';
import type { TemplateFragment } from './compose';
import { deliveryBucketName } from './delivery-bucket';
import { conditionalDependencies, onlyIf } from './intrinsics';
import type { ConditionName } from './logical-ids';
import { CONDITION, LOGICAL_ID } from './logical-ids';

export const RECORDED_RESOURCE_TYPE = 'AWS::EC2::SecurityGroup';

type RecorderProperties = ConstructorParameters<typeof Config.ConfigurationRecorder>[0];

/**
 * Escape hatch: cloudform-types predates RecordingMode (launched 2023), so the property is declared
 * here with the shape of the AWS::Config::ConfigurationRecorder schema and checked against it in tests.
 */
interface RecordingMode {
  readonly RecordingFrequency: RecordingFrequency | IntrinsicFunction;
}

export interface ConfigRecorderProps {
  /** Create the recorder and channel only when this condition holds (standalone). */
  readonly condition?: ConditionName;
}

export function buildConfigRecorder(props: ConfigRecorderProps = {}): TemplateFragment {
  const properties: RecorderProperties & { RecordingMode: RecordingMode } = {
    RoleARN: Fn.GetAtt(LOGICAL_ID.configRole, 'Arn'),
    RecordingGroup: {
      AllSupported: false,
      IncludeGlobalResourceTypes: false,
      RecordingStrategy: { UseOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
      ResourceTypes: [RECORDED_RESOURCE_TYPE],
    },
    RecordingMode: { RecordingFrequency: Fn.Ref(TEMPLATE_PARAMETER.recordingFrequency) },
  };
  const recorder = new Config.ConfigurationRecorder(properties);
  // Config refuses a delivery channel before a recorder exists; CloudFormation then starts the
  // recorder once the channel is available. The bucket policy must be in place before Config
  // checks its access, but only exists when the bucket is ours: hence a conditional dependency.
  const channel = new Config.DeliveryChannel({
    S3BucketName: deliveryBucketName(),
    // Config refuses an empty prefix, so the property is absent unless one was given.
    S3KeyPrefix: onlyIf(CONDITION.hasKeyPrefix, Fn.Ref(TEMPLATE_PARAMETER.existingBucketKeyPrefix)),
  })
    .dependsOn([LOGICAL_ID.configRecorder])
    .metadata(conditionalDependencies(CONDITION.createBucket, [LOGICAL_ID.deliveryBucketPolicy]));
  if (props.condition !== undefined) {
    recorder.condition(props.condition);
    channel.condition(props.condition);
  }
  return { Resources: { [LOGICAL_ID.configRecorder]: recorder, [LOGICAL_ID.deliveryChannel]: channel } };
}
