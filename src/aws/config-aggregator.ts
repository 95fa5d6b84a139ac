/**
 * The AWS Config aggregator adapter of `compliance`: every call it makes, each listing followed to
 * the end (Config: "The results can return an empty result page, but if you have a nextToken, the
 * results are displayed on the next page"), throttling (ThrottlingException) retried with backoff.
 * https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeAggregateComplianceByConfigRules.html
 */
import {
  ConfigServiceClient,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  DescribeConfigurationAggregatorsCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
} from '@aws-sdk/client-config-service';
import type { ComplianceType as SdkComplianceType } from '@aws-sdk/client-config-service';
import type { AggregatorInfo, ComplianceScope, ComplianceSource, ComplianceType, Evaluation, RuleCompliance, SourceStatus } from '../compliance/compliance-port';
import { AwsCallError } from '../errors';
import { SDK_CLIENT_OPTIONS } from './client-options';
import { collectPages } from './paging';
import { retryThrottled } from './retry';
import type { RetryOptions } from './retry';

/** GetAggregateComplianceDetailsByConfigRule takes at most 100 per page (default 50). */
export const DETAILS_PAGE_SIZE = 100;

export function createConfigAggregatorSource(): ConfigAggregatorAdapter {
  return new ConfigAggregatorAdapter(new ConfigServiceClient(SDK_CLIENT_OPTIONS));
}

export class ConfigAggregatorAdapter implements ComplianceSource {
  constructor(
    private readonly client: ConfigServiceClient,
    private readonly retry: RetryOptions = {},
  ) {}

  async region(): Promise<string | undefined> {
    try {
      return await this.client.config.region();
    } catch {
      return undefined; // no region configured: the first call reports it with the fix
    }
  }

  async describeAggregator(name: string): Promise<AggregatorInfo | undefined> {
    try {
      const r = await retryThrottled(() => this.client.send(new DescribeConfigurationAggregatorsCommand({ ConfigurationAggregatorNames: [name] })), this.retry);
      const found = r.ConfigurationAggregators?.find((a) => a.ConfigurationAggregatorName === name);
      if (found === undefined) return undefined;
      const org = found.OrganizationAggregationSource;
      const account = found.AccountAggregationSources?.[0];
      const all = org !== undefined ? org.AllAwsRegions === true : account?.AllAwsRegions === true;
      return { name, organization: org !== undefined, regions: all ? 'all' : [...(org?.AwsRegions ?? account?.AwsRegions ?? [])] };
    } catch (error) {
      if (error instanceof Error && error.name === 'NoSuchConfigurationAggregatorException') return undefined;
      throw wrapConfigError('DescribeConfigurationAggregators', name, error);
    }
  }

  async sourceStatuses(aggregator: string): Promise<SourceStatus[]> {
    const items = await this.pages('DescribeConfigurationAggregatorSourcesStatus', aggregator, async (NextToken) => {
      const r = await this.client.send(new DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: aggregator, NextToken }));
      return { items: r.AggregatedSourceStatusList, next: r.NextToken };
    });
    return items.map((s) => ({
      sourceId: s.SourceId ?? 'unknown',
      region: s.AwsRegion ?? 'unknown',
      status: s.LastUpdateStatus ?? 'OUTDATED',
      ...(s.LastErrorCode === undefined ? {} : { errorCode: s.LastErrorCode }),
      ...(s.LastErrorMessage === undefined ? {} : { errorMessage: s.LastErrorMessage }),
    }));
  }

  async ruleCompliance(aggregator: string, ruleName: string, scope: ComplianceScope): Promise<RuleCompliance[]> {
    // No Limit: "The default is maximum".
    const Filters = { ConfigRuleName: ruleName, AccountId: scope.accountId, AwsRegion: scope.region };
    const items = await this.pages('DescribeAggregateComplianceByConfigRules', aggregator, async (NextToken) => {
      const r = await this.client.send(new DescribeAggregateComplianceByConfigRulesCommand({ ConfigurationAggregatorName: aggregator, Filters, NextToken }));
      return { items: r.AggregateComplianceByConfigRules, next: r.NextToken };
    });
    return items
      .filter((c) => c.ConfigRuleName === ruleName && c.AccountId !== undefined && c.AwsRegion !== undefined)
      .map((c) => ({ ruleName, accountId: c.AccountId as string, region: c.AwsRegion as string, compliance: toComplianceType(c.Compliance?.ComplianceType) }));
  }

  async nonCompliant(aggregator: string, ruleName: string, where: { readonly accountId: string; readonly region: string }): Promise<Evaluation[]> {
    const items = await this.pages('GetAggregateComplianceDetailsByConfigRule', aggregator, async (NextToken) => {
      const r = await this.client.send(
        new GetAggregateComplianceDetailsByConfigRuleCommand({
          ConfigurationAggregatorName: aggregator,
          ConfigRuleName: ruleName,
          AccountId: where.accountId,
          AwsRegion: where.region,
          ComplianceType: 'NON_COMPLIANT',
          Limit: DETAILS_PAGE_SIZE,
          NextToken,
        }),
      );
      return { items: r.AggregateEvaluationResults, next: r.NextToken };
    });
    return items.map((e) => {
      const q = e.EvaluationResultIdentifier?.EvaluationResultQualifier;
      return {
        ruleName,
        accountId: e.AccountId ?? where.accountId,
        region: e.AwsRegion ?? where.region,
        resourceType: q?.ResourceType ?? 'unknown',
        resourceId: q?.ResourceId ?? 'unknown',
        compliance: toComplianceType(e.ComplianceType),
        annotation: e.Annotation,
        recordedAt: e.ResultRecordedTime?.toISOString(),
      };
    });
  }

  private pages<T>(operation: string, aggregator: string, fetch: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> {
    return collectPages((token) => this.call(operation, aggregator, () => fetch(token)));
  }

  private async call<T>(operation: string, aggregator: string, send: () => Promise<T>): Promise<T> {
    try {
      return await retryThrottled(send, this.retry);
    } catch (error) {
      throw wrapConfigError(operation, aggregator, error);
    }
  }
}

function toComplianceType(value: SdkComplianceType | undefined): ComplianceType {
  return value === 'COMPLIANT' || value === 'NON_COMPLIANT' || value === 'NOT_APPLICABLE' ? value : 'INSUFFICIENT_DATA';
}

export function wrapConfigError(operation: string, aggregator: string, error: unknown): AwsCallError {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const fixes: Record<string, string> = {
    AccessDeniedException: 'allow the config:Describe*/GetAggregate* actions listed in docs/iam.md (compliance).',
    NoSuchConfigurationAggregatorException: 'run from the account and region the aggregator lives in (AWS_PROFILE, AWS_REGION), or set aggregator.name in the config.',
    ThrottlingException: 'Config kept throttling; wait a minute and run again (narrow it with --profile, --account or --region).',
    OrganizationAccessDeniedException: 'run from the management account or a Config delegated administrator (docs/rollout.md, "Compliance across the organization").',
  };
  return new AwsCallError(`${name}: ${message}`, {
    where: `config:${operation} (${aggregator})`,
    fix: fixes[name] ?? 'check credentials (AWS_PROFILE), region (AWS_REGION) and network, then run again.',
    cause: error,
  });
}
