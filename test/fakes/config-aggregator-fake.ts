/**
 * An in-memory AWS Config aggregator (the read APIs `compliance` uses) with the semantics AWS
 * documents, served through the real ConfigServiceClient (aws-sdk-client-mock):
 * - DescribeConfigurationAggregators: a named aggregator that does not exist is
 *   NoSuchConfigurationAggregatorException. https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationAggregators.html
 * - DescribeConfigurationAggregatorSourcesStatus: per source and region SUCCEEDED | FAILED |
 *   OUTDATED with the last error. https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationAggregatorSourcesStatus.html
 * - DescribeAggregateComplianceByConfigRules: one row per rule, account and region that has results
 *   ("Does not display rules that do not have compliance results"); Limit 0-1000, 0 or none = the
 *   maximum; the ComplianceType filter takes only COMPLIANT and NON_COMPLIANT; "The results can
 *   return an empty result page, but if you have a nextToken, the results are displayed on the next
 *   page" (PageShape makes such pages). https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeAggregateComplianceByConfigRules.html
 * - GetAggregateComplianceDetailsByConfigRule: ConfigRuleName, AccountId and AwsRegion required;
 *   Limit 0-100, default 50. https://docs.aws.amazon.com/config/latest/APIReference/API_GetAggregateComplianceDetailsByConfigRule.html
 * - A rule is NON_COMPLIANT in an account and region if any resource is, COMPLIANT if all evaluated
 *   ones are, else INSUFFICIENT_DATA (only NOT_APPLICABLE results). https://docs.aws.amazon.com/config/latest/APIReference/API_Compliance.html
 * - Only the aggregator's regions are visible; ThrottlingException through the throttle knob; a
 *   token not issued for the listing is InvalidNextTokenException.
 */
import * as config from '@aws-sdk/client-config-service';
import type { AwsStub } from 'aws-sdk-client-mock';
import { mockClient } from 'aws-sdk-client-mock';
import { ok, responseMetadata, sdkError } from './aws-errors';
import { CallRecorder } from './call-recorder';
import { isPageError, Paginator } from './paging';

type Input = Record<string, unknown>;
type Compliance = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE';

export interface FakeAggregator {
  readonly name: string;
  readonly organization: boolean;
  /** Undefined: every region. */
  readonly regions?: readonly string[];
}

export interface FakeEvaluation {
  readonly ruleName: string;
  readonly accountId: string;
  readonly region: string;
  readonly resourceId: string;
  readonly compliance: Compliance;
  readonly annotation?: string;
  readonly resourceType?: string;
}

export interface FakeSourceStatus {
  readonly sourceId: string;
  readonly region: string;
  readonly status: 'SUCCEEDED' | 'FAILED' | 'OUTDATED';
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

const RECORDED = new Date('2026-03-01T10:00:00.000Z');

export class ConfigAggregatorFake {
  readonly recorder = new CallRecorder(new Set());
  readonly paginator = new Paginator('config');
  private readonly aggregators = new Map<string, FakeAggregator>();
  private readonly evaluations: FakeEvaluation[] = [];
  private readonly sources = new Map<string, FakeSourceStatus[]>();

  addAggregator(aggregator: FakeAggregator, sources: readonly FakeSourceStatus[] = [{ sourceId: 'o-exampleorg1', region: 'us-east-1', status: 'SUCCEEDED' }]): void {
    this.aggregators.set(aggregator.name, aggregator);
    this.sources.set(aggregator.name, [...sources]);
  }

  addEvaluations(...evaluations: FakeEvaluation[]): void {
    this.evaluations.push(...evaluations);
  }

  calls(operation?: string): readonly { operation: string; input: Readonly<Record<string, unknown>> }[] {
    return this.recorder.calls(operation);
  }

