/**
 * The documented IAM permission lists (docs/iam.md, and the function role's table in docs/handler.md)
 * are what users copy into their policies: they must name exactly the calls the code makes (the
 * templates' own role is held to the handler by iam.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AGGREGATOR_RESOURCE_ACTIONS } from '../../templates/aggregator';
import { ENFORCE_ACTIONS, READ_ACTIONS } from '../../templates/lambda-function';
import { sdkActionsImportedBy } from '../sdk-actions';

const ROOT = path.resolve(__dirname, '../..');
const doc = (file: string): string => readFileSync(path.join(ROOT, 'docs', file), 'utf8');
const section = (file: string, heading: string): string => {
  const text = doc(file);
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new TypeError(`docs/${file} has no heading "${heading}"`);
  const level = heading.split(' ')[0] as string;
  const end = text.indexOf(`\n${level} `, start + heading.length + 1);
  return text.slice(start, end < 0 ? undefined : end);
};

/** The first JSON policy in a section of docs/iam.md, as its sorted actions. */
const policyActions = (heading: string): string[] => {
  const json = /```json\n([\s\S]*?)```/.exec(section('iam.md', heading))?.[1];
  const policy = JSON.parse(json ?? '{}') as { Statement: { Action: string[] }[] };
  return policy.Statement.flatMap((s) => s.Action).sort();
};

/** Adapters of commands with an IAM list of their own (the rollout's list is everything else in src/aws). */
const COMPLIANCE_ADAPTERS = ['src/aws/config-aggregator.ts'];
const PUBLISH_ADAPTERS = ['src/aws/service-catalog.ts', 'src/aws/s3-templates.ts'];
const COMMAND_ADAPTERS = [...COMPLIANCE_ADAPTERS, ...PUBLISH_ADAPTERS];

describe('documented IAM permissions', () => {
  it("lists exactly the function role's actions under The handler", () => {
    const handler = section('handler.md', '## The handler');
    const table = handler.slice(handler.indexOf('**IAM permissions**'));
    const listed = [...table.matchAll(/^\| `([a-z0-9-]+:\w+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...READ_ACTIONS, ...ENFORCE_ACTIONS].sort());
    expect(sdkActionsImportedBy('handler')).toEqual([...READ_ACTIONS, ...ENFORCE_ACTIONS].sort());
  });

  it("gives the deployer every call the rollout's adapters make, what CloudFormation checks for a delegated administrator, and what it calls for the aggregator stack's resources", () => {
    const aggregatorResources = Object.values(AGGREGATOR_RESOURCE_ACTIONS).flat();
    const expected = new Set([...sdkActionsImportedBy('src/aws', COMMAND_ADAPTERS), 'organizations:ListDelegatedAdministrators', ...aggregatorResources]);
    expect(policyActions('## Prerequisites and the deployer (plan, apply, status, destroy)')).toEqual([...expected].sort());
    expect(sdkActionsImportedBy('src/aws/stacks.ts')).toEqual(expect.arrayContaining(['cloudformation:CreateStack', 'cloudformation:DescribeStackEvents']));
  });

  it('gives compliance exactly the calls of the Config aggregator adapter', () => {
    expect(policyActions('## compliance')).toEqual(sdkActionsImportedBy(COMPLIANCE_ADAPTERS));
    expect(sdkActionsImportedBy(COMPLIANCE_ADAPTERS)).toContain('config:GetAggregateComplianceDetailsByConfigRule');
  });

  it('gives publish exactly the calls of the Service Catalog and S3 adapters and the organization reads', () => {
    // iam:PassRole: CreateConstraint with a launch role (AWS::ServiceCatalog::LaunchRoleConstraint's handler permissions).
    expect(policyActions('## publish')).toEqual([...sdkActionsImportedBy([...PUBLISH_ADAPTERS, 'src/aws/organizations-reader.ts']), 'iam:PassRole'].sort());
    expect(sdkActionsImportedBy(PUBLISH_ADAPTERS)).toEqual(expect.arrayContaining(['servicecatalog:CreatePortfolioShare', 's3:GetObject', 's3:PutObject']));
  });
});
