/** Shared inputs of the template tests: a stand-in bundle and the templates as plain JSON. */
import { renderTemplateJson } from '../../../src/build/render-template';
import type { TemplateName } from '../../../src/template-parameters';
import { buildLaunchRoleTemplate, buildPortfolioTemplate, buildTemplate, resourceTypesOf } from '../../../templates/index';
import type { JsonObject } from './template-lint';

/** Stands in for dist/handler/index.min.js: quotes, backslashes, `${}` and newlines, like real code. */
export const FAKE_HANDLER_CODE = '"use strict";exports.handler=async(e)=>{console.log(`${"a\\\\b"}: #x`)};\n';

export function plainTemplate(name: TemplateName | 'portfolio' | 'launch-role'): JsonObject {
  const template =
    name === 'portfolio'
      ? buildPortfolioTemplate({ version: '0.0.0-test' })
      : name === 'launch-role'
        ? buildLaunchRoleTemplate({ resourceTypes: resourceTypesOf(buildTemplate('standalone', { handlerCode: FAKE_HANDLER_CODE })) })
        : buildTemplate(name, { handlerCode: FAKE_HANDLER_CODE });
  return JSON.parse(renderTemplateJson(template)) as JsonObject;
}

export const PORTFOLIO_URL = 'https://example-bucket.s3.eu-west-1.amazonaws.com/sg-guardrail/standalone.yaml';

/** Parameter sets that switch every condition of each template at least once. */
export const SCENARIOS: readonly { readonly template: TemplateName | 'portfolio' | 'launch-role'; readonly values: Readonly<Record<string, string>> }[] = [
  { template: 'baseline', values: {} },
  { template: 'baseline', values: { ExistingBucketName: 'central-config-bucket' } },
  { template: 'baseline', values: { ExistingBucketName: 'central-config-bucket', ExistingBucketKeyPrefix: 'o-a1b2c3d4e5' } },
  { template: 'rule', values: {} },
  { template: 'rule', values: { Mode: 'report' } },
  { template: 'rule', values: { ScopeTagKey: 'team' } },
  { template: 'rule', values: { ScopeTagKey: 'team', ScopeTagValue: 'web' } },
  { template: 'rule', values: { ConfigRuleName: 'sg-guardrail-web' } },
  { template: 'standalone', values: {} },
  { template: 'standalone', values: { Mode: 'report', RecordingFrequency: 'DAILY' } },
  { template: 'standalone', values: { ExistingBucketName: 'central-config-bucket', ExistingBucketKeyPrefix: 'config/prod' } },
  { template: 'standalone', values: { CreateConfigRecorder: 'false' } },
  { template: 'standalone', values: { CreateConfigRecorder: 'false', ScopeTagKey: 'team', ScopeTagValue: 'web' } },
  { template: 'aggregator', values: {} },
  { template: 'aggregator', values: { AggregatorRegions: 'us-east-1,eu-west-1' } },
  { template: 'launch-role', values: {} },
  { template: 'portfolio', values: { StandaloneTemplateUrl: PORTFOLIO_URL } },
  {
    template: 'portfolio',
    values: {
      StandaloneTemplateUrl: PORTFOLIO_URL,
      PrincipalArn: 'arn:aws:iam::111122223333:role/SecurityTeam',
      LaunchRoleName: 'SgGuardrailLaunchRole',
    },
  },
];
