/**
 * `sg-guardrail compliance`: the organization-wide answer to "which groups are out of line, where,
 * and what did the guardrail do", read from the AWS Config organization aggregator of the config.
 * One query per profile by its fixed rule name covers every account; the NON_COMPLIANT account and
 * regions are then read in detail. Read-only; the source is injected (the adapter, or a test fake).
 */
import { mapLimit } from '../aws/retry';
import { loadDeployConfig } from '../deploy/config/config';
import type { DeployConfig } from '../deploy/config/config-types';
import { aggregatorStackName } from '../deploy/aggregator';
import { configRuleName } from '../deploy/plan/stack-set-names';
import { ComplianceError, ConfigError } from '../errors';
import type { AggregatorInfo, ComplianceScope, ComplianceSource } from './compliance-port';
import { renderComplianceReport } from './render';
import type { ProfileAnswers } from './report';
import { buildComplianceReport } from './report';

export interface ComplianceOptions {
  readonly configFile: string;
  readonly profile: string | undefined;
  readonly account: string | undefined;
  readonly region: string | undefined;
  readonly json: boolean;
}

export interface ComplianceEnv {
  readonly out: (text: string) => void;
  createSource(config: DeployConfig): ComplianceSource;
}

/** Detail reads at once: Config throttles per account, and one NON_COMPLIANT region is one call or a few. */
const DETAIL_CONCURRENCY = 4;

export async function runComplianceCommand(options: ComplianceOptions, env: ComplianceEnv): Promise<number> {
  const scope = checkScope(options);
  const config = await loadDeployConfig(options.configFile);
  const profiles = config.profiles.filter((p) => options.profile === undefined || p.name === options.profile);
  if (profiles.length === 0) {
    throw new ConfigError(`profile "${options.profile}" is not in ${config.file}.`, { where: '--profile', fix: `use one of ${config.profiles.map((p) => p.name).join(', ')}, or leave --profile out.` });
  }
  const source = env.createSource(config);
  const aggregator = config.aggregator.name;
  const [info, region] = await Promise.all([source.describeAggregator(aggregator), source.region()]);
  if (info === undefined) throw missingAggregator(config, region);
  const sources = await source.sourceStatuses(aggregator);
  const answers: ProfileAnswers[] = [];
  for (const profile of profiles) {
    const ruleName = configRuleName(config.prefix, profile.name);
    const rows = await source.ruleCompliance(aggregator, ruleName, scope);
    const failing = rows.filter((r) => r.compliance === 'NON_COMPLIANT');
    const evaluations = (await mapLimit(failing, DETAIL_CONCURRENCY, (r) => source.nonCompliant(aggregator, ruleName, { accountId: r.accountId, region: r.region }))).flat();
    answers.push({ profile: profile.name, ruleName, rows, evaluations });
  }
  const report = buildComplianceReport({ aggregator, region, scope, profiles: answers, sources });
  const notes = [...aggregatorNotes(info, config), ...report.notes];
  const final = { ...report, notes };
  env.out(options.json ? `${JSON.stringify(final, null, 2)}\n` : renderComplianceReport(final));
  return 0;
}

function checkScope(options: ComplianceOptions): ComplianceScope {
  if (options.account !== undefined && !/^\d{12}$/.test(options.account)) {
    throw new ConfigError(`"${options.account}" is not an AWS account id.`, { where: '--account', fix: 'give the 12-digit account id, e.g. --account 111122223333.' });
  }
  if (options.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-[0-9]+$/.test(options.region)) {
    throw new ConfigError(`"${options.region}" is not a region name.`, { where: '--region', fix: 'give a region such as us-east-1 or eu-west-1.' });
  }
  return { ...(options.account === undefined ? {} : { accountId: options.account }), ...(options.region === undefined ? {} : { region: options.region }) };
}

function missingAggregator(config: DeployConfig, region: string | undefined): ComplianceError {
  const name = config.aggregator.name;
  const here = region === undefined ? 'here' : `in ${region}`;
  return new ComplianceError(`the AWS Config aggregator "${name}" does not exist ${here}.`, {
    where: `config:DescribeConfigurationAggregators (${name})`,
    fix: config.aggregator.create
      ? `run from the account and region the rollout runs from (AWS_PROFILE, AWS_REGION). To create it: \`sg-guardrail apply -c ${config.file}\` (aggregator.create is on), or deploy dist/templates/aggregator.yaml there: \`aws cloudformation deploy --stack-name ${aggregatorStackName(config.prefix)} --template-file dist/templates/aggregator.yaml --capabilities CAPABILITY_IAM --parameter-overrides AggregatorName=${name} AggregatorRegions=${[...config.regions].sort().join(',')}\`.`
      : `aggregator.create is false in ${config.file}: set aggregator.name to the organization aggregator you have, and run from its account and region (AWS_PROFILE, AWS_REGION).`,
  });
}

function aggregatorNotes(info: AggregatorInfo, config: DeployConfig): string[] {
  const notes: string[] = [];
  if (!info.organization) notes.push(`aggregator ${info.name} aggregates listed accounts, not the organization: accounts it does not list are missing here.`);
  if (info.regions !== 'all') {
    const regions = info.regions;
    const missing = config.regions.filter((r) => !regions.includes(r));
    if (missing.length > 0) notes.push(`aggregator ${info.name} does not collect from ${missing.join(', ')} (a region of the config): results there are missing.`);
  }
  return notes;
}
