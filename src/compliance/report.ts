/**
 * The compliance report, built from what the aggregator answered: per profile (its fixed rule name)
 * and account, the regions and their compliance, then every NON_COMPLIANT security group with the
 * guardrail's annotation. Pure: answers in, report out, every order deterministic.
 */
import { ComplianceError } from '../errors';
import type { ComplianceScope, ComplianceType, Evaluation, RuleCompliance, SourceStatus } from './compliance-port';

export interface RegionCompliance {
  readonly region: string;
  readonly compliance: ComplianceType;
}

export interface AccountCompliance {
  readonly accountId: string;
  readonly regions: readonly RegionCompliance[];
  /** NON_COMPLIANT resources in this account, all regions together. */
  readonly nonCompliantGroups: number;
}

export interface ProfileCompliance {
  readonly profile: string;
  readonly ruleName: string;
  readonly accounts: readonly AccountCompliance[];
  readonly totals: { readonly accounts: number; readonly accountRegions: number; readonly compliant: number; readonly nonCompliant: number; readonly other: number; readonly nonCompliantGroups: number };
}

export interface NonCompliantGroup {
  readonly profile: string;
  readonly accountId: string;
  readonly region: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly annotation: string | undefined;
  readonly recordedAt: string | undefined;
}

export interface ComplianceReport {
  readonly aggregator: string;
  readonly region: string | undefined;
  readonly scope: ComplianceScope;
  readonly profiles: readonly ProfileCompliance[];
  readonly nonCompliant: readonly NonCompliantGroup[];
  /** What the reader should know: sources that failed, profiles without results. */
  readonly notes: readonly string[];
}

export interface ProfileAnswers {
  readonly profile: string;
  readonly ruleName: string;
  readonly rows: readonly RuleCompliance[];
  readonly evaluations: readonly Evaluation[];
}

export interface ReportInput {
  readonly aggregator: string;
  readonly region: string | undefined;
  readonly scope: ComplianceScope;
  readonly profiles: readonly ProfileAnswers[];
  readonly sources: readonly SourceStatus[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function buildComplianceReport(input: ReportInput): ComplianceReport {
  if (input.profiles.every((p) => p.rows.length === 0)) throw notPopulated(input);
  const profiles = input.profiles.map((p): ProfileCompliance => {
    const accounts = [...new Set(p.rows.map((r) => r.accountId))].sort(byText).map((accountId): AccountCompliance => ({
      accountId,
      regions: p.rows
        .filter((r) => r.accountId === accountId)
        .map((r) => ({ region: r.region, compliance: r.compliance }))
        .sort((a, b) => byText(a.region, b.region)),
      nonCompliantGroups: p.evaluations.filter((e) => e.accountId === accountId).length,
    }));
    const count = (type: ComplianceType): number => p.rows.filter((r) => r.compliance === type).length;
    return {
      profile: p.profile,
      ruleName: p.ruleName,
      accounts,
      totals: {
        accounts: accounts.length,
        accountRegions: p.rows.length,
        compliant: count('COMPLIANT'),
        nonCompliant: count('NON_COMPLIANT'),
        other: p.rows.length - count('COMPLIANT') - count('NON_COMPLIANT'),
        nonCompliantGroups: p.evaluations.length,
      },
    };
  });
  const nonCompliant = input.profiles
    .flatMap((p) =>
      p.evaluations.map((e): NonCompliantGroup => ({ profile: p.profile, accountId: e.accountId, region: e.region, resourceType: e.resourceType, resourceId: e.resourceId, annotation: e.annotation, recordedAt: e.recordedAt })),
    )
    .sort((a, b) => byText(a.profile, b.profile) || byText(a.accountId, b.accountId) || byText(a.region, b.region) || byText(a.resourceId, b.resourceId));
  const notes = [
    ...input.profiles.filter((p) => p.rows.length === 0).map((p) => `profile ${p.profile}: no account reports rule ${p.ruleName}${describeScope(input.scope)} (not deployed there yet, or not evaluated yet).`),
    ...failedSources(input.sources),
  ];
  return { aggregator: input.aggregator, region: input.region, scope: input.scope, profiles, nonCompliant, notes };
}

function failedSources(sources: readonly SourceStatus[]): string[] {
  return sources
    .filter((s) => s.status === 'FAILED')
    .map((s) => `the aggregator could not collect from ${s.sourceId} in ${s.region}: ${s.errorCode ?? 'error'}${s.errorMessage === undefined ? '' : ` (${s.errorMessage})`}; its results may be missing or old.`);
}

function describeScope(scope: ComplianceScope): string {
  const parts = [scope.accountId === undefined ? '' : `account ${scope.accountId}`, scope.region === undefined ? '' : `region ${scope.region}`].filter((p) => p !== '');
  return parts.length === 0 ? '' : ` in ${parts.join(', ')}`;
}

/** No rule of the config has any result: say why it may be, with what to do, instead of an empty table. */
function notPopulated(input: ReportInput): ComplianceError {
  const rules = input.profiles.map((p) => p.ruleName).join(', ');
  const where = `config:DescribeAggregateComplianceByConfigRules (${input.aggregator})`;
  const failed = input.sources.filter((s) => s.status === 'FAILED');
  if (failed.length > 0) {
    const first = failed[0] as SourceStatus;
    return new ComplianceError(`the aggregator has no results for ${rules}: collecting from ${failed.length} source(s) failed, e.g. ${first.sourceId} in ${first.region}: ${first.errorCode ?? 'error'}${first.errorMessage === undefined ? '' : ` (${first.errorMessage})`}.`, {
      where,
      fix: 'an organization aggregator needs trusted access for config.amazonaws.com in AWS Organizations and, outside the management account, this account registered as delegated administrator for config.amazonaws.com (docs/rollout.md, "Compliance across the organization"); its role needs AWSConfigRoleForOrganizations. Fix that, then run again.',
    });
  }
  if (input.scope.accountId !== undefined || input.scope.region !== undefined) {
    return new ComplianceError(`no account reports ${rules}${describeScope(input.scope)}.`, {
      where,
      fix: 'check the account id and region (the profile\'s OUs and the config\'s regions), or run without --account/--region.',
    });
  }
  const collecting = input.sources.length === 0 || input.sources.every((s) => s.status === 'OUTDATED');
  return new ComplianceError(
    collecting
      ? `the aggregator has no results for ${rules} yet: it is still collecting (${input.sources.length} source(s), none updated yet).`
      : `the aggregator has no results for ${rules}: no account reports a rule of that name.`,
    {
      where,
      fix: collecting
        ? 'a new aggregator takes a while to collect from every account and region; run again later (`aws configservice describe-configuration-aggregator-sources-status --configuration-aggregator-name NAME` shows its progress).'
        : 'run `sg-guardrail apply -c FILE`: it deploys the rules under these fixed names (rules deployed before the names were fixed carry generated ones until the next apply), then wait for their first evaluations.',
    },
  );
}
