import { UsageError } from '../../src/errors';
import { findProjectRoot } from '../../src/project';
import { defineCommand } from '../command';
import { CONFIG_OPTION, pollIntervalMs, requireConfig, strayConfigFix } from './deploy-options';

export const publishCommand = defineCommand({
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
    '  -h, --help          show this help',
    '',
    'Run it with credentials of the management account or of a Service Catalog delegated administrator',
    '(AWS_PROFILE), in the region to publish in (AWS_REGION). How: docs/rollout.md, "Service Catalog',
    'for the organization"; permissions: docs/iam.md, "publish".',
  ].join('\n'),
  options: { ...CONFIG_OPTION, bucket: { type: 'string' }, version: { type: 'string' }, 'deprecate-old': { type: 'boolean' }, 'poll-seconds': { type: 'string' } },
  strayArgumentFix: strayConfigFix('publish'),
  async run(values) {
    const configFile = requireConfig(values.config, 'publish');
    if (values.bucket === undefined) {
      throw new UsageError('no bucket given.', { where: '--bucket', fix: 'pass --bucket B, an S3 bucket of this account for the templates. See sg-guardrail publish --help.' });
    }
    const options = { configFile, bucket: values.bucket, version: values.version, deprecateOld: values['deprecate-old'] === true, pollIntervalMs: pollIntervalMs(values['poll-seconds'], 'publish') };
    const [{ runPublishCommand }, { renderPublishTemplates }, { createCatalogPort }, { createTemplateStore }, { createAwsClients }, { readOrganization }, { realSleep }, { announceSdkEnvironment }] = await Promise.all([
      import('../../src/publish/publish'),
      import('../../src/publish/publish-templates'),
      import('../../src/aws/service-catalog'),
      import('../../src/aws/s3-templates'),
      import('../../src/aws/clients'),
      import('../../src/aws/organizations-reader'),
      import('../../src/aws/retry'),
      import('./deploy-env'),
    ]);
    const rootDir = findProjectRoot();
    return runPublishCommand(options, {
      out: (text) => process.stdout.write(text),
      sleep: realSleep,
      renderTemplates: (config, source) => renderPublishTemplates(rootDir, config, source),
      createPorts: () => {
        announceSdkEnvironment();
        return { catalog: createCatalogPort(), store: createTemplateStore(), readOrganization: async () => (await readOrganization(createAwsClients().organizations)).tree };
      },
    });
  },
});
