/**
 * Least privilege, checked on the templates as CloudFormation resolves them: the guardrail may
 * mutate only this account's and region's security groups, and not at all in report mode; it writes
 * only its own log group; roles are unnamed (CAPABILITY_IAM suffices) and trusts are narrow.
 */
import { ENFORCE_ACTIONS, READ_ACTIONS, SECURITY_GROUP_ARNS } from '../../../templates/lambda-function';
import { sdkActionsImportedBy } from '../../sdk-actions';
import { plainTemplate } from './fixtures';
import type { Json, JsonObject } from './template-lint';
import { policyDocuments, resolveTemplate } from './template-lint';

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource?: Json; Principal?: Json; Condition?: any };

const statementsOf = (template: JsonObject, resourceId?: string): (Statement & { where: string })[] =>
  policyDocuments(template)
    .filter(({ where }) => resourceId === undefined || where.startsWith(`${resourceId}.`))
    .flatMap(({ where, document }) => (document.Statement as Statement[]).map((s) => ({ ...s, where })));
const actionsOf = (s: Statement) => ([] as string[]).concat(s.Action);
const MUTATING_EC2 = /^ec2:(?!Describe|Get|List)/;

describe.each(['rule', 'standalone'] as const)('%s template IAM', (name) => {
  const enforce = resolveTemplate(plainTemplate(name), { Mode: 'enforce' });
  const report = resolveTemplate(plainTemplate(name), { Mode: 'report' });

  it('enforce mode: EC2 writes only on security groups and their rules in this account and region', () => {
    const writes = statementsOf(enforce).filter((s) => actionsOf(s).some((a) => MUTATING_EC2.test(a)));
    expect(writes).toEqual([
      {
        where: 'GuardrailFunctionRole.Policies[0]',
        Sid: 'RevertDrift',
        Effect: 'Allow',
        Action: [...ENFORCE_ACTIONS],
        Resource: SECURITY_GROUP_ARNS.map((arn) => ({ 'Fn::Sub': arn })),
      },
    ]);
    expect(SECURITY_GROUP_ARNS).toEqual([
      'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/*',
      'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group-rule/*',
    ]);
  });

  it('grants exactly the calls the handler makes: all in enforce mode, all but the writes in report mode', () => {
    const granted = (template: JsonObject) => statementsOf(template, 'GuardrailFunctionRole').filter((s) => s.where.endsWith('Policies[0]')).flatMap(actionsOf).sort();
    const calls = sdkActionsImportedBy('handler');
    expect(calls).toEqual(expect.arrayContaining([...ENFORCE_ACTIONS, 'config:PutEvaluations']));
    expect(granted(enforce)).toEqual(calls);
    expect(granted(report)).toEqual(calls.filter((a) => !(ENFORCE_ACTIONS as readonly string[]).includes(a)));
  });

  it('report mode: no mutating EC2 action anywhere in the template', () => {
    const all = statementsOf(report).flatMap(actionsOf);
    expect(all.filter((a) => MUTATING_EC2.test(a) || a === '*' || a === 'ec2:*')).toEqual([]);
    expect(all).toEqual(expect.arrayContaining(['config:PutEvaluations', 'ec2:DescribeSecurityGroupRules']));
  });

  it.each([
    ['enforce', enforce],
    ['report', report],
  ])('%s mode: "*" resources only for read actions and PutEvaluations', (_mode, template) => {
    const star = statementsOf(template, 'GuardrailFunctionRole').filter((s) => s.Resource === '*');
    expect(star.flatMap(actionsOf).sort()).toEqual([...READ_ACTIONS].sort());
    expect(READ_ACTIONS).toEqual(expect.arrayContaining(['ec2:DescribeSecurityGroups', 'ec2:DescribeSecurityGroupRules', 'config:PutEvaluations']));
  });

  it('logs only to the function\'s own log group', () => {
    const logs = statementsOf(enforce).filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
    expect(logs).toEqual([
      {
        where: 'GuardrailLogsPolicy.PolicyDocument',
        Sid: 'WriteOwnLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': ['GuardrailLogGroup', 'Arn'] },
      },
    ]);
    const policy = (enforce.Resources as any).GuardrailLogsPolicy.Properties;
    expect(policy.Roles).toEqual([{ Ref: 'GuardrailFunctionRole' }]);
    expect((enforce.Resources as any).GuardrailLogGroup.Properties.LogGroupName).toEqual({ 'Fn::Sub': '/aws/lambda/${GuardrailFunction}' });
  });

  it('the function role is assumable only by Lambda', () => {
    const trust = statementsOf(enforce, 'GuardrailFunctionRole').filter((s) => s.where.endsWith('AssumeRolePolicyDocument'));
    expect(trust.map((s) => [s.Principal, s.Action])).toEqual([[{ Service: 'lambda.amazonaws.com' }, 'sts:AssumeRole']]);
  });
});

