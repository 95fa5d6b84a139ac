import Ajv from 'ajv';
import { configProblems, DEPLOY_CONFIG_SCHEMA, parseDeployConfig } from '../../../src/deploy/config/config';
import type { AggregatorFile, BaselineFile, DeployConfigFile, OperationFile, ProfileFile, ServiceCatalogFile } from '../../../src/deploy/config/config-types';
import { CALL_AS, CONCURRENCY_MODES, DEFAULT_OPERATION_PREFERENCES, REGION_CONCURRENCY_TYPES } from '../../../src/deploy/config/config-types';
import { ConfigError } from '../../../src/errors';
import { MATCHINGS } from '../../../src/function-settings';
import { MODES } from '../../../src/rule-parameters';
import { EVALUATION_FREQUENCIES, LOG_RETENTION_DAYS, RECORDING_FREQUENCIES } from '../../../src/template-parameters';

/** Required keys of T (those without `?`). */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

// `satisfies Record<keyof X, …>` fails to compile when a key is added to or removed from the type;
// the tests below fail when the schema disagrees with these lists. Together they keep both in step.
const TOP = { prefix: 0, regions: 0, callAs: 0, baseline: 0, profiles: 0, operation: 0, aggregator: 0, serviceCatalog: 0 } satisfies Record<keyof DeployConfigFile, 0>;
const BASELINE = { skipOus: 0, recordingFrequency: 0, existingBucketName: 0, existingBucketKeyPrefix: 0 } satisfies Record<keyof BaselineFile, 0>;
const PROFILE = { ous: 0, allowedIngress: 0, allowedCidrs: 0, mode: 0, matching: 0, exemptTagKey: 0, scopeTagKey: 0, scopeTagValue: 0, evaluationFrequency: 0, logRetentionDays: 0 } satisfies Record<keyof ProfileFile, 0>;
const OPERATION = { regionConcurrency: 0, maxConcurrentPercentage: 0, failureTolerancePercentage: 0, concurrencyMode: 0 } satisfies Record<keyof OperationFile, 0>;
const AGGREGATOR = { create: 0, name: 0 } satisfies Record<keyof AggregatorFile, 0>;
const SERVICE_CATALOG = { portfolioName: 0, providerName: 0, productName: 0, perProfile: 0, shareOus: 0, principals: 0, launchRoleName: 0 } satisfies Record<keyof ServiceCatalogFile, 0>;
const TOP_REQUIRED: RequiredKeys<DeployConfigFile>[] = ['profiles', 'regions'];
const PROFILE_REQUIRED: RequiredKeys<ProfileFile>[] = ['allowedIngress', 'ous'];

interface SchemaNode {
  properties?: Record<string, SchemaNode & { enum?: unknown[]; items?: SchemaNode }>;
  required?: string[];
  additionalProperties?: unknown;
  definitions?: Record<string, SchemaNode>;
}
const schema = DEPLOY_CONFIG_SCHEMA as unknown as SchemaNode;
const profileSchema = schema.definitions?.profile as SchemaNode;
const keys = (node: SchemaNode | undefined): string[] => Object.keys(node?.properties ?? {}).sort();

describe('the JSON Schema and the TypeScript type agree', () => {
  it.each([
    ['top level', schema, TOP],
    ['baseline', schema.properties?.baseline, BASELINE],
    ['profile', profileSchema, PROFILE],
    ['operation', schema.properties?.operation, OPERATION],
    ['aggregator', schema.properties?.aggregator, AGGREGATOR],
    ['serviceCatalog', schema.properties?.serviceCatalog, SERVICE_CATALOG],
  ])('%s has the same fields', (_name, node, type) => {
    expect(keys(node)).toEqual(Object.keys(type).sort());
    expect(node?.additionalProperties).toBe(false);
  });

  it('has the same required fields', () => {
    expect([...(schema.required ?? [])].sort()).toEqual([...TOP_REQUIRED].sort());
    expect([...(profileSchema.required ?? [])].sort()).toEqual([...PROFILE_REQUIRED].sort());
  });

  it.each([
    ['callAs', schema.properties?.callAs?.enum, CALL_AS],
    ['profile.mode', profileSchema.properties?.mode?.enum, MODES],
    ['profile.matching', profileSchema.properties?.matching?.enum, MATCHINGS],
    ['profile.evaluationFrequency', profileSchema.properties?.evaluationFrequency?.enum, EVALUATION_FREQUENCIES],
    ['baseline.recordingFrequency', schema.properties?.baseline?.properties?.recordingFrequency?.enum, RECORDING_FREQUENCIES],
    ['operation.regionConcurrency', schema.properties?.operation?.properties?.regionConcurrency?.enum, REGION_CONCURRENCY_TYPES],
    ['operation.concurrencyMode', schema.properties?.operation?.properties?.concurrencyMode?.enum, CONCURRENCY_MODES],
    ['profile.logRetentionDays', profileSchema.properties?.logRetentionDays?.enum, LOG_RETENTION_DAYS],
  ])('%s has the same values', (_name, schemaValues, typeValues) => {
    expect(schemaValues).toEqual([...typeValues]);
  });

  it('is a valid draft-07 schema under strict ajv', () => {
    expect(() => new Ajv({ strict: true, allowUnionTypes: true }).compile(DEPLOY_CONFIG_SCHEMA)).not.toThrow();
  });
});

