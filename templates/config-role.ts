/**
 * The role the AWS Config recorder uses: AWS's managed `AWS_ConfigRole` (read configuration) plus an
 * inline policy that allows writing only Config's own delivery path in the delivery bucket.
 * Unnamed, so the same template deploys in many regions of one account with only CAPABILITY_IAM.
 */
import { IAM } from './cloudform';
import type { TemplateFragment } from './compose';
import { CONFIG_DELIVERY_PATH, deliveryBucketName, deliveryKeyPrefixPath } from './delivery-bucket';
import { BUCKET_OWNER_FULL_CONTROL, SERVICE_PRINCIPAL, policyDocument, serviceTrustPolicy } from './iam-policy';
import { sub } from './intrinsics';
import type { ConditionName } from './logical-ids';
import { LOGICAL_ID } from './logical-ids';

export interface ConfigRoleProps {
  /** Create the role only when this condition holds (standalone: CreateConfigRecorder). */
  readonly condition?: ConditionName;
}

export function buildConfigRole(props: ConfigRoleProps = {}): TemplateFragment {
  const bucket = { BucketName: deliveryBucketName() };
  const role = new IAM.Role({
    Description: 'AWS Config recorder role (sg-guardrail)',
    AssumeRolePolicyDocument: serviceTrustPolicy(SERVICE_PRINCIPAL.config, { fromThisAccountOnly: true }),
    // AWS_ConfigRole replaced the deprecated AWSConfigRole (2021-04-01).
    ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWS_ConfigRole')],
    Policies: [
      {
        PolicyName: 'deliver-configuration-history',
        PolicyDocument: policyDocument([
          {
            Sid: 'WriteDeliveryPath',
            Effect: 'Allow',
            Action: ['s3:PutObject', 's3:PutObjectAcl'],
            Resource: sub(`arn:\${AWS::Partition}:s3:::\${BucketName}/\${KeyPrefix}${CONFIG_DELIVERY_PATH}`, {
              ...bucket,
              KeyPrefix: deliveryKeyPrefixPath(),
            }),
            Condition: { StringEquals: BUCKET_OWNER_FULL_CONTROL },
          },
          {
            Sid: 'CheckBucketAcl',
            Effect: 'Allow',
            Action: 's3:GetBucketAcl',
            Resource: sub('arn:${AWS::Partition}:s3:::${BucketName}', bucket),
          },
        ]),
      },
    ],
  });
  if (props.condition !== undefined) role.condition(props.condition);
  return { Resources: { [LOGICAL_ID.configRole]: role } };
}
