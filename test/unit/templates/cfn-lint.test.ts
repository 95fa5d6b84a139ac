/**
 * The real CloudFormation linter on the files the build writes: no error, warning or informational
 * finding, for the guardrail templates in every region cfn-lint knows. cfn-lint (Python) is part of
 * this project's machine kind; where it is missing the tests are skipped, except in CI, where a
 * missing linter is a failure rather than a silent pass.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeConfigSource } from '../../../src/build/profile-source';
import { renderProfileTemplateFiles } from '../../../src/build/profile-templates';
import { renderTemplateFiles } from '../../../src/build/template-files';
import { parseDeployConfig } from '../../../src/deploy/config/config';
import { FAKE_HANDLER_CODE } from './fixtures';

interface Finding {
  readonly Filename: string;
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
}

/** cfn-lint on PATH, else pyenv's shim (a shell without pyenv's init lacks it on PATH). */
const CFN_LINT = ['cfn-lint', path.join(os.homedir(), '.pyenv', 'shims', 'cfn-lint')].find(
  (command) => spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0,
);
const describeIfInstalled = CFN_LINT !== undefined || process.env.CI === 'true' ? describe : describe.skip;

/** Runs cfn-lint with informational checks on; returns each finding as `file RULE message`. */
function cfnLint(files: readonly string[], regions: 'ALL_REGIONS' | 'us-east-1'): string[] {
  const run = spawnSync(CFN_LINT ?? 'cfn-lint', ['--format', 'json', '--include-checks', 'I', '--regions', regions, '--', ...files], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.error !== undefined || run.stdout.trim() === '') {
    throw new TypeError(`cfn-lint did not run (install it with \`pip install cfn-lint\`): ${String(run.error ?? run.stderr)}`);
  }
  return (JSON.parse(run.stdout) as Finding[]).map((f) => `${path.basename(f.Filename)} ${f.Rule.Id} ${f.Message}`);
}

describeIfInstalled('cfn-lint on the built templates', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-guardrail-cfn-lint-'));
  const files = renderTemplateFiles({ handlerCode: FAKE_HANDLER_CODE, version: '0.0.0-test' });
  for (const file of files) writeFileSync(path.join(dir, file.path.replace('/', '-')), file.content);
  const pathOf = (relative: string) => path.join(dir, relative.replace('/', '-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('baseline, rule, standalone and aggregator (YAML and JSON): no finding in any region', () => {
    const templates = files.filter((f) => f.path.startsWith('templates/')).map((f) => pathOf(f.path));
    expect(templates).toHaveLength(8);
    expect(cfnLint(templates, 'ALL_REGIONS')).toEqual([]);
  }, 120_000);

  // Every value a profile can set ends up as a Default, so the linter checks them against the constraints too.
  it('the per-profile hand-off templates (YAML and JSON): no finding in any region', () => {
    const text = `prefix: acme
regions: [us-east-1]
baseline: { recordingFrequency: DAILY, existingBucketName: central-config, existingBucketKeyPrefix: o-abc123 }
profiles:
  web: { allowedIngress: "443,22@10.0.0.0/8", allowedCidrs: "0.0.0.0/0", mode: report, scopeTagKey: team, scopeTagValue: web, evaluationFrequency: One_Hour, logRetentionDays: 30, ous: [Root/Workloads] }
  mail: { allowedIngress: "none", allowedCidrs: "none", ous: [Root/Mail] }
`;
    const profiles = renderProfileTemplateFiles({ handlerCode: FAKE_HANDLER_CODE, version: '0.0.0-test', config: parseDeployConfig(text, 'org.yaml'), source: describeConfigSource('org.yaml', text) });
    const paths = profiles.map((f) => {
      const file = path.join(dir, f.path.replace(/\//g, '-'));
      writeFileSync(file, f.content);
      return file;
    });
    expect(paths).toHaveLength(8);
    expect(cfnLint(paths, 'ALL_REGIONS')).toEqual([]);
  }, 120_000);

  // Service Catalog itself is missing from a few regions (E3006 there), so the portfolio is linted
  // for one region; a seeded template in the same run proves the linter reports what it finds.
  it('the Service Catalog portfolio and launch role: no finding; a seeded unused parameter is reported', () => {
    const seeded = path.join(dir, 'seeded.yaml');
    writeFileSync(seeded, 'Parameters:\n  Unused:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    expect(cfnLint([pathOf('service-catalog/portfolio.yaml'), pathOf('service-catalog/launch-role.yaml'), seeded], 'us-east-1')).toEqual([
      'seeded.yaml W2001 Parameter Unused not used.',
    ]);
  }, 120_000);
});
