/** Runs the real CLI (scripts/sg-guardrail.ts main) in-process against the AWS fakes, capturing output. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../scripts/sg-guardrail';
import { AGGREGATOR_PARAMETER, TEMPLATE_PARAMETER } from '../../src/template-parameters';

const P = TEMPLATE_PARAMETER;
const A = AGGREGATOR_PARAMETER;

/** Small stand-ins for dist/templates: the real parameter names, an unnamed IAM role (CAPABILITY_IAM). */
export const FIXTURE_TEMPLATES = {
  baseline: [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Parameters:',
    `  ${P.recordingFrequency}: { Type: String, Default: CONTINUOUS }`,
    `  ${P.existingBucketName}: { Type: String, Default: "" }`,
    'Resources:',
    '  ConfigRole: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }',
    '',
  ].join('\n'),
  rule: [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Parameters:',
    ...[P.allowedIngress, P.allowedCidrs, P.mode, P.exemptTagKey, P.scopeTagKey, P.scopeTagValue, P.evaluationFrequency, P.logRetentionDays].map((p) => `  ${p}: { Type: String, Default: "" }`),
    'Resources:',
    '  Rule: { Type: AWS::Config::ConfigRule, Properties: { Source: !Ref Mode } }',
    '',
  ].join('\n'),
  aggregator: [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Parameters:',
    `  ${A.name}: { Type: String }`,
    `  ${A.regions}: { Type: String, Default: "" }`,
    'Resources:',
    '  AggregatorRole: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }',
    `  Aggregator: { Type: AWS::Config::ConfigurationAggregator, Properties: { ConfigurationAggregatorName: !Ref ${A.name} } }`,
    '',
  ].join('\n'),
};

export interface Workspace {
  readonly dir: string;
  readonly templatesDir: string;
  writeConfig(yaml: string, name?: string): string;
}

export function createWorkspace(): Workspace {
  const dir = mkdtempSync(path.join(tmpdir(), 'sg-guardrail-e2e-'));
  const templatesDir = path.join(dir, 'templates');
  mkdirSync(templatesDir);
  writeFileSync(path.join(templatesDir, 'baseline.yaml'), FIXTURE_TEMPLATES.baseline);
  writeFileSync(path.join(templatesDir, 'rule.yaml'), FIXTURE_TEMPLATES.rule);
  writeFileSync(path.join(templatesDir, 'aggregator.yaml'), FIXTURE_TEMPLATES.aggregator);
  return {
    dir,
    templatesDir,
    writeConfig(yaml, name = 'org.yaml') {
      const file = path.join(dir, name);
      writeFileSync(file, yaml);
      return file;
    },
  };
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `sg-guardrail ARGS` as a user would, with stdout/stderr captured. */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    stdout += `${parts.join(' ')}\n`;
  });
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    stderr += `${parts.map(String).join(' ')}\n`;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
    error.mockRestore();
  }
}
