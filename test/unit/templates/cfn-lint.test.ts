/**
 * The real CloudFormation linter on the files the build writes: no error, warning or informational
 * finding, for every template in every region cfn-lint knows. cfn-lint (Python) is an optional test
 * tool (test/optional-tools.ts): where it is missing these tests are skipped and listed as such.
 * One cfn-lint run for every file: starting it (Python and its schemas) is most of the time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeConfigSource } from '../../../src/build/profile-source';
import { renderProfileTemplateFiles } from '../../../src/build/profile-templates';
import { renderTemplateFiles } from '../../../src/build/template-files';
import { parseDeployConfig } from '../../../src/deploy/config/config';
import { CFN_LINT, describeWithTool } from '../../optional-tools';
import { FAKE_HANDLER_CODE } from './fixtures';

interface Finding {
  readonly Filename: string;
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
}

/** Runs cfn-lint with informational checks on, in all regions; returns each finding as `file RULE message`. */
function cfnLint(files: readonly string[]): string[] {
  const run = spawnSync(CFN_LINT.command ?? 'cfn-lint', ['--format', 'json', '--include-checks', 'I', '--regions', 'ALL_REGIONS', '--', ...files], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.error !== undefined || run.stdout.trim() === '') {
    throw new TypeError(`cfn-lint did not run (install it with \`${CFN_LINT.install}\`): ${String(run.error ?? run.stderr)}`);
  }
  return (JSON.parse(run.stdout) as Finding[]).map((f) => `${path.basename(f.Filename)} ${f.Rule.Id} ${f.Message}`);
}

/** Service Catalog is missing from a few regions: cfn-lint's E3006 there (docs/templates.md says it needs one). */
const SERVICE_CATALOG_ABSENT = /^portfolio\.yaml E3006 Resource type 'AWS::ServiceCatalog::\w+' does not exist in '[a-z0-9-]+'$/;

/** The per-profile hand-off templates of a config that sets every value a profile can: each ends up as a Default. */
const PROFILE_CONFIG = `prefix: acme
regions: [us-east-1]
baseline: { recordingFrequency: DAILY, existingBucketName: central-config, existingBucketKeyPrefix: o-abc123 }
profiles:
  web: { allowedIngress: "443,22@10.0.0.0/8", allowedCidrs: "0.0.0.0/0", mode: report, matching: ceiling, scopeTagKey: team, scopeTagValue: web, evaluationFrequency: One_Hour, logRetentionDays: 30, ous: [Root/Workloads] }
  mail: { allowedIngress: "none", allowedCidrs: "none", ous: [Root/Mail] }
`;

describeWithTool(CFN_LINT, 'cfn-lint on the built templates', () => {
  const files = [
    ...renderTemplateFiles({ handlerCode: FAKE_HANDLER_CODE, version: '0.0.0-test' }),
    ...renderProfileTemplateFiles({ handlerCode: FAKE_HANDLER_CODE, version: '0.0.0-test', config: parseDeployConfig(PROFILE_CONFIG, 'org.yaml'), source: describeConfigSource('org.yaml', PROFILE_CONFIG) }),
  ];
  // profiles/web/rule.yaml → profiles-web-rule.yaml: unique, and what the findings name.
  const fileNames = files.map((file) => file.path.replace(/^(templates|service-catalog)\//, '').replace(/\//g, '-'));
  let findings: string[] = [];
  beforeAll(() => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-guardrail-cfn-lint-'));
    try {
      files.forEach((file, i) => writeFileSync(path.join(dir, fileNames[i] as string), file.content));
      // A seeded template in the same run proves the linter reports what it finds.
      writeFileSync(path.join(dir, 'seeded.yaml'), 'Parameters:\n  Unused:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
      findings = cfnLint([...fileNames, 'seeded.yaml'].map((name) => path.join(dir, name)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('lints every file the build writes, and each profile\'s hand-off templates', () => {
    expect(fileNames).toEqual(expect.arrayContaining(['baseline.yaml', 'rule.json', 'standalone.yaml', 'aggregator.yaml', 'portfolio.yaml', 'launch-role.yaml', 'profiles-web-standalone.json']));
    expect(fileNames).toHaveLength(8 + 2 + 8);
  });

  it('baseline, rule, standalone and aggregator, and the profiles\' templates (YAML and JSON): no finding in any region', () => {
    expect(findings.filter((f) => !f.startsWith('portfolio.yaml ') && !f.startsWith('seeded.yaml '))).toEqual([]);
  });

  it('the Service Catalog portfolio: no finding, except the regions without Service Catalog', () => {
    const portfolio = findings.filter((f) => f.startsWith('portfolio.yaml '));
    expect(portfolio.filter((f) => !SERVICE_CATALOG_ABSENT.test(f))).toEqual([]);
    // Service Catalog exists in most regions (us-east-1 among them): not every region is absent.
    expect(portfolio.some((f) => f.endsWith("'us-east-1'"))).toBe(false);
  });

  it('a seeded unused parameter is reported: the linter really runs', () => {
    expect(findings.filter((f) => f.startsWith('seeded.yaml '))).toEqual(['seeded.yaml W2001 Parameter Unused not used.']);
  });
});
