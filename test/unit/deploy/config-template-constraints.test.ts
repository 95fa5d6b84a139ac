/**
 * A value the deploy config accepts must also pass the template parameter it becomes: CloudFormation
 * checks AllowedPattern and MaxLength only when a stack set operation runs, in every account at once,
 * long after "nothing is sent to AWS before the whole config is valid". The schema repeats the
 * templates' constraints (JSON cannot import them); these tests keep the copies equal.
 */
import { DEPLOY_CONFIG_SCHEMA, parseDeployConfig } from '../../../src/deploy/config/config';
import { ConfigError } from '../../../src/errors';
import { TEMPLATE_PARAMETER } from '../../../src/template-parameters';
import { buildParameters } from '../../../templates/parameters';

interface StringSchema {
  readonly pattern?: string;
  readonly maxLength?: number;
  readonly enum?: readonly string[];
}
interface Schema {
  readonly properties: { readonly baseline: { readonly properties: Record<string, StringSchema> } };
  readonly definitions: { readonly profile: { readonly properties: Record<string, StringSchema> } };
}
const schema = DEPLOY_CONFIG_SCHEMA as unknown as Schema;
const profile = schema.definitions.profile.properties;
const baseline = schema.properties.baseline.properties;

const template = (name: string): { AllowedPattern?: string; MaxLength?: number } =>
  buildParameters([name as (typeof TEMPLATE_PARAMETER)[keyof typeof TEMPLATE_PARAMETER]])[name] as { AllowedPattern?: string; MaxLength?: number };

describe('the config schema holds the template parameter constraints the parser does not check', () => {
  it.each([
    ['profiles.*.allowedIngress', profile.allowedIngress, TEMPLATE_PARAMETER.allowedIngress],
    ['profiles.*.allowedCidrs', profile.allowedCidrs, TEMPLATE_PARAMETER.allowedCidrs],
    ['profiles.*.exemptTagKey', profile.exemptTagKey, TEMPLATE_PARAMETER.exemptTagKey],
  ])('%s has the MaxLength of its parameter', (_field, node, parameter) => {
    expect(node?.maxLength).toBe(template(parameter).MaxLength);
  });

  it.each([
    ['profiles.*.scopeTagValue', profile.scopeTagValue, TEMPLATE_PARAMETER.scopeTagValue],
    ['baseline.existingBucketName', baseline.existingBucketName, TEMPLATE_PARAMETER.existingBucketName],
    ['baseline.existingBucketKeyPrefix', baseline.existingBucketKeyPrefix, TEMPLATE_PARAMETER.existingBucketKeyPrefix],
  ])('%s has the AllowedPattern of its parameter', (_field, node, parameter) => {
    expect(node?.pattern).toBe(template(parameter).AllowedPattern);
  });
});

describe('the config schema offers exactly the values the templates allow', () => {
  it.each([
    ['profiles.*.mode', profile.mode, TEMPLATE_PARAMETER.mode],
    ['profiles.*.matching', profile.matching, TEMPLATE_PARAMETER.matching],
  ])('%s has the AllowedValues of its parameter', (_field, node, parameter) => {
    expect(node?.enum).toEqual((buildParameters([parameter])[parameter] as { AllowedValues?: string[] }).AllowedValues);
  });
});

describe('parseDeployConfig refuses what the templates would refuse', () => {
  const config = (profileFields: string, baselineFields = '{}'): string =>
    `regions: [us-east-1]\nbaseline: ${baselineFields}\nprofiles:\n  web: { ous: [Root/A], ${profileFields} }\n`;

  it.each([
    ['an allowedIngress over 600 characters', config(`allowedIngress: "${Array(151).fill('443').join(',')}"`), 'profiles.web.allowedIngress'],
    ['an allowedCidrs over 200 characters', config(`allowedIngress: "443", allowedCidrs: "${Array(21).fill('10.0.0.0/8').join(',')}"`), 'profiles.web.allowedCidrs'],
    ['a scopeTagValue with a character tags do not allow', config('allowedIngress: "443", scopeTagKey: team, scopeTagValue: "a&b"'), 'profiles.web.scopeTagValue'],
    ['a bucket name with two dots in a row', config('allowedIngress: "443"', '{ existingBucketName: "central..config" }'), 'baseline.existingBucketName'],
    ['a key prefix with a trailing slash', config('allowedIngress: "443"', '{ existingBucketName: central-config, existingBucketKeyPrefix: "o-abc/" }'), 'baseline.existingBucketKeyPrefix'],
  ])('%s', (_name, text, path) => {
    let caught: unknown;
    try {
      parseDeployConfig(text, 'org.yaml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message + String((caught as ConfigError).where)).toContain(path);
  });
});
