import { defineCommand } from '../command';
import { CONFIG_OPTION, requireConfig, strayConfigFix } from './deploy-options';

export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'Check a config offline (no credentials, no network); with --org, its targeting too.',
  usage: [
    'Usage: sg-guardrail validate -c FILE [--org SNAPSHOT.json]',
    '',
    'Checks the config without AWS: the schema, the allowed-ingress grammar, the profile rules, every',
    'problem with its file:path and fix. With --org it also resolves the OUs against an organization',
    'snapshot written by `sg-guardrail plan -c FILE --save-org SNAPSHOT.json` and prints what every',
    'stack set would target and whom publish would share with. Exit codes: 0 valid, 1 a problem.',
    '',
    'Options:',
    '  -c, --config FILE   the rollout config',
    '  --org FILE          an organization snapshot (schema/org-snapshot.schema.json)',
    '  -h, --help          show this help',
  ].join('\n'),
  options: { ...CONFIG_OPTION, org: { type: 'string' } },
  strayArgumentFix: strayConfigFix('validate'),
  async run(values) {
    const configFile = requireConfig(values.config, 'validate');
    const { runValidateCommand } = await import('../../src/validate/validate');
    return runValidateCommand({ configFile, orgFile: values.org }, (text) => process.stdout.write(text));
  },
});
