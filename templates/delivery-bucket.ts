/**
 * The S3 bucket AWS Config delivers configuration history to, and its policy. Created unless the
 * user names an existing (central) bucket; retained on stack deletion and replacement, because the
 * compliance history must outlive the stack.
 */
import type { IntrinsicFunction } from './cloudform';
import { Fn, S3 } from './cloudform';
import { TEMPLATE_PARAMETER } from '../src/template-parameters';
import type { TemplateFragment } from './compose';
import { ifCondition, sub } from './intrinsics';
import { BUCKET_OWNER_FULL_CONTROL, FROM_THIS_ACCOUNT, SERVICE_PRINCIPAL, policyDocument } from './iam-policy';
import { CONDITION, LOGICAL_ID } from './logical-ids';
import { retainOnDeleteAndReplace } from './resource-attributes';

/** The bucket Config writes to: ours when created, else the one named by ExistingBucketName. */
export function deliveryBucketName(): IntrinsicFunction {
  return ifCondition(CONDITION.hasExistingBucket, Fn.Ref(TEMPLATE_PARAMETER.existingBucketName), Fn.Ref(LOGICAL_ID.deliveryBucket));
}

/** The key prefix Config writes under (AWS Config developer guide, "Permissions for the S3 bucket"). */
export const CONFIG_DELIVERY_PATH = 'AWSLogs/${AWS::AccountId}/Config/*';

/**
 * `prefix/` when the user named a key prefix in the existing bucket, else nothing: what comes
 * before CONFIG_DELIVERY_PATH in the object keys Config writes.
 */
export function deliveryKeyPrefixPath(): IntrinsicFunction {
  return ifCondition(CONDITION.hasKeyPrefix, sub(`\${${TEMPLATE_PARAMETER.existingBucketKeyPrefix}}/`), '');
}

export function buildDeliveryBucket(): TemplateFragment {
  const bucket = retainOnDeleteAndReplace(
    new S3.Bucket({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
    }).condition(CONDITION.createBucket),
  );
  const bucketArn = Fn.GetAtt(LOGICAL_ID.deliveryBucket, 'Arn');
  const configService = { Service: SERVICE_PRINCIPAL.config };
  const policy = new S3.BucketPolicy({
    Bucket: Fn.Ref(LOGICAL_ID.deliveryBucket),
    PolicyDocument: policyDocument([
      {
        Sid: 'ConfigChecksBucket',
        Effect: 'Allow',
        Principal: configService,
        Action: ['s3:GetBucketAcl', 's3:ListBucket'],
        Resource: bucketArn,
        Condition: { StringEquals: FROM_THIS_ACCOUNT },
      },
      {
        Sid: 'ConfigDelivers',
        Effect: 'Allow',
        Principal: configService,
        Action: 's3:PutObject',
        Resource: sub(`\${${LOGICAL_ID.deliveryBucket}.Arn}/${CONFIG_DELIVERY_PATH}`),
        Condition: {
          StringEquals: { ...BUCKET_OWNER_FULL_CONTROL, ...FROM_THIS_ACCOUNT },
        },
      },
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, sub(`\${${LOGICAL_ID.deliveryBucket}.Arn}/*`)],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]),
  }).condition(CONDITION.createBucket);
  return { Resources: { [LOGICAL_ID.deliveryBucket]: bucket, [LOGICAL_ID.deliveryBucketPolicy]: policy } };
}
