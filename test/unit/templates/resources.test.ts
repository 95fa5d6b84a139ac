/** What each resource family must hold, on the templates as CloudFormation resolves them. */
import { LAMBDA_RUNTIME } from '../../../src/build/handler-bundle';
import { FUNCTION_ENVIRONMENT, parseFunctionEnvironment } from '../../../src/function-settings';
import { RULE_PARAMETER, parseRuleParameters } from '../../../src/rule-parameters';
import { TEMPLATE_PARAMETER } from '../../../src/template-parameters';
import { FAKE_HANDLER_CODE, PORTFOLIO_URL, plainTemplate } from './fixtures';
import type { JsonObject } from './template-lint';
import { evaluateCondition, resolveTemplate, transitiveDependencies } from './template-lint';

const resourcesOf = (template: JsonObject) => template.Resources as Record<string, any>;

describe('delivery bucket', () => {
  const bucket = resourcesOf(resolveTemplate(plainTemplate('baseline'))).DeliveryBucket;
  const policy = resourcesOf(resolveTemplate(plainTemplate('baseline'))).DeliveryBucketPolicy.Properties.PolicyDocument;

  it('is encrypted, private, versioned, and outlives the stack', () => {
    expect(bucket.Properties).toEqual({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    expect([bucket.DeletionPolicy, bucket.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  it('denies every request without TLS', () => {
    expect(policy.Statement).toContainEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [{ 'Fn::GetAtt': ['DeliveryBucket', 'Arn'] }, { 'Fn::Sub': '${DeliveryBucket.Arn}/*' }],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('lets AWS Config of this account only check it and write its own path', () => {
    const config = policy.Statement.filter((s: any) => s.Principal?.Service === 'config.amazonaws.com');
    expect(config.map((s: any) => s.Condition.StringEquals['aws:SourceAccount'])).toEqual([{ Ref: 'AWS::AccountId' }, { Ref: 'AWS::AccountId' }]);
    expect(config.flatMap((s: any) => [].concat(s.Action)).sort()).toEqual(['s3:GetBucketAcl', 's3:ListBucket', 's3:PutObject']);
    const put = config.find((s: any) => s.Action === 's3:PutObject');
    expect(put.Resource).toEqual({ 'Fn::Sub': '${DeliveryBucket.Arn}/AWSLogs/${AWS::AccountId}/Config/*' });
    expect(put.Condition.StringEquals['s3:x-amz-acl']).toBe('bucket-owner-full-control');
  });

  it.each(['baseline', 'standalone'] as const)(
    '%s names the bucket by testing ExistingBucketName itself, so its empty default is never used',
    (name) => {
      const template = plainTemplate(name);
      expect((template.Conditions as any).HasExistingBucket).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ExistingBucketName' }, ''] }] });
      expect(resourcesOf(template).DeliveryChannel.Properties.S3BucketName).toEqual({
        'Fn::If': ['HasExistingBucket', { Ref: 'ExistingBucketName' }, { Ref: 'DeliveryBucket' }],
      });
    },
  );

  it('is not created when an existing bucket is named', () => {
    const resources = resourcesOf(resolveTemplate(plainTemplate('baseline'), { ExistingBucketName: 'central' }));
    expect(resources).not.toHaveProperty('DeliveryBucket');
    expect(resources).not.toHaveProperty('DeliveryBucketPolicy');
    expect(resources.DeliveryChannel.Properties).toEqual({ S3BucketName: { Ref: 'ExistingBucketName' } });
  });

  it('delivers under a key prefix in the existing bucket when one is given', () => {
    const values = { ExistingBucketName: 'central', ExistingBucketKeyPrefix: 'o-a1b2c3d4e5' };
    const resources = resourcesOf(resolveTemplate(plainTemplate('baseline'), values));
    expect(resources.DeliveryChannel.Properties).toEqual({
      S3BucketName: { Ref: 'ExistingBucketName' },
      S3KeyPrefix: { Ref: 'ExistingBucketKeyPrefix' },
    });
  });
});

describe('recorder and delivery channel', () => {
  it.each([
    ['CONTINUOUS', {}],
    ['DAILY', { RecordingFrequency: 'DAILY' }],
  ])('record only security groups, %s', (_f, values) => {
    const template = resolveTemplate(plainTemplate('baseline'), values);
    expect(resourcesOf(template).ConfigRecorder.Properties).toEqual({
      RoleARN: { 'Fn::GetAtt': ['ConfigRole', 'Arn'] },
      RecordingGroup: {
        AllSupported: false,
        IncludeGlobalResourceTypes: false,
        RecordingStrategy: { UseOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
        ResourceTypes: ['AWS::EC2::SecurityGroup'],
      },
      RecordingMode: { RecordingFrequency: { Ref: 'RecordingFrequency' } },
    });
  });

  it('the channel waits for the recorder and, when the bucket is ours, for its policy', () => {
    const own = resolveTemplate(plainTemplate('baseline'));
    expect(transitiveDependencies(own, 'DeliveryChannel')).toEqual(new Set(['ConfigRecorder', 'ConfigRole', 'DeliveryBucket', 'DeliveryBucketPolicy']));
    const central = resolveTemplate(plainTemplate('baseline'), { ExistingBucketName: 'central' });
    expect(transitiveDependencies(central, 'DeliveryChannel')).toEqual(new Set(['ConfigRecorder', 'ConfigRole']));
  });

  it('standalone with CreateConfigRecorder=false creates no recording resource at all', () => {
    const resources = resourcesOf(resolveTemplate(plainTemplate('standalone'), { CreateConfigRecorder: 'false' }));
    expect(Object.keys(resources).sort()).toEqual([
      'GuardrailFunction',
      'GuardrailFunctionRole',
      'GuardrailInvokePermission',
      'GuardrailLogGroup',
      'GuardrailLogsPolicy',
      'GuardrailRule',
    ]);
  });
});

describe('the guardrail function', () => {
  const resources = resourcesOf(resolveTemplate(plainTemplate('rule')));

  it('runs the inlined bundle as index.handler on the current Node.js runtime', () => {
    expect(resources.GuardrailFunction.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Code: { ZipFile: FAKE_HANDLER_CODE },
      Role: { 'Fn::GetAtt': ['GuardrailFunctionRole', 'Arn'] },
    });
    expect(LAMBDA_RUNTIME).toBe('nodejs24.x');
  });

  // aws-facts D: block-create dates of Node.js runtimes; a runtime whose creation is blocked within
  // 180 days would break StackSet auto-deployment into new accounts.
  const BLOCK_CREATE: Readonly<Record<string, string>> = {
    'nodejs18.x': '2025-09-01',
    'nodejs20.x': '2026-08-31',
    'nodejs22.x': '2027-06-01',
    'nodejs24.x': '2028-06-01',
  };
  it('does not use a deprecated or soon-blocked runtime', () => {
    const blocked = BLOCK_CREATE[LAMBDA_RUNTIME];
    expect(blocked).toBeDefined();
    expect(Date.parse(blocked ?? '') - Date.now()).toBeGreaterThan(180 * 24 * 3600 * 1000);
  });

  it('keeps its logs for LogRetentionDays, also after the stack is deleted or the group replaced', () => {
    expect(resources.GuardrailLogGroup.Properties.RetentionInDays).toEqual({ Ref: TEMPLATE_PARAMETER.logRetentionDays });
    expect([resources.GuardrailLogGroup.DeletionPolicy, resources.GuardrailLogGroup.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  it("gets the rule's scope and the matching through its Environment, from the very parameters the rule's Scope uses", () => {
    const template = resolveTemplate(plainTemplate('rule'), { ScopeTagKey: 'team', ScopeTagValue: 'web' });
    const variables = resourcesOf(template).GuardrailFunction.Properties.Environment.Variables;
    const scope = resourcesOf(template).GuardrailRule.Properties.Scope;
    expect(variables).toEqual({
      [FUNCTION_ENVIRONMENT.scopeTagKey]: scope.TagKey,
      [FUNCTION_ENVIRONMENT.scopeTagValue]: scope.TagValue,
      [FUNCTION_ENVIRONMENT.matching]: { Ref: TEMPLATE_PARAMETER.matching },
    });
    expect(scope).toEqual({ TagKey: { Ref: TEMPLATE_PARAMETER.scopeTagKey }, TagValue: { Ref: TEMPLATE_PARAMETER.scopeTagValue } });
  });

  it('with the defaults, the handler parses its Environment: every group, exact matching', () => {
    const parameters = plainTemplate('rule').Parameters as Record<string, { Default: string }>;
    const variables = resources.GuardrailFunction.Properties.Environment.Variables as Record<string, { Ref: string }>;
    const environment = Object.fromEntries(Object.entries(variables).map(([name, ref]) => [name, parameters[ref.Ref]?.Default]));
    expect(parseFunctionEnvironment(environment)).toEqual({ matching: 'exact' });
  });

  it('runs up to Lambda’s 900 s with 512 MB: a paced first sweep of a large account, stopped by itself before the deadline', () => {
    expect([resources.GuardrailFunction.Properties.Timeout, resources.GuardrailFunction.Properties.MemorySize]).toEqual([900, 512]);
  });

  it('may be invoked only by AWS Config of this account', () => {
    expect(resources.GuardrailInvokePermission.Properties).toEqual({
      FunctionName: { 'Fn::GetAtt': ['GuardrailFunction', 'Arn'] },
      Action: 'lambda:InvokeFunction',
      Principal: 'config.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });
});

describe('the Config rule', () => {
  const rule = (values: Record<string, string> = {}, name: 'rule' | 'standalone' = 'rule') =>
    resourcesOf(resolveTemplate(plainTemplate(name), values)).GuardrailRule;

  it('is a custom Lambda rule triggered by changes (oversized too) and periodically', () => {
    expect(rule().Properties.Source).toEqual({
      Owner: 'CUSTOM_LAMBDA',
      SourceIdentifier: { 'Fn::GetAtt': ['GuardrailFunction', 'Arn'] },
      SourceDetails: [
        { EventSource: 'aws.config', MessageType: 'ConfigurationItemChangeNotification' },
        { EventSource: 'aws.config', MessageType: 'OversizedConfigurationItemChangeNotification' },
        { EventSource: 'aws.config', MessageType: 'ScheduledNotification', MaximumExecutionFrequency: { Ref: 'EvaluationFrequency' } },
      ],
    });
  });

  it('passes every rule parameter the handler reads, from the template parameters', () => {
    const input = rule().Properties.InputParameters;
    expect(Object.keys(input).sort()).toEqual(Object.values(RULE_PARAMETER).sort());
    expect(input).toEqual({
      allowedIngress: { Ref: 'AllowedIngress' },
      allowedCidrs: { Ref: 'AllowedCidrs' },
      mode: { Ref: 'Mode' },
      exemptTagKey: { Ref: 'ExemptTagKey' },
    });
  });

  it('with the defaults, the handler parses what Config hands it', () => {
    const template = plainTemplate('rule');
    const parameters = template.Parameters as Record<string, { Default: string }>;
    const input = rule().Properties.InputParameters as Record<string, { Ref: string }>;
    const ruleParameters = JSON.stringify(Object.fromEntries(Object.entries(input).map(([k, v]) => [k, parameters[v.Ref]?.Default])));
    expect(parseRuleParameters(JSON.parse(ruleParameters)).mode).toBe('enforce');
  });

  it.each([
    [{}, { ComplianceResourceTypes: ['AWS::EC2::SecurityGroup'] }],
    [{ ScopeTagKey: 'team' }, { TagKey: { Ref: 'ScopeTagKey' } }],
    [{ ScopeTagKey: 'team', ScopeTagValue: 'web' }, { TagKey: { Ref: 'ScopeTagKey' }, TagValue: { Ref: 'ScopeTagValue' } }],
  ])('scope for %j', (values, scope) => {
    expect(rule(values).Properties.Scope).toEqual(scope);
  });

  it('waits for the invoke permission and the logs policy (so the log group exists)', () => {
    expect(rule().DependsOn).toEqual(['GuardrailInvokePermission', 'GuardrailLogsPolicy']);
    const deps = transitiveDependencies(resolveTemplate(plainTemplate('rule')), 'GuardrailRule');
    expect([...deps].sort()).toEqual(['GuardrailFunction', 'GuardrailFunctionRole', 'GuardrailInvokePermission', 'GuardrailLogGroup', 'GuardrailLogsPolicy']);
  });

  it('in standalone waits for the recorder and channel when it creates them, and only then', () => {
    const created = transitiveDependencies(resolveTemplate(plainTemplate('standalone')), 'GuardrailRule');
    expect([...created]).toEqual(expect.arrayContaining(['ConfigRecorder', 'DeliveryChannel', 'DeliveryBucketPolicy']));
    const reused = resolveTemplate(plainTemplate('standalone'), { CreateConfigRecorder: 'false' });
    expect(rule({ CreateConfigRecorder: 'false' }, 'standalone').Metadata).toEqual({ ConditionalDependsOn: {} });
    expect([...transitiveDependencies(reused, 'GuardrailRule')]).not.toContain('ConfigRecorder');
  });
});

describe('Rules section', () => {
  const assertionsHold = (template: JsonObject, values: Record<string, string>) =>
    Object.values((template.Rules ?? {}) as Record<string, any>).every(
      (r) =>
        (r.RuleCondition !== undefined && !evaluateCondition(template, values, r.RuleCondition)) ||
        r.Assertions.every((a: any) => evaluateCondition(template, values, a.Assert)),
    );

  it.each([
    ['rule', {}, true],
    ['rule', { ScopeTagKey: 'team', ScopeTagValue: 'web' }, true],
    ['rule', { ScopeTagValue: 'web' }, false],
    ['standalone', { ScopeTagValue: 'web' }, false],
    ['standalone', { CreateConfigRecorder: 'false' }, true],
    ['standalone', { ExistingBucketName: 'central' }, true],
    ['standalone', { CreateConfigRecorder: 'false', ExistingBucketName: 'central' }, false],
    ['baseline', { ExistingBucketName: 'central', ExistingBucketKeyPrefix: 'o-a1b2c3d4e5' }, true],
    ['baseline', { ExistingBucketKeyPrefix: 'o-a1b2c3d4e5' }, false],
    ['standalone', { ExistingBucketKeyPrefix: 'o-a1b2c3d4e5' }, false],
    ['standalone', { CreateConfigRecorder: 'false', ExistingBucketKeyPrefix: 'o-a1b2c3d4e5' }, false],
  ] as const)('%s with %j is accepted: %s', (name, values, ok) => {
    expect(assertionsHold(plainTemplate(name), values)).toBe(ok);
  });
});

describe('outputs', () => {
  it.each([
    ['baseline', {}, ['DeliveryBucketName']],
    ['rule', {}, ['RuleName', 'RuleArn', 'FunctionArn']],
    ['standalone', {}, ['RuleName', 'RuleArn', 'FunctionArn', 'DeliveryBucketName']],
    ['standalone', { CreateConfigRecorder: 'false' }, ['RuleName', 'RuleArn', 'FunctionArn']],
    ['portfolio', { StandaloneTemplateUrl: PORTFOLIO_URL }, ['PortfolioId', 'ProductId']],
  ] as const)('%s with %j: %j', (name, values, outputs) => {
    expect(Object.keys(resolveTemplate(plainTemplate(name), values).Outputs as JsonObject)).toEqual(outputs);
  });
});

describe('Service Catalog portfolio', () => {
  it('loads the standalone template from the given URL as a CloudFormation product', () => {
    const product = resourcesOf(plainTemplate('portfolio')).StandaloneProduct.Properties;
    expect(product.ProvisioningArtifactParameters).toEqual([
      {
        Name: '0.0.0-test',
        Description: 'sg-guardrail 0.0.0-test standalone template',
        Type: 'CLOUD_FORMATION_TEMPLATE',
        Info: { LoadTemplateFromURL: { Ref: 'StandaloneTemplateUrl' } },
      },
    ]);
  });

  it.each([
    [{}, ['Portfolio', 'ProductAssociation', 'StandaloneProduct']],
    [{ PrincipalArn: 'arn:aws:iam::111122223333:role/Team' }, ['Portfolio', 'PrincipalAssociation', 'ProductAssociation', 'StandaloneProduct']],
    [{ LaunchRoleName: 'Launch' }, ['LaunchRoleConstraint', 'Portfolio', 'ProductAssociation', 'StandaloneProduct']],
  ])('with %j creates %j', (values, ids) => {
    const resources = resourcesOf(resolveTemplate(plainTemplate('portfolio'), { StandaloneTemplateUrl: PORTFOLIO_URL, ...values }));
    expect(Object.keys(resources).sort()).toEqual(ids);
  });

  it('the launch constraint waits for the product association', () => {
    expect(resourcesOf(plainTemplate('portfolio')).LaunchRoleConstraint.DependsOn).toEqual(['ProductAssociation']);
  });
});
