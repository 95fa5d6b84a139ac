/**
 * What the compliance view reads from an AWS Config aggregator, as plain data. The adapter
 * (src/aws/config-aggregator.ts) makes the calls; everything else here is pure.
 */

export type ComplianceType = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';

export interface AggregatorInfo {
  readonly name: string;
  /** True for an organization aggregator; false when it aggregates listed accounts only. */
  readonly organization: boolean;
  /** `all` or the regions it aggregates. */
  readonly regions: 'all' | readonly string[];
}

/** One source (the organization, or an account) in one region, as DescribeConfigurationAggregatorSourcesStatus gives it. */
export interface SourceStatus {
  readonly sourceId: string;
  readonly region: string;
  /** SUCCEEDED, OUTDATED (collecting; not the latest yet) or FAILED. */
  readonly status: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** A rule's compliance in one account and region (DescribeAggregateComplianceByConfigRules). */
export interface RuleCompliance {
  readonly ruleName: string;
  readonly accountId: string;
  readonly region: string;
  readonly compliance: ComplianceType;
}

/** One resource's evaluation (GetAggregateComplianceDetailsByConfigRule). */
export interface Evaluation {
  readonly ruleName: string;
  readonly accountId: string;
  readonly region: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly compliance: ComplianceType;
  readonly annotation: string | undefined;
  /** When Config recorded the result (ISO 8601). */
  readonly recordedAt: string | undefined;
}

export interface ComplianceScope {
  readonly accountId?: string;
  readonly region?: string;
}

export interface ComplianceSource {
  /** The region the aggregator is read in (shown in the report). */
  region(): Promise<string | undefined>;
  /** The aggregator, or undefined when it does not exist (NoSuchConfigurationAggregatorException). */
  describeAggregator(name: string): Promise<AggregatorInfo | undefined>;
  sourceStatuses(aggregator: string): Promise<SourceStatus[]>;
  /** Every account and region with results for the rule, within the scope; every page. */
  ruleCompliance(aggregator: string, ruleName: string, scope: ComplianceScope): Promise<RuleCompliance[]>;
  /** The NON_COMPLIANT resources of the rule in one account and region; every page. */
  nonCompliant(aggregator: string, ruleName: string, where: { readonly accountId: string; readonly region: string }): Promise<Evaluation[]>;
}
