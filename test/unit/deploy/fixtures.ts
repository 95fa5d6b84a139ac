/** Small organizations, configs and templates for the pure deploy tests. */
import { parseDeployConfig } from '../../../src/deploy/config/config';
import type { DeployConfig } from '../../../src/deploy/config/config-types';
import type { OrgTree } from '../../../src/deploy/org/org-tree';
import type { Plan } from '../../../src/deploy/plan/plan-types';
import { buildOrgTree } from '../../../src/deploy/org/org-tree';
import type { StackInstanceState, StackSetState } from '../../../src/deploy/plan/stack-set-state';
import type { TemplateBodies } from '../../../src/deploy/plan/template-bodies';
import { simulationOf } from '../../../src/deploy/plan/current-state';
import { ownershipDescription } from '../../../src/deploy/plan/ownership';
import { instancesOf, simulateStep } from '../../../src/deploy/plan/simulate';
import { indexOrg } from '../../../src/deploy/org/org-index';
import { aggregatorParameters, aggregatorStackName } from '../../../src/deploy/aggregator';
import type { CurrentStack } from '../../../src/deploy/plan/plan-aggregator';
import { ownerTags } from '../../../src/deploy/plan/ownership';
import type { StackState, StacksPort } from '../../../src/deploy/stacks-port';
import { AGGREGATOR_PARAMETER, TEMPLATE_PARAMETER } from '../../../src/template-parameters';

export const MANAGEMENT = '111111111111';

/**
 * An org from paths: `{ 'Root/Workloads': 2, 'Root/Workloads/Mail': 1 }` makes the OUs (ids are
 * `ou-root-<name lowercased>`) and that many accounts directly in each. The management account is in Root.
 */
export function orgFromPaths(spec: Readonly<Record<string, number>>): OrgTree {
  const ous = new Map<string, { id: string; name: string; parentId: string }>();
  const accounts: { id: string; name: string; parentId: string }[] = [{ id: MANAGEMENT, name: 'management', parentId: 'r-root' }];
  let next = 200000000000;
  const idOf = (path: string): string => (path === 'Root' ? 'r-root' : `ou-root-${path.split('/').slice(1).join('').toLowerCase().padEnd(8, 'x')}`);
  for (const [path, count] of Object.entries(spec)) {
    const parts = path.split('/');
    for (let i = 2; i <= parts.length; i += 1) {
      const sub = parts.slice(0, i).join('/');
      if (!ous.has(sub)) ous.set(sub, { id: idOf(sub), name: parts[i - 1] as string, parentId: idOf(parts.slice(0, i - 1).join('/')) });
    }
    for (let n = 0; n < count; n += 1) {
      next += 1;
      accounts.push({ id: String(next), name: `acct-${next}`, parentId: idOf(path) });
    }
  }
  return buildOrgTree({ root: { id: 'r-root', name: 'Root' }, ous: [...ous.values()], accounts, managementAccountId: MANAGEMENT });
}

export function ouId(org: OrgTree, path: string): string {
  const node = [...org.nodes.values()].find((n) => n.path === path);
  if (node === undefined) throw new Error(`no OU ${path}`);
  return node.id;
}

export function config(yaml: string, file = 'org.yaml'): DeployConfig {
  return parseDeployConfig(yaml, file);
}

const P = TEMPLATE_PARAMETER;
export const TEMPLATES: TemplateBodies = {
  baseline: `Parameters:\n  ${P.recordingFrequency}:\n    Type: String\n    Default: CONTINUOUS\n  ${P.existingBucketName}:\n    Type: String\n    Default: ''\nResources: {}\n`,
  rule: `Parameters:\n${[P.allowedIngress, P.allowedCidrs, P.mode, P.exemptTagKey, P.scopeTagKey, P.scopeTagValue, P.evaluationFrequency, P.logRetentionDays]
    .map((p) => `  ${p}:\n    Type: String\n    Default: ''\n`)
    .join('')}Resources:\n  Rule:\n    Type: AWS::Config::ConfigRule\n    Properties:\n      Source: !Ref ${P.mode}\n`,
  aggregator: `Parameters:\n  ${AGGREGATOR_PARAMETER.name}:\n    Type: String\n  ${AGGREGATOR_PARAMETER.regions}:\n    Type: String\n    Default: ''\nResources:\n  Aggregator:\n    Type: AWS::Config::ConfigurationAggregator\n`,
};

