import { defineCommand } from '../command';
import { CONFIG_OPTION, requireConfig, strayConfigFix } from './deploy-options';

export const complianceCommand = defineCommand({
  name: 'compliance',
  summary: 'Show which security groups are out of line, where, and what the guardrail did (read-only).',
  usage: [
    'Usage: sg-guardrail compliance -c FILE [--profile P] [--account ID] [--region R] [--json]',
    '',
    'Reads the AWS Config organization aggregator of the config (aggregator.name, default',
    '<prefix>-organization) in the account and region it runs in: per profile (its rule',
    '<prefix>-<profile>) and account, the regions and their compliance, then every NON_COMPLIANT',
    'security group with the guardrail\'s annotation. A missing or still empty aggregator is reported',
    'with the fix. Makes only read calls. Exit codes: 0 the report, 1 a problem.',
    '',
    'Options:',
    '  -c, --config FILE   the rollout config',
    '  --profile P         only this profile',
    '  --account ID        only this account',
    '  --region R          only this source region',
    '  --json              print the report as JSON',
    '  -h, --help          show this help',
    '',
    'Run it with credentials of the management account or of a Config delegated administrator, in the',
    'region the aggregator lives in (AWS_PROFILE, AWS_REGION). How: docs/rollout.md, "Compliance',
    'across the organization"; permissions: docs/iam.md, "compliance".',
  ].join('\n'),
  options: { ...CONFIG_OPTION, profile: { type: 'string' }, account: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean' } },
  strayArgumentFix: strayConfigFix('compliance'),
  async run(values) {
    const configFile = requireConfig(values.config, 'compliance');
    const [{ runComplianceCommand }, { createConfigAggregatorSource }, { announceSdkEnvironment }] = await Promise.all([
      import('../../src/compliance/compliance'),
      import('../../src/aws/config-aggregator'),
      import('./deploy-env'),
    ]);
    return runComplianceCommand(
      { configFile, profile: values.profile, account: values.account, region: values.region, json: values.json === true },
      { out: (text) => process.stdout.write(text), createSource: () => (announceSdkEnvironment(), createConfigAggregatorSource()) },
    );
  },
});
