import { defineCommand } from '../command';
import { AWS_ENVIRONMENT_HELP, CONFIG_OPTION, pollIntervalMs, requireConfig, strayConfigFix } from './deploy-options';

export const applyCommand = defineCommand({
  name: 'apply',
  summary: 'Plan, confirm, and roll the guardrail out as StackSets; report failed instances.',
  usage: [
    'Usage: sg-guardrail apply -c FILE [--templates DIR] [--prune] [--adopt] [--yes] [--poll-seconds N]',
    '',
    'Builds the templates (or takes --templates DIR), computes the same plan as `plan`, asks for',
    'confirmation on a terminal, executes exactly that plan with progress, ends with a report of',
    'failed stack instances and accounts left out, then plans again to verify nothing is left.',
    'Re-running after an interruption waits for the operations still running, then plans from the',
    'current state. Only stack sets marked as this prefix\'s, and an aggregator stack tagged as its,',
    'are ever changed. Exit codes: 0 done and verified, or nothing to do; 1 a failure, accounts left',
    'out, a usage mistake or the confirmation declined; 2 no terminal to confirm on and no --yes.',
    '',
    'Options:',
    '  -c, --config FILE   the rollout config (see examples/organization.yaml)',
    '  --templates DIR     take baseline.yaml, rule.yaml and aggregator.yaml from DIR instead of',
    '                      building them',
    '  --prune             delete stack instances and stack sets no longer in the config (never the',
    '                      baseline of OUs that stay in it: see the plan\'s warnings), and the',
    '                      aggregator stack when aggregator.create is false',
    '  --adopt             take over unmarked stack sets with the names the config wants (made by',
    '                      sg-guardrail 0.1), and an untagged <prefix>-aggregator stack, and mark',
    '                      them as this prefix\'s',
    '  -y, --yes           do not ask (pipelines); without a terminal, apply refuses to run without it',
    '  --poll-seconds N    how often to poll running operations (default 10)',
    '  -h, --help          show this help',
  ].join('\n') + `\n${AWS_ENVIRONMENT_HELP}`,
  options: { ...CONFIG_OPTION, templates: { type: 'string' }, prune: { type: 'boolean' }, adopt: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, 'poll-seconds': { type: 'string' } },
  strayArgumentFix: strayConfigFix('apply'),
  async run(values) {
    const options = {
      configFile: requireConfig(values.config, 'apply'),
      templatesDir: values.templates,
      prune: values.prune === true,
      adopt: values.adopt === true,
      yes: values.yes === true,
      pollIntervalMs: pollIntervalMs(values['poll-seconds'], 'apply'),
    };
    const [{ runApplyCommand }, { deployEnv }] = await Promise.all([import('../../src/deploy/commands'), import('./deploy-env')]);
    return runApplyCommand(options, deployEnv());
  },
});
