import { parseArgs } from 'node:util';
import { runApplyCommand } from '../../src/deploy/commands';
import type { Command } from '../command';
import { CONFIG_OPTION, deployEnv, pollIntervalMs, requireConfig } from './deploy-env';

export const applyCommand: Command = {
  name: 'apply',
  summary: 'Plan, confirm, and roll the guardrail out as StackSets; report failed instances.',
  usage: [
    'Usage: sg-guardrail apply -c FILE [--templates DIR] [--prune] [--yes] [--poll-seconds N]',
    '',
    'Builds the templates (or takes --templates DIR), computes the same plan as `plan`, asks for',
    'confirmation on a terminal, executes exactly that plan with progress, and ends with a report of',
    'failed stack instances. Exits 1 if any operation or stack instance failed. Re-running after an',
    'interruption resumes: operation ids are derived from the plan.',
    '',
    'Options:',
    '  -c, --config FILE   the rollout config (see examples/organization.yaml)',
    '  --templates DIR     take baseline.yaml and rule.yaml from DIR instead of building them',
    '  --prune             delete stack instances and stack sets no longer in the config',
    '  --yes               do not ask (pipelines); without a terminal, apply refuses to run without it',
    '  --poll-seconds N    how often to poll running operations (default 10)',
  ].join('\n'),
  async run(args) {
    const { values } = parseArgs({
      args: [...args],
      options: { ...CONFIG_OPTION, templates: { type: 'string' }, prune: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, 'poll-seconds': { type: 'string' } },
      strict: true,
    });
    return runApplyCommand(
      {
        configFile: requireConfig(values.config, 'apply'),
        templatesDir: values.templates,
        prune: values.prune === true,
        yes: values.yes === true,
        pollIntervalMs: pollIntervalMs(values['poll-seconds']),
      },
      deployEnv(),
    );
  },
};