describe('parseDeployConfig', () => {
  it('fills every default', () => {
    const config = parseDeployConfig('regions: [eu-west-1]\nprofiles:\n  web: { allowedIngress: " 443 ", ous: [Root/Workloads/] }\n', 'org.yaml');
    expect(config).toEqual({
      file: 'org.yaml',
      prefix: 'sg-guardrail',
      regions: ['eu-west-1'],
      callAs: 'SELF',
      baseline: { skipOus: [], recordingFrequency: 'CONTINUOUS', existingBucketName: '', existingBucketKeyPrefix: '' },
      profiles: [
        {
          name: 'web',
          ous: ['Root/Workloads'],
          values: {
            allowedIngress: '443',
            allowedCidrs: '0.0.0.0/0,::/0',
            mode: 'enforce',
            matching: 'exact',
            exemptTagKey: 'sg-guardrail:exempt',
            scopeTagKey: '',
            scopeTagValue: '',
            evaluationFrequency: 'TwentyFour_Hours',
            logRetentionDays: 90,
          },
        },
      ],
      operation: DEFAULT_OPERATION_PREFERENCES,
      aggregator: { create: true, name: 'sg-guardrail-organization' },
      serviceCatalog: {
        portfolioName: 'sg-guardrail',
        providerName: 'Cloud platform team',
        productName: 'sg-guardrail',
        perProfile: false,
        shareOus: ['Root/Workloads'],
        principals: [],
        launchRoleName: '',
      },
    });
  });

  it('derives the aggregator, portfolio and product names from the prefix, and shares with the profiles\' OUs', () => {
    const config = parseDeployConfig('prefix: acme\nregions: [eu-west-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/A, Root/B] }\n  db: { allowedIngress: "5432", ous: [Root/C/] }\n', 'org.yaml');
    expect(config.aggregator.name).toBe('acme-organization');
    expect([config.serviceCatalog.portfolioName, config.serviceCatalog.productName]).toEqual(['acme', 'acme']);
    expect(config.serviceCatalog.shareOus).toEqual(['Root/C', 'Root/A', 'Root/B']);
  });

  it('keeps the aggregator and Service Catalog values given', () => {
    const config = parseDeployConfig(
      `regions: [eu-west-1]
aggregator: { create: false, name: aws-controltower-GuardrailsComplianceAggregator }
serviceCatalog: { portfolioName: Guardrails, providerName: Security, productName: sg, perProfile: true, shareOus: [Root/], principals: ["arn:aws:iam:::role/Platform*"], launchRoleName: SCLaunch-sg }
profiles:
  web: { allowedIngress: "443", ous: [Root/A] }
`,
      'org.yaml',
    );
    expect(config.aggregator).toEqual({ create: false, name: 'aws-controltower-GuardrailsComplianceAggregator' });
    expect(config.serviceCatalog).toEqual({ portfolioName: 'Guardrails', providerName: 'Security', productName: 'sg', perProfile: true, shareOus: ['Root'], principals: ['arn:aws:iam:::role/Platform*'], launchRoleName: 'SCLaunch-sg' });
  });

  it('sorts profiles by name and keeps every value given', () => {
    const config = parseDeployConfig(
      `prefix: acme-sg
regions: [us-east-1]
callAs: DELEGATED_ADMIN
baseline: { skipOus: [Root/CT], recordingFrequency: DAILY }
operation: { regionConcurrency: SEQUENTIAL, maxConcurrentPercentage: 25, failureTolerancePercentage: 0, concurrencyMode: STRICT_FAILURE_TOLERANCE }
profiles:
  web: { allowedIngress: "443", ous: [Root/A] }
  db: { allowedIngress: "5432@10.0.0.0/8", allowedCidrs: "10.0.0.0/8", mode: report, matching: ceiling, exemptTagKey: x, scopeTagKey: team, scopeTagValue: db, evaluationFrequency: One_Hour, ous: [ou-ab12-12345678] }
`,
      'org.yaml',
    );
    expect(config.profiles.map((p) => p.name)).toEqual(['db', 'web']);
    expect(config.profiles[0]?.values).toEqual({ allowedIngress: '5432@10.0.0.0/8', allowedCidrs: '10.0.0.0/8', mode: 'report', matching: 'ceiling', exemptTagKey: 'x', scopeTagKey: 'team', scopeTagValue: 'db', evaluationFrequency: 'One_Hour', logRetentionDays: 90 });
    expect(config.operation).toEqual({ regionConcurrencyType: 'SEQUENTIAL', maxConcurrentPercentage: 25, failureTolerancePercentage: 0, concurrencyMode: 'STRICT_FAILURE_TOLERANCE' });
    expect([config.prefix, config.callAs, config.baseline]).toEqual(['acme-sg', 'DELEGATED_ADMIN', { skipOus: ['Root/CT'], recordingFrequency: 'DAILY', existingBucketName: '', existingBucketKeyPrefix: '' }]);
  });

  it('collects every problem of every profile, each with path and fix', () => {
    let caught: unknown;
    try {
      parseDeployConfig('regions: [us-east-1]\nprofiles:\n  a: { allowedIngress: "80,x:1", ous: [R/A] }\n  b: { allowedIngress: "443", mode: audit, ous: [R/B] }\n', 'f.yaml');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect(configProblems(caught as ConfigError).map((p) => p.path)).toEqual(['profiles.b.mode', 'profiles.a.allowedIngress[1]']);
  });
});
