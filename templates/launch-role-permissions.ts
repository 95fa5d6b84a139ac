/**
 * What a Service Catalog launch role needs to create, update and delete the standalone stack: per
 * resource type of the template, the calls CloudFormation's handler makes for the properties the
 * templates use (create, update, delete and the read it does after each), from the resource type
 * schemas' `handlers.*.permissions` (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/resource-type-schemas.html),
 * narrowed to the names CloudFormation gives a Service Catalog stack's resources: the stack is named
 * `SC-<account>-pp-<id>`, and unnamed roles, functions and buckets take the stack name as prefix
 * (buckets in lower case). A test holds the keys to exactly the resource types of the standalone
 * template. The bucket and the log group are retained on delete, so no delete is granted for them.
 */

/** Resource ARNs with CloudFormation's pseudo parameters (rendered with Fn::Sub). */
const ARN = {
  roles: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/SC-*',
  buckets: 'arn:${AWS::Partition}:s3:::sc-*',
  functions: 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:SC-*',
  logGroups: 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/SC-*',
  anyLogGroup: 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*',
  any: '*',
} as const;
export type LaunchResource = keyof typeof ARN;
export const LAUNCH_RESOURCE_ARNS: Readonly<Record<LaunchResource, string>> = ARN;

export interface ResourcePermissions {
  /** The calls, and the resources they are scoped to (`any` where the API takes no resource ARN). */
  readonly grants: readonly { readonly actions: readonly string[]; readonly on: LaunchResource }[];
  /** Roles the type passes to a service (iam:PassRole, with iam:PassedToService). */
  readonly passesRoleTo?: string;
}

export const RESOURCE_PERMISSIONS: Readonly<Record<string, ResourcePermissions>> = {
  'AWS::IAM::Role': {
    grants: [
      {
        actions: ['iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateRole', 'iam:UpdateRoleDescription', 'iam:UpdateAssumeRolePolicy', 'iam:TagRole', 'iam:UntagRole', 'iam:ListRoleTags', 'iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy', 'iam:ListRolePolicies', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:ListAttachedRolePolicies'],
        on: 'roles',
      },
    ],
  },
  'AWS::IAM::Policy': { grants: [{ actions: ['iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy'], on: 'roles' }] },
  'AWS::S3::Bucket': {
    grants: [
      {
        actions: ['s3:CreateBucket', 's3:PutEncryptionConfiguration', 's3:GetEncryptionConfiguration', 's3:PutBucketPublicAccessBlock', 's3:GetBucketPublicAccessBlock', 's3:PutBucketVersioning', 's3:GetBucketVersioning', 's3:PutBucketTagging', 's3:GetBucketTagging', 's3:GetBucketLocation', 's3:ListBucket'],
        on: 'buckets',
      },
    ],
  },
  'AWS::S3::BucketPolicy': { grants: [{ actions: ['s3:PutBucketPolicy', 's3:GetBucketPolicy', 's3:DeleteBucketPolicy'], on: 'buckets' }] },
  'AWS::Config::ConfigurationRecorder': {
    grants: [
      {
        actions: ['config:PutConfigurationRecorder', 'config:DescribeConfigurationRecorders', 'config:DescribeConfigurationRecorderStatus', 'config:StartConfigurationRecorder', 'config:StopConfigurationRecorder', 'config:DeleteConfigurationRecorder'],
        on: 'any',
      },
    ],
    passesRoleTo: 'config.amazonaws.com',
  },
  'AWS::Config::DeliveryChannel': {
    grants: [{ actions: ['config:PutDeliveryChannel', 'config:DescribeDeliveryChannels', 'config:DescribeDeliveryChannelStatus', 'config:DeleteDeliveryChannel'], on: 'any' }],
  },
  'AWS::Config::ConfigRule': {
    grants: [{ actions: ['config:PutConfigRule', 'config:DescribeConfigRules', 'config:DeleteConfigRule', 'config:TagResource', 'config:UntagResource', 'config:ListTagsForResource'], on: 'any' }],
  },
  'AWS::Lambda::Function': {
    grants: [
      {
        actions: ['lambda:CreateFunction', 'lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:DeleteFunction', 'lambda:TagResource', 'lambda:UntagResource', 'lambda:ListTags', 'lambda:GetRuntimeManagementConfig', 'lambda:GetFunctionCodeSigningConfig', 'lambda:GetFunctionRecursionConfig'],
        on: 'functions',
      },
    ],
    passesRoleTo: 'lambda.amazonaws.com',
  },
  'AWS::Lambda::Permission': { grants: [{ actions: ['lambda:AddPermission', 'lambda:RemovePermission', 'lambda:GetPolicy'], on: 'functions' }] },
  'AWS::Logs::LogGroup': {
    grants: [
      { actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:TagResource', 'logs:UntagResource', 'logs:ListTagsForResource', 'logs:TagLogGroup', 'logs:ListTagsLogGroup'], on: 'logGroups' },
      { actions: ['logs:DescribeLogGroups'], on: 'anyLogGroup' },
    ],
  },
};

/**
 * What Service Catalog itself does with the role: run the stack (its name starts with SC-) through
 * CloudFormation, and read the template it copied to its own bucket, tagged for provisioning.
 * https://docs.aws.amazon.com/servicecatalog/latest/adminguide/constraints-launch.html
 */
export const STACK_ACTIONS = ['cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:DeleteStack', 'cloudformation:DescribeStacks', 'cloudformation:DescribeStackEvents', 'cloudformation:SetStackPolicy'] as const;
export const TEMPLATE_ACTIONS = ['cloudformation:GetTemplateSummary', 'cloudformation:ValidateTemplate', 'cloudformation:CreateChangeSet', 'cloudformation:DescribeChangeSet', 'cloudformation:ExecuteChangeSet', 'cloudformation:DeleteChangeSet'] as const;