  handle(operation: string, input: Input): object {
    const call = this.recorder.record(operation, input);
    if (call.throttled) throw new config.ConfigServiceServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: responseMetadata(400), message: 'Rate exceeded' });
    switch (operation) {
      case 'DescribeConfigurationAggregators':
        return this.describeAggregators(input);
      case 'DescribeConfigurationAggregatorSourcesStatus': {
        const aggregator = this.aggregator(input);
        const wanted = input.UpdateStatus as string[] | undefined;
        const items = (this.sources.get(aggregator.name) ?? []).filter((s) => wanted === undefined || wanted.includes(s.status));
        return this.page(operation, input, 'AggregatedSourceStatusList', items, 1000, 1000, (s) => ({
          SourceId: s.sourceId,
          SourceType: s.sourceId.startsWith('o-') ? 'ORGANIZATION' : 'ACCOUNT',
          AwsRegion: s.region,
          LastUpdateStatus: s.status,
          LastUpdateTime: RECORDED,
          ...(s.errorCode === undefined ? {} : { LastErrorCode: s.errorCode, LastErrorMessage: s.errorMessage }),
        }));
      }
      case 'DescribeAggregateComplianceByConfigRules':
        return this.complianceByRules(input);
      case 'GetAggregateComplianceDetailsByConfigRule':
        return this.details(input);
      default:
        throw new Error(`ConfigAggregatorFake: ${operation} is not modelled`);
    }
  }

  private describeAggregators(input: Input): object {
    const names = (input.ConfigurationAggregatorNames as string[] | undefined) ?? [...this.aggregators.keys()];
    const missing = names.find((n) => !this.aggregators.has(n));
    if (missing !== undefined) throw sdkError(config.NoSuchConfigurationAggregatorException, 400, 'You have specified a configuration aggregator that does not exist.');
    return ok({
      ConfigurationAggregators: names.map((n) => {
        const a = this.aggregators.get(n) as FakeAggregator;
        const regions = a.regions === undefined ? { AllAwsRegions: true } : { AllAwsRegions: false, AwsRegions: [...a.regions] };
        return {
          ConfigurationAggregatorName: a.name,
          ConfigurationAggregatorArn: `arn:aws:config:us-east-1:111111111111:config-aggregator/config-aggregator-${a.name}`,
          ...(a.organization ? { OrganizationAggregationSource: { RoleArn: 'arn:aws:iam::111111111111:role/AggregatorRole', ...regions } } : { AccountAggregationSources: [{ AccountIds: ['222222222222'], ...regions }] }),
        };
      }),
    });
  }

  private complianceByRules(input: Input): object {
    const aggregator = this.aggregator(input);
    const f = (input.Filters ?? {}) as { ConfigRuleName?: string; ComplianceType?: string; AccountId?: string; AwsRegion?: string };
    if (f.ComplianceType !== undefined && f.ComplianceType !== 'COMPLIANT' && f.ComplianceType !== 'NON_COMPLIANT') {
      throw sdkError(config.InvalidParameterValueException, 400, 'Config supports only COMPLIANT and NON_COMPLIANT for ConfigRuleComplianceFilters.');
    }
    const rows = new Map<string, { ruleName: string; accountId: string; region: string; compliance: string }>();
    for (const e of this.visible(aggregator)) {
      if ((f.ConfigRuleName !== undefined && e.ruleName !== f.ConfigRuleName) || (f.AccountId !== undefined && e.accountId !== f.AccountId) || (f.AwsRegion !== undefined && e.region !== f.AwsRegion)) continue;
      const key = `${e.ruleName}/${e.accountId}/${e.region}`;
      const row = rows.get(key) ?? { ruleName: e.ruleName, accountId: e.accountId, region: e.region, compliance: 'INSUFFICIENT_DATA' };
      if (e.compliance === 'NON_COMPLIANT' || (e.compliance === 'COMPLIANT' && row.compliance !== 'NON_COMPLIANT')) row.compliance = e.compliance;
      rows.set(key, row);
    }
    const items = [...rows.values()].filter((r) => f.ComplianceType === undefined || r.compliance === f.ComplianceType);
    return this.page('DescribeAggregateComplianceByConfigRules', input, 'AggregateComplianceByConfigRules', items, 1000, 1000, (r) => ({
      ConfigRuleName: r.ruleName,
      AccountId: r.accountId,
      AwsRegion: r.region,
      Compliance: { ComplianceType: r.compliance, ...(r.compliance === 'NON_COMPLIANT' ? { ComplianceContributorCount: { CappedCount: 1, CapExceeded: false } } : {}) },
    }));
  }

  private details(input: Input): object {
    const aggregator = this.aggregator(input);
    for (const field of ['ConfigRuleName', 'AccountId', 'AwsRegion']) {
      if (typeof input[field] !== 'string' || input[field] === '') throw sdkError(config.ValidationException, 400, `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    }
    const items = this.visible(aggregator).filter(
      (e) => e.ruleName === input.ConfigRuleName && e.accountId === input.AccountId && e.region === input.AwsRegion && (input.ComplianceType === undefined || e.compliance === input.ComplianceType),
    );
    return this.page('GetAggregateComplianceDetailsByConfigRule', input, 'AggregateEvaluationResults', items, 50, 100, (e) => ({
      EvaluationResultIdentifier: {
        EvaluationResultQualifier: { ConfigRuleName: e.ruleName, ResourceType: e.resourceType ?? 'AWS::EC2::SecurityGroup', ResourceId: e.resourceId, EvaluationMode: 'DETECTIVE' },
        OrderingTimestamp: RECORDED,
      },
      ComplianceType: e.compliance,
      ResultRecordedTime: RECORDED,
      ConfigRuleInvokedTime: RECORDED,
      ...(e.annotation === undefined ? {} : { Annotation: e.annotation }),
      AccountId: e.accountId,
      AwsRegion: e.region,
    }));
  }

  private aggregator(input: Input): FakeAggregator {
    const found = this.aggregators.get(String(input.ConfigurationAggregatorName));
    if (found === undefined) throw sdkError(config.NoSuchConfigurationAggregatorException, 400, 'You have specified a configuration aggregator that does not exist.');
    return found;
  }

  private visible(aggregator: FakeAggregator): FakeEvaluation[] {
    return this.evaluations.filter((e) => aggregator.regions === undefined || aggregator.regions.includes(e.region));
  }

  private page<T>(operation: string, input: Input, field: string, items: readonly T[], defaultLimit: number, maxLimit: number, shape: (item: T) => object): object {
    const limit = input.Limit as number | undefined;
    if (limit !== undefined && (limit < 0 || limit > maxLimit)) throw sdkError(config.InvalidLimitException, 400, `The specified limit ${limit} is outside the allowable range.`);
    const key = `${operation}:${JSON.stringify({ ...input, NextToken: undefined, Limit: undefined })}`;
    const result = this.paginator.page(() => items, { listing: key, maxResults: limit === 0 ? undefined : limit, nextToken: input.NextToken as string | undefined, defaultMaxResults: defaultLimit, maxMaxResults: maxLimit });
    if (isPageError(result)) throw sdkError(config.InvalidNextTokenException, 400, 'The specified next token is not valid.');
    return ok({ [field]: result.items.map(shape), ...(result.nextToken === undefined ? {} : { NextToken: result.nextToken }) });
  }
}

export interface ConfigAggregatorFakes {
  readonly fake: ConfigAggregatorFake;
  readonly mock: AwsStub<any, any, any>;
  restore(): void;
}

const OPERATIONS = ['DescribeConfigurationAggregators', 'DescribeConfigurationAggregatorSourcesStatus', 'DescribeAggregateComplianceByConfigRules', 'GetAggregateComplianceDetailsByConfigRule'] as const;

/** Routes the real ConfigServiceClient to the fake; any other Config command fails loudly. */
export function installConfigAggregatorFake(fake = new ConfigAggregatorFake()): ConfigAggregatorFakes {
  const mock = mockClient(config.ConfigServiceClient);
  mock.send.callsFake((command: object) => Promise.reject(new Error(`ConfigAggregatorFake: ${command.constructor.name} is not modelled`)));
  for (const operation of OPERATIONS) {
    const commandClass = (config as unknown as Record<string, new (input: object) => object>)[`${operation}Command`];
    mock.on(commandClass as any).callsFake((input: Input) => fake.handle(operation, input));
  }
  return { fake, mock, restore: () => mock.restore() };
}
