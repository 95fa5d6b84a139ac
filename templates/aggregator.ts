/**
 * The AWS Config organization aggregator `sg-guardrail compliance` reads, and the role it needs: AWS
 * Config assumes the role (trust: config.amazonaws.com) and uses AWS's managed
 * `AWSConfigRoleForOrganizations` (the organizations Describe and List calls) to find the organization's accounts.
 * It collects the compliance of every account's rules into the account and region it is created in:
 * the management account, or a member registered as Config delegated administrator (docs/rollout.md).
 * Unnamed role: CAPABILITY_IAM suffices. https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html
 */
import { Config, Fn, IAM, Refs } from './cloudform';
import { AGGREGATOR_PARAMETER } from '../src/template-parameters';
import type { TemplateFragment } from './compose';
import { SERVICE_PRINCIPAL, serviceTrustPolicy } from './iam-policy';
import { ifCondition, sub } from './intrinsics';
import { CONDITION, LOGICAL_ID, OUTPUT } from './logical-ids';

/**
 * What CloudFormation calls with the deployer's own credentials (apply passes no service role) to
 * create, update and delete these resources: each type's handler permissions in its CloudFormation
 * registry schema (`handlers.create|read|update|delete.permissions`), less those for properties the
 * template never sets (inline policies, permissions boundary), with the tagging calls the stack's
 * ownership tag needs (CloudFormation propagates stack tags to both). Config's own
 * PutConfigurationAggregator calls organizations:EnableAWSServiceAccess from the management account
 * and organizations:ListDelegatedAdministrators from a delegated administrator
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationAggregator.html).
 * docs/iam.md's deployer policy lists them (test/unit/readme-iam.test.ts).
 */
export const AGGREGATOR_RESOURCE_ACTIONS = {
  'AWS::IAM::Role': [
    'iam:CreateRole',
    'iam:GetRole',
    'iam:DeleteRole',
    'iam:AttachRolePolicy',
    'iam:DetachRolePolicy',
    'iam:ListAttachedRolePolicies',
    'iam:ListRolePolicies',
    'iam:UpdateRoleDescription',
    'iam:UpdateAssumeRolePolicy',
    'iam:TagRole',
    'iam:UntagRole',
  ],
  'AWS::Config::ConfigurationAggregator': [
    'config:PutConfigurationAggregator',
    'config:DescribeConfigurationAggregators',
    'config:DeleteConfigurationAggregator',
    'config:TagResource',
    'config:UntagResource',
    'config:ListTagsForResource',
    // RoleArn: Config assumes the role, so the deployer passes it (to config.amazonaws.com only).
    'iam:PassRole',
    'organizations:EnableAWSServiceAccess',
    'organizations:ListDelegatedAdministrators',
  ],
} as const;

/** The aggregator, its role and its outputs; `CONDITION.allAggregatorRegions` must be declared. */
export function buildConfigAggregator(): TemplateFragment {
  const role = new IAM.Role({
    Description: 'AWS Config organization aggregator role (sg-guardrail)',
    // Config documents no aws:SourceAccount for aggregation, and a condition it never sends would
    // lock the role, so the trust names the service only.
    AssumeRolePolicyDocument: serviceTrustPolicy(SERVICE_PRINCIPAL.config, { fromThisAccountOnly: false }),
    ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations')],
  });
  const aggregator = new Config.ConfigurationAggregator({
    ConfigurationAggregatorName: Fn.Ref(AGGREGATOR_PARAMETER.name),
    // AllAwsRegions also takes regions enabled later; a list keeps the aggregator to where rules run.
    OrganizationAggregationSource: {
      RoleArn: Fn.GetAtt(LOGICAL_ID.aggregatorRole, 'Arn'),
      AllAwsRegions: ifCondition(CONDITION.allAggregatorRegions, true, Refs.NoValue),
      AwsRegions: ifCondition(CONDITION.allAggregatorRegions, Refs.NoValue, Fn.Split(',', Fn.Ref(AGGREGATOR_PARAMETER.regions))),
    },
  });
  return {
    Resources: { [LOGICAL_ID.aggregatorRole]: role, [LOGICAL_ID.aggregator]: aggregator },
    Outputs: {
      [OUTPUT.aggregatorName]: { Description: 'Name of the AWS Config organization aggregator', Value: Fn.Ref(LOGICAL_ID.aggregator) },
      [OUTPUT.aggregatorArn]: {
        Description: 'ARN of the AWS Config organization aggregator',
        Value: Fn.GetAtt(LOGICAL_ID.aggregator, 'ConfigurationAggregatorArn'),
      },
    },
  };
}