describe.each(['baseline', 'standalone'] as const)('%s template IAM (recording)', (name) => {
  const template = resolveTemplate(plainTemplate(name));

  it('the Config role trusts config.amazonaws.com of this account only (aws:SourceAccount)', () => {
    const trust = statementsOf(template, 'ConfigRole').filter((s) => s.where.endsWith('AssumeRolePolicyDocument'));
    expect(trust).toEqual([
      expect.objectContaining({
        Principal: { Service: 'config.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    ]);
  });

  it('the Config role uses AWS_ConfigRole and writes only the delivery path', () => {
    const role = (template.Resources as any).ConfigRole.Properties;
    expect(role.ManagedPolicyArns).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWS_ConfigRole' }]);
    const writes = statementsOf(template, 'ConfigRole').filter((s) => actionsOf(s).includes('s3:PutObject'));
    expect(writes).toHaveLength(1);
    expect(writes[0]?.Resource).toEqual({
      'Fn::Sub': [
        'arn:${AWS::Partition}:s3:::${BucketName}/${KeyPrefix}AWSLogs/${AWS::AccountId}/Config/*',
        { BucketName: { Ref: 'DeliveryBucket' }, KeyPrefix: '' },
      ],
    });
    expect(writes[0]?.Condition).toEqual({ StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } });
  });

  it.each([
    [{ ExistingBucketName: 'central' }, ''],
    [{ ExistingBucketName: 'central', ExistingBucketKeyPrefix: 'o-a1b2c3d4e5' }, { 'Fn::Sub': '${ExistingBucketKeyPrefix}/' }],
  ])('with an existing bucket (%j), the Config role writes to its delivery path instead', (values, keyPrefix) => {
    const central = resolveTemplate(plainTemplate(name), values);
    const write = statementsOf(central, 'ConfigRole').find((s) => actionsOf(s).includes('s3:PutObject'));
    expect((write?.Resource as any)['Fn::Sub'][1]).toEqual({ BucketName: { Ref: 'ExistingBucketName' }, KeyPrefix: keyPrefix });
    expect(central.Resources).not.toHaveProperty('DeliveryBucket');
  });
});

describe.each(['baseline', 'rule', 'standalone', 'portfolio'] as const)('%s: global names never collide', (name) => {
  const resources = Object.values(plainTemplate(name).Resources as Record<string, any>);

  it('no named IAM role or policy, so CAPABILITY_IAM (not NAMED_IAM) suffices', () => {
    const named = resources.filter((r) => r.Type.startsWith('AWS::IAM::') && ('RoleName' in r.Properties || 'ManagedPolicyName' in r.Properties));
    expect(named).toEqual([]);
  });

  it('no fixed bucket, function, log-group, recorder, channel or rule name', () => {
    const fixed = resources.flatMap((r) =>
      ['BucketName', 'FunctionName', 'ConfigRuleName', 'Name']
        .filter((key) => typeof r.Properties?.[key] === 'string' && r.Type !== 'AWS::ServiceCatalog::CloudFormationProduct')
        .map((key) => `${r.Type}.${key}`),
    );
    expect(fixed).toEqual([]);
    const logGroups = resources.filter((r) => r.Type === 'AWS::Logs::LogGroup');
    for (const group of logGroups) expect(group.Properties.LogGroupName).toHaveProperty(['Fn::Sub']);
  });
});
