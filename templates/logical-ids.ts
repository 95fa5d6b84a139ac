/**
 * Logical IDs, condition names and output names of every template, in one place so a Ref, a
 * GetAtt, a DependsOn and a test can never disagree on a spelling.
 */

export const LOGICAL_ID = {
  configRole: 'ConfigRole',
  deliveryBucket: 'DeliveryBucket',
  deliveryBucketPolicy: 'DeliveryBucketPolicy',
  configRecorder: 'ConfigRecorder',
  deliveryChannel: 'DeliveryChannel',
  functionRole: 'GuardrailFunctionRole',
  functionLogGroup: 'GuardrailLogGroup',
  functionLogsPolicy: 'GuardrailLogsPolicy',
  function: 'GuardrailFunction',
  invokePermission: 'GuardrailInvokePermission',
  configRule: 'GuardrailRule',
  portfolio: 'Portfolio',
  product: 'StandaloneProduct',
  productAssociation: 'ProductAssociation',
  principalAssociation: 'PrincipalAssociation',
  launchRoleConstraint: 'LaunchRoleConstraint',
  aggregatorRole: 'AggregatorRole',
  aggregator: 'OrganizationAggregator',
  launchRole: 'LaunchRole',
} as const;
export type LogicalId = (typeof LOGICAL_ID)[keyof typeof LOGICAL_ID];

export const CONDITION = {
  createRecorder: 'ShouldCreateRecorder',
  hasExistingBucket: 'HasExistingBucket',
  hasKeyPrefix: 'HasExistingBucketKeyPrefix',
  createBucket: 'ShouldCreateBucket',
  enforceMode: 'IsEnforceMode',
  hasScopeTagKey: 'HasScopeTagKey',
  hasScopeTagValue: 'HasScopeTagValue',
  hasConfigRuleName: 'HasConfigRuleName',
  hasPrincipal: 'HasPrincipal',
  hasLaunchRole: 'HasLaunchRole',
  allAggregatorRegions: 'AggregateAllRegions',
} as const;
export type ConditionName = (typeof CONDITION)[keyof typeof CONDITION];

export const OUTPUT = {
  ruleName: 'RuleName',
  ruleArn: 'RuleArn',
  functionArn: 'FunctionArn',
  bucketName: 'DeliveryBucketName',
  portfolioId: 'PortfolioId',
  productId: 'ProductId',
  aggregatorName: 'ConfigurationAggregatorName',
  aggregatorArn: 'ConfigurationAggregatorArn',
  launchRoleArn: 'LaunchRoleArn',
} as const;

/** The parameter of the Service Catalog launch role template. */
export const LAUNCH_ROLE_PARAMETER = { roleName: 'LaunchRoleName' } as const;

/** Parameters of the Service Catalog portfolio template (not shared with deploy, so kept here). */
export const PORTFOLIO_PARAMETER = {
  templateUrl: 'StandaloneTemplateUrl',
  portfolioName: 'PortfolioDisplayName',
  providerName: 'ProviderName',
  principalArn: 'PrincipalArn',
  launchRoleName: 'LaunchRoleName',
} as const;
