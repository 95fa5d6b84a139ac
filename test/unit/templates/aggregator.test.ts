/** The organization aggregator template: what `compliance` reads, with only the access Config documents. */
import { DEPLOY_CONFIG_SCHEMA } from '../../../src/deploy/config/config';
import { aggregatorParameters, aggregatorStackName } from '../../../src/deploy/aggregator';
import { DEFAULT_PREFIX, defaultAggregatorName } from '../../../src/deploy/config/config-types';
import { AGGREGATOR_PARAMETER } from '../../../src/template-parameters';
import { AGGREGATOR_RESOURCE_ACTIONS } from '../../../templates/aggregator';
import { AGGREGATOR_NAME_PATTERN, AGGREGATOR_REGIONS_PATTERN, DEFAULT_AGGREGATOR_NAME } from '../../../templates/aggregator-template';
import { plainTemplate } from './fixtures';
import { matches } from './parameter-cases';
import { resolveTemplate } from './template-lint';
import type { JsonObject } from './template-lint';

const resources = (values: Record<string, string> = {}): Record<string, JsonObject> =>
  resolveTemplate(plainTemplate('aggregator'), values).Resources as Record<string, JsonObject>;
const source = (values: Record<string, string> = {}): JsonObject =>
  ((resources(values).OrganizationAggregator as JsonObject).Properties as JsonObject).OrganizationAggregationSource as JsonObject;

describe('the aggregator template', () => {
  it('creates exactly an organization aggregator and the role Config assumes for it', () => {
    const r = resources();
    expect(Object.fromEntries(Object.entries(r).map(([id, v]) => [id, v.Type]))).toEqual({
      AggregatorRole: 'AWS::IAM::Role',
      OrganizationAggregator: 'AWS::Config::ConfigurationAggregator',
    });
    const role = r.AggregatorRole?.Properties as JsonObject;
    expect(role.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AssumedByService', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(role.ManagedPolicyArns).toEqual([{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations' }]);
    expect(role).not.toHaveProperty('Policies');
    expect(role).not.toHaveProperty('RoleName');
  });

  it('names, for every resource type it holds, the calls CloudFormation makes for it with the deployer\'s credentials', () => {
    const types = [...new Set(Object.values(resources()).map((r) => r.Type as string))].sort();
    expect(Object.keys(AGGREGATOR_RESOURCE_ACTIONS).sort()).toEqual(types);
    // Without inline policies or a permissions boundary, the role needs none of their calls.
    const role = resources().AggregatorRole?.Properties as JsonObject;
    expect(Object.keys(role).sort()).toEqual(['AssumeRolePolicyDocument', 'Description', 'ManagedPolicyArns']);
  });

  it('aggregates every region when AggregatorRegions is empty, else exactly the listed ones', () => {
    expect(source()).toEqual({ RoleArn: { 'Fn::GetAtt': ['AggregatorRole', 'Arn'] }, AllAwsRegions: true });
    expect(source({ [AGGREGATOR_PARAMETER.regions]: 'us-east-1,eu-west-1' })).toEqual({
      RoleArn: { 'Fn::GetAtt': ['AggregatorRole', 'Arn'] },
      AwsRegions: { 'Fn::Split': [',', { Ref: AGGREGATOR_PARAMETER.regions }] },
    });
  });

  it.each([
    [AGGREGATOR_NAME_PATTERN, 'sg-guardrail-organization', true],
    [AGGREGATOR_NAME_PATTERN, 'aws-controltower-GuardrailsComplianceAggregator', true],
    [AGGREGATOR_NAME_PATTERN, 'has space', false],
    [AGGREGATOR_NAME_PATTERN, '', false],
    [AGGREGATOR_REGIONS_PATTERN, '', true],
    [AGGREGATOR_REGIONS_PATTERN, 'us-east-1,eu-west-1', true],
    [AGGREGATOR_REGIONS_PATTERN, 'us-east-1, eu-west-1', false],
    [AGGREGATOR_REGIONS_PATTERN, 'us-east-1,', false],
  ])('%s: %j is %s', (pattern, value, ok) => {
    expect(matches(pattern, value)).toBe(ok);
  });

  it('has the config schema\'s name pattern, and the default name of the default prefix', () => {
    const schema = DEPLOY_CONFIG_SCHEMA as unknown as { properties: { aggregator: { properties: { name: { pattern: string } } } } };
    expect(schema.properties.aggregator.properties.name.pattern).toBe(AGGREGATOR_NAME_PATTERN);
    expect(DEFAULT_AGGREGATOR_NAME).toBe(defaultAggregatorName(DEFAULT_PREFIX));
  });
});

describe('the rollout\'s aggregator stack values', () => {
  it('name the config\'s aggregator and its regions, and pass the template\'s patterns', () => {
    const values = aggregatorParameters({ aggregator: { create: true, name: 'acme-organization' }, regions: ['us-east-1', 'eu-west-1'] });
    expect(values).toEqual({ AggregatorName: 'acme-organization', AggregatorRegions: 'eu-west-1,us-east-1' });
    expect(matches(AGGREGATOR_NAME_PATTERN, values.AggregatorName as string)).toBe(true);
    expect(matches(AGGREGATOR_REGIONS_PATTERN, values.AggregatorRegions as string)).toBe(true);
    expect(Object.keys(values).sort()).toEqual(Object.keys(plainTemplate('aggregator').Parameters as JsonObject).sort());
    expect(aggregatorStackName('acme')).toBe('acme-aggregator');
  });
});
