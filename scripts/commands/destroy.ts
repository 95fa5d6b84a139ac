import { defineCommand } from '../command';
import { AWS_ENVIRONMENT_HELP, CONFIG_OPTION, pollIntervalMs, requireConfig, strayConfigFix } from './deploy-options';

export const destroyCommand = defineCommand({
  name: 'destroy',
  summary: 'Take the rollout down: the rule stack sets, then the baseline, then the aggregator.',
  usage: [
    'Usage: sg-guardrail destroy -c FILE [--keep-baseline] [--yes] [--poll-seconds N]',
    '',
    'Plans the teardown, shows it, asks for confirmation on a terminal, then deletes every rule stack',
    'set marked as the config\'s prefix\'s (their stack instances, then the stack sets), then the',
    'baseline\'s unless --keep-baseline, then the aggregator stack it created; each with apply\'s',
    'progress and report, and verified at the end. Only stack sets carrying the prefix\'s ownership',
    'mark are touched, whatever the config\'s profiles say now. The retained buckets and log groups',
    'stay: docs/rollout.md, "Teardown", says how to remove them. Exit codes: 0 done and verified, or nothing',
    'to do; 1 a failure, a usage mistake or the confirmation declined; 2 no terminal and no --yes.',
    '',
    'Options:',
    '  -c, --config FILE   the rollout config (its prefix, callAs and aggregator)',
    '  --keep-baseline     keep the Config recorders, buckets and roles (and the aggregator)',
    '  -y, --yes           do not ask (pipelines); without a terminal, destroy refuses to run without it',
    '  --poll-seconds N    how often to poll running operations (default 10)',
    '  -h, --help          show this help',
  ].join('\n') + `\n${AWS_ENVIRONMENT_HELP}`,
  options: { ...CONFIG_OPTION, 'keep-baseline': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, 'poll-seconds': { type: 'string' } },
  strayArgumentFix: strayConfigFix('destroy'),
  async run(values) {
    const options = {
      configFile: requireConfig(values.config, 'destroy'),
      keepBaseline: values['keep-baseline'] === true,
      yes: values.yes === true,
      pollIntervalMs: pollIntervalMs(values['poll-seconds'], 'destroy'),
    };
    const [{ runDestroyCommand }, { deployEnv }] = await Promise.all([import('../../src/deploy/destroy/destroy-command'), import('./deploy-env')]);
    return runDestroyCommand(options, deployEnv());
  },
});
