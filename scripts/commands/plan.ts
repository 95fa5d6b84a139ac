import { defineCommand } from '../command';
import { AWS_ENVIRONMENT_HELP, CONFIG_OPTION, requireConfig, strayConfigFix } from './deploy-options';

export const planCommand = defineCommand({
  name: 'plan',
  summary: 'Show what apply would change in the organization (read-only).',
  usage: [
    'Usage: sg-guardrail plan -c FILE [--templates DIR] [--prune] [--adopt] [--json] [--save-org FILE]',
    '',
    'Reads the organization, the current StackSets and the aggregator stack and prints, per stack set,',
    'the action (create, update template/parameters, add OUs × regions, remove), the OUs, regions,',
    'parameter values and accounts reached, the aggregator stack\'s action, and warnings. Makes only',
    'read calls.',
    '',
    'Options:',
    '  -c, --config FILE   the rollout config (see examples/organization.yaml)',
    '  --templates DIR     take baseline.yaml, rule.yaml and aggregator.yaml from DIR instead of',
    '                      building them',
    '  --prune             plan the removal of OUs and profiles no longer in the config (never the',
    '                      baseline of OUs that stay in it: see the warnings), and of the aggregator',
    '                      stack when aggregator.create is false',
    '  --adopt             take over stack sets with the names the config wants that carry no',
    '                      sg-guardrail ownership mark (made by sg-guardrail 0.1), and an untagged',
    '                      <prefix>-aggregator stack: apply marks them',
    '  --json              print the plan as JSON',
    '  --save-org FILE     also write the organization it read to FILE, for `sg-guardrail validate',
    '                      -c CONFIG --org FILE` without AWS (schema/org-snapshot.schema.json)',
    '  -h, --help          show this help',
  ].join('\n') + `\n${AWS_ENVIRONMENT_HELP}`,
  options: { ...CONFIG_OPTION, templates: { type: 'string' }, prune: { type: 'boolean' }, adopt: { type: 'boolean' }, json: { type: 'boolean' }, 'save-org': { type: 'string' } },
  strayArgumentFix: strayConfigFix('plan'),
  async run(values) {
    const options = {
      configFile: requireConfig(values.config, 'plan'),
      templatesDir: values.templates,
      prune: values.prune === true,
      adopt: values.adopt === true,
      json: values.json === true,
      saveOrg: values['save-org'],
    };
    const [{ runPlanCommand }, { deployEnv }] = await Promise.all([import('../../src/deploy/commands'), import('./deploy-env')]);
    return runPlanCommand(options, deployEnv());
  },
});
