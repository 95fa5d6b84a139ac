import path from 'node:path';
import type { Command } from '../command';
import { CONFIG_OPTION, parseCommandArgs, pollIntervalMs, requireConfig } from './command-args';

const ROOT_DIR = path.resolve(__dirname, '..', '..');

export const publishCommand: Command = {
  name: 'publish',
  summary: 'Publish the guardrail in Service Catalog and share it with the organization\'s OUs.',
  usage: [
    'Usage: sg-guardrail publish -c FILE --bucket B [--version V] [--deprecate-old] [--poll-seconds N]',
    '',
    'Builds the standalone template (or, with serviceCatalog.perProfile, each profile\'s), uploads it to',
    's3://B/<prefix>/<version>/…, creates or finds the portfolio and product(s) of the config, adds the',
    'version (earlier ones stay active unless --deprecate-old), sets the launch constraint, shares the',
    'portfolio with serviceCatalog.shareOus (principal sharing on) and adds the principal patterns. It',
    'decides everything before its first change; the same version twice changes nothing.',
    'Exit codes: 0 done or nothing to do, 1 a problem.',
    '',
    'Options:',
    '  -c, --config FILE   the rollout config (its serviceCatalog section)',
    '  --bucket B          an S3 bucket of this account for the templates',
    '  --version V         the product version (default: the version of sg-guardrail)',
    '  --deprecate-old     mark every other version DEPRECATED (no new launches; updates still work)',
    '  --poll-seconds N    how often to poll a portfolio share (default 10)',
    '',
    'Run it with credentials of the management account or of a Service Catalog delegated administrator',
    '(AWS_PROFILE), in the region to publish in (AWS_REGION). Permissions: README.md, "Service Catalog',
    'for the organization".',
  ].join('\n'),
  async run(args) {
    const values = parseCommandArgs('publish', args, { ...CONFIG_OPTION, bucket: { type: 'string' }, version: { type: 'string' }, 'deprecate-old': { type: 'boolean' }, 'poll-seconds': { type: 'string' } });
    const configFile = requireConfig(values.config, 'publish');
    const { ConfigError } = await import('../../src/errors');
    if (values.bucket === undefined) throw new ConfigError('no bucket given.', { where: '--bucket', fix: 'pass --bucket B, an S3 bucket of this account for the templates.' });
    const { runPublishCommand } = await import('../../src/publish/publish');
    const { renderPublishTemplates } = await import('../../src/publish/publish-templates');
    const { createCatalogPort } = await import('../../src/aws/service-catalog');
    const { createTemplateStore } = await import('../../src/aws/s3-templates');
    const { createAwsClients } = await import('../../src/aws/clients');
    const { readOrganization } = await import('../../src/aws/organizations-reader');
    const { realSleep } = await import('../../src/aws/retry');
    return runPublishCommand(
      { configFile, bucket: values.bucket, version: values.version, deprecateOld: values['deprecate-old'] === true, pollIntervalMs: pollIntervalMs(values['poll-seconds']) },
      {
        out: (text) => process.stdout.write(text),
        sleep: realSleep,
        renderTemplates: (config, source) => renderPublishTemplates(ROOT_DIR, config, source),
        createPorts: () => ({
          catalog: createCatalogPort(),
          store: createTemplateStore(),
          readOrganization: async () => (await readOrganization(createAwsClients().organizations)).tree,
        }),
      },
    );
  },
};
