/** The Config aggregator adapter: exact requests, every page, throttling retried, errors with the fix. */
import {
  ConfigServiceClient,
  ConfigServiceServiceException,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigurationAggregatorsCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  NoSuchConfigurationAggregatorException,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { ConfigAggregatorAdapter } from '../../../src/aws/config-aggregator';
import { AwsCallError } from '../../../src/errors';

const mock = mockClient(ConfigServiceClient);
const sleeps: number[] = [];
const adapter = new ConfigAggregatorAdapter(new ConfigServiceClient({}), { sleep: async (ms) => void sleeps.push(ms) });
const meta = { $metadata: {} };
const throttling = () => new ConfigServiceServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: {}, message: 'Rate exceeded' });

beforeEach(() => {
  mock.reset();
  sleeps.length = 0;
});

describe('ConfigAggregatorAdapter', () => {
  it('describes an organization aggregator by name; a missing one is undefined', async () => {
    mock.on(DescribeConfigurationAggregatorsCommand, { ConfigurationAggregatorNames: ['org'] }).resolves({
      ...meta,
      ConfigurationAggregators: [{ ConfigurationAggregatorName: 'org', OrganizationAggregationSource: { RoleArn: 'arn:aws:iam::1:role/r', AwsRegions: ['eu-west-1'], AllAwsRegions: false } }],
    });
    mock.on(DescribeConfigurationAggregatorsCommand, { ConfigurationAggregatorNames: ['gone'] }).rejects(new NoSuchConfigurationAggregatorException({ $metadata: {}, message: 'no' }));
    expect(await adapter.describeAggregator('org')).toEqual({ name: 'org', organization: true, regions: ['eu-west-1'] });
    expect(await adapter.describeAggregator('gone')).toBeUndefined();
  });

  it('asks for one rule (and the scope) and follows NextToken past an empty page', async () => {
    mock
      .on(DescribeAggregateComplianceByConfigRulesCommand)
      .resolvesOnce({ ...meta, AggregateComplianceByConfigRules: [], NextToken: 't1' })
      .resolvesOnce({ ...meta, AggregateComplianceByConfigRules: [{ ConfigRuleName: 'p-web', AccountId: '222222222222', AwsRegion: 'us-east-1', Compliance: { ComplianceType: 'NON_COMPLIANT' } }], NextToken: 't2' })
      .resolvesOnce({ ...meta, AggregateComplianceByConfigRules: [{ ConfigRuleName: 'p-web', AccountId: '222222222222', AwsRegion: 'eu-west-1', Compliance: { ComplianceType: 'COMPLIANT' } }] });
    const rows = await adapter.ruleCompliance('org', 'p-web', { accountId: '222222222222' });
    expect(rows.map((r) => `${r.region}:${r.compliance}`)).toEqual(['us-east-1:NON_COMPLIANT', 'eu-west-1:COMPLIANT']);
    expect(mock.commandCalls(DescribeAggregateComplianceByConfigRulesCommand).map((c) => c.args[0].input)).toEqual([
      { ConfigurationAggregatorName: 'org', Filters: { ConfigRuleName: 'p-web', AccountId: '222222222222', AwsRegion: undefined }, NextToken: undefined },
      { ConfigurationAggregatorName: 'org', Filters: { ConfigRuleName: 'p-web', AccountId: '222222222222', AwsRegion: undefined }, NextToken: 't1' },
      { ConfigurationAggregatorName: 'org', Filters: { ConfigRuleName: 'p-web', AccountId: '222222222222', AwsRegion: undefined }, NextToken: 't2' },
    ]);
  });

  it('reads NON_COMPLIANT details 100 at a time, retrying throttling with backoff', async () => {
    mock
      .on(GetAggregateComplianceDetailsByConfigRuleCommand)
      .rejectsOnce(throttling())
      .resolvesOnce({
        ...meta,
        AggregateEvaluationResults: [
          {
            EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: 'p-web', ResourceType: 'AWS::EC2::SecurityGroup', ResourceId: 'sg-1' } },
            ComplianceType: 'NON_COMPLIANT',
            Annotation: 'report mode; extra tcp:22@0.0.0.0/0',
            ResultRecordedTime: new Date('2026-01-02T03:04:05Z'),
            AccountId: '222222222222',
            AwsRegion: 'us-east-1',
          },
        ],
      });
    const found = await adapter.nonCompliant('org', 'p-web', { accountId: '222222222222', region: 'us-east-1' });
    expect(found).toEqual([
      { ruleName: 'p-web', accountId: '222222222222', region: 'us-east-1', resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-1', compliance: 'NON_COMPLIANT', annotation: 'report mode; extra tcp:22@0.0.0.0/0', recordedAt: '2026-01-02T03:04:05.000Z' },
    ]);
    expect(sleeps).toHaveLength(1);
    expect(mock.commandCalls(GetAggregateComplianceDetailsByConfigRuleCommand)[1]?.args[0].input).toEqual({
      ConfigurationAggregatorName: 'org',
      ConfigRuleName: 'p-web',
      AccountId: '222222222222',
      AwsRegion: 'us-east-1',
      ComplianceType: 'NON_COMPLIANT',
      Limit: 100,
      NextToken: undefined,
    });
  });

  it('turns access denied into an AwsCallError naming the call and the fix', async () => {
    mock.on(DescribeAggregateComplianceByConfigRulesCommand).rejects(new ConfigServiceServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: {}, message: 'no' }));
    const error = await adapter.ruleCompliance('org', 'p-web', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).message).toMatch(/^config:DescribeAggregateComplianceByConfigRules \(org\): AccessDeniedException: no Fix: allow the config/);
  });
});
