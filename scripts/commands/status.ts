import { defineCommand } from '../command';
import { AWS_ENVIRONMENT_HELP, CONFIG_OPTION, pollIntervalMs, requireConfig, strayConfigFix } from './deploy-options';

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'Show each account and region: instance status, the values it really has, drift.',
  usage: [
    'Usage: sg-guardrail status -c FILE [--detect-drift] [--account ID] [--region REGION] [--json] [--poll-seconds N]',
    '',
    'Per stack set, account and region: the stack instance status (and reason), the parameter values',
    'that instance really has (the stack set values plus any overrides; marked NOT DEPLOYED YET when',
    'the instance is not CURRENT), and the drift status.',
    'It makes one DescribeStackInstance call per instance (the only API that returns overrides);',
    'narrow it with --account / --region, which also make CloudFormation list only those instances.',
    '',
    'Options:',
    '  -c, --config FILE   the rollout config',
    '  --detect-drift      start drift detection on every stack set and wait for it first',
    '  --account ID        only this account',
    '  --region REGION     only this region',
    '  --json              print JSON',
    '  --poll-seconds N    how often to poll drift detection (default 10)',
    '  -h, --help          show this help',
  ].join('\n') + `\n${AWS_ENVIRONMENT_HELP}`,
  options: {
    ...CONFIG_OPTION,
    'detect-drift': { type: 'boolean' },
    account: { type: 'string' },
    region: { type: 'string' },
    json: { type: 'boolean' },
    'poll-seconds': { type: 'string' },
  },
  strayArgumentFix: strayConfigFix('status'),
  async run(values) {
    const options = {
      configFile: requireConfig(values.config, 'status'),
      detectDrift: values['detect-drift'] === true,
      json: values.json === true,
      account: values.account,
      region: values.region,
      pollIntervalMs: pollIntervalMs(values['poll-seconds'], 'status'),
    };
    const [{ runStatusCommand }, { deployEnv }] = await Promise.all([import('../../src/deploy/commands'), import('./deploy-env')]);
    return runStatusCommand(options, deployEnv());
  },
});