/** A stack set as it looks after a successful apply of `targets` (ou path → regions), marked as `prefix`'s. */
export function deployedState(options: {
  name: string;
  org: OrgTree;
  template: string;
  parameters: Record<string, string>;
  targets: Record<string, readonly string[]>;
  dependsOn?: readonly string[];
  status?: string;
  prefix?: string;
  description?: string;
  latestOperationId?: string;
}): StackSetState {
  const instances: StackInstanceState[] = [];
  const targets: { ouId: string; regions: string[] }[] = [];
  const index = indexOrg(options.org);
  for (const [path, regions] of Object.entries(options.targets)) {
    const id = ouId(options.org, path);
    targets.push({ ouId: id, regions: [...regions] });
    for (const account of index.accountsUnder(id)) {
      for (const region of regions) {
        instances.push({ account, region, ouId: id, status: options.status ?? 'CURRENT', detailedStatus: 'SUCCEEDED', statusReason: undefined, driftStatus: 'NOT_CHECKED' });
      }
    }
  }
  const prefix = options.prefix ?? 'sg-guardrail';
  const profile = options.name.startsWith(`${prefix}-rule-`) ? options.name.slice(`${prefix}-rule-`.length) : undefined;
  return {
    name: options.name,
    id: `${options.name}:00000000-0000-0000-0000-000000000000`,
    arn: `arn:aws:cloudformation:us-east-1:${MANAGEMENT}:stackset/${options.name}:00000000-0000-0000-0000-000000000000`,
    description: options.description ?? ownershipDescription({ prefix, kind: profile === undefined ? 'baseline' : 'rule', profile }),
    permissionModel: 'SERVICE_MANAGED',
    templateBody: options.template,
    parameters: options.parameters,
    capabilities: ['CAPABILITY_IAM'],
    autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false, dependsOn: options.dependsOn ?? [] },
    managedExecutionActive: true,
    targets,
    latestOperationId: options.latestOperationId,
    instances,
  };
}

/**
 * What the stack sets look like after `plan` ran to success in every account: the plan's steps applied
 * to the planner's own model of StackSets (simulate.ts). The e2e tests check the same against the
 * independent StackSets fake.
 */
export function simulateApply(plan: Plan, current: readonly StackSetState[], org: OrgTree, templates: TemplateBodies): StackSetState[] {
  const index = indexOrg(org);
  const byName = new Map(current.map((s) => [s.name, s]));
  const result: StackSetState[] = [];
  for (const set of plan.stackSets) {
    const before = byName.get(set.name);
    const sim = simulationOf(before, set.name, set.kind, index);
    for (const step of plan.steps.filter((s) => s.stackSet === set.name)) simulateStep(sim, step, index);
    if (!sim.exists) continue;
    const inConfig = set.action !== 'orphaned';
    const update = plan.steps.find((s) => s.stackSet === set.name && (s.kind === 'create-stack-set' || s.kind === 'update-stack-set'));
    const instances: StackInstanceState[] = [];
    for (const { region, account, status } of instancesOf(sim)) {
      const parent = org.accounts.get(account)?.parentId ?? '';
      const ouId = index.ancestorsOf(parent).find((n) => sim.targets.get(n)?.has(region) === true);
      instances.push({ account, region, ouId, status, detailedStatus: status === 'CURRENT' ? 'SUCCEEDED' : 'FAILED', statusReason: undefined, driftStatus: 'NOT_CHECKED' });
    }
    const baselineArn = `arn:aws:cloudformation:us-east-1:${MANAGEMENT}:stackset/${plan.prefix}-baseline:00000000-0000-0000-0000-000000000000`;
    const operations = plan.steps.filter((s) => s.stackSet === set.name && 'operationId' in s);
    result.push({
      name: set.name,
      id: before?.id ?? `${set.name}:00000000-0000-0000-0000-000000000000`,
      arn: before?.arn ?? `arn:aws:cloudformation:us-east-1:${MANAGEMENT}:stackset/${set.name}:00000000-0000-0000-0000-000000000000`,
      description: update !== undefined && 'description' in update ? update.description : before?.description,
      permissionModel: 'SERVICE_MANAGED',
      templateBody: inConfig ? templates[set.kind] : (before?.templateBody ?? ''),
      parameters: inConfig ? Object.fromEntries(set.parameters.map((p) => [p.key, p.value])) : { ...before?.parameters },
      capabilities: ['CAPABILITY_IAM'],
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false, dependsOn: set.kind === 'rule' && inConfig ? [baselineArn] : (before?.autoDeployment?.dependsOn ?? []) },
      managedExecutionActive: true,
      targets: [...sim.targets].map(([ouId, regions]) => ({ ouId, regions: [...regions].sort() })),
      latestOperationId: operations.length > 0 ? (operations.at(-1) as { operationId: string }).operationId : before?.latestOperationId,
      instances,
    });
  }
  return result;
}

/** A stacks port for plans without an aggregator section: any call fails the test. */
export const UNUSED_STACKS: StacksPort = {
  describeStack: () => Promise.reject(new Error('unexpected DescribeStacks')),
  readTemplate: () => Promise.reject(new Error('unexpected GetTemplate')),
  createStack: () => Promise.reject(new Error('unexpected CreateStack')),
  updateStack: () => Promise.reject(new Error('unexpected UpdateStack')),
  deleteStack: () => Promise.reject(new Error('unexpected DeleteStack')),
  operationEvents: () => Promise.reject(new Error('unexpected DescribeStackEvents')),
};

/** The aggregator stack as a successful apply of `cfg` leaves it (tagged, CREATE_COMPLETE, the config's values). */
export function deployedAggregator(cfg: DeployConfig, state: Partial<StackState> = {}, templateBody = TEMPLATES.aggregator): CurrentStack {
  const name = aggregatorStackName(cfg.prefix);
  return {
    state: {
      stackId: `arn:aws:cloudformation:us-east-1:${MANAGEMENT}:stack/${name}/00000000-0000-4000-8000-000000000001`,
      name,
      status: 'CREATE_COMPLETE',
      statusReason: undefined,
      parameters: aggregatorParameters(cfg),
      tags: ownerTags(cfg.prefix),
      ...state,
    },
    templateBody,
  };
}
