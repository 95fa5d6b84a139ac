/** Small organizations, configs and templates for the pure deploy tests. */
import { parseDeployConfig } from '../../../src/deploy/config/config';
import type { DeployConfig } from '../../../src/deploy/config/config-types';
import type { OrgTree } from '../../../src/deploy/org/org-tree';
import type { Plan } from '../../../src/deploy/plan/plan-types';
import { buildOrgTree } from '../../../src/deploy/org/org-tree';
import type { StackInstanceState, StackSetState } from '../../../src/deploy/plan/stack-set-state';
import type { TemplateBodies } from '../../../src/deploy/plan/template-bodies';
import { TEMPLATE_PARAMETER } from '../../../src/template-parameters';

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
};

/** A stack set as it looks after a successful apply of `targets` (ou path → regions). */
export function deployedState(options: {
  name: string;
  org: OrgTree;
  template: string;
  parameters: Record<string, string>;
  targets: Record<string, readonly string[]>;
  dependsOn?: readonly string[];
  status?: string;
}): StackSetState {
  const instances: StackInstanceState[] = [];
  const ouIds: string[] = [];
  for (const [path, regions] of Object.entries(options.targets)) {
    const id = ouId(options.org, path);
    ouIds.push(id);
    const accounts = [...options.org.accounts.values()].filter((a) => a.id !== MANAGEMENT && isUnder(options.org, a.parentId, id));
    for (const account of accounts) {
      for (const region of regions) {
        instances.push({ account: account.id, region, ouId: id, status: options.status ?? 'CURRENT', detailedStatus: 'SUCCEEDED', statusReason: undefined, driftStatus: 'NOT_CHECKED' });
      }
    }
  }
  return {
    name: options.name,
    id: `${options.name}:00000000-0000-0000-0000-000000000000`,
    arn: `arn:aws:cloudformation:us-east-1:${MANAGEMENT}:stackset/${options.name}:00000000-0000-0000-0000-000000000000`,
    permissionModel: 'SERVICE_MANAGED',
    templateBody: options.template,
    parameters: options.parameters,
    capabilities: ['CAPABILITY_IAM'],
    autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false, dependsOn: options.dependsOn ?? [] },
    managedExecutionActive: true,
    organizationalUnitIds: ouIds,
    regions: [...new Set(Object.values(options.targets).flat())],
    instances,
  };
}

function isUnder(org: OrgTree, id: string, ancestor: string): boolean {
  for (let n: string | undefined = id; n !== undefined; n = org.nodes.get(n)?.parentId) if (n === ancestor) return true;
  return false;
}

/** What the stack sets look like after `plan` ran to success (every instance CURRENT). */
export function simulateApply(plan: Plan, current: readonly StackSetState[], org: OrgTree, templates: TemplateBodies): StackSetState[] {
  const byName = new Map(current.map((s) => [s.name, s]));
  const result: StackSetState[] = [];
  const baselineArn = (): string => `arn:aws:cloudformation:us-east-1:${MANAGEMENT}:stackset/${plan.prefix}-baseline:00000000-0000-0000-0000-000000000000`;
  for (const set of plan.stackSets) {
    if (set.action === 'delete') continue;
    const before = byName.get(set.name);
    const targets = new Map<string, Set<string>>();
    if (before !== undefined) {
      for (const i of before.instances) if (i.ouId !== undefined) targets.set(i.ouId, new Set([...(targets.get(i.ouId) ?? []), i.region]));
      for (const ou of before.organizationalUnitIds) if (!targets.has(ou)) targets.set(ou, new Set(before.regions));
    }
    for (const r of set.remove) for (const ou of r.ous) for (const region of r.regions) targets.get(ou.id)?.delete(region);
    for (const a of set.add) for (const ou of a.ous) for (const region of a.regions) targets.set(ou.id, new Set([...(targets.get(ou.id) ?? []), region]));
    const pathTargets: Record<string, string[]> = {};
    for (const [ou, regions] of targets) if (regions.size > 0) pathTargets[org.nodes.get(ou)?.path ?? ou] = [...regions];
    const inConfig = set.action !== 'orphaned';
    result.push(
      deployedState({
        name: set.name,
        org,
        template: inConfig ? templates[set.kind] : (before?.templateBody ?? ''),
        parameters: inConfig ? Object.fromEntries(set.parameters.map((p) => [p.key, p.value])) : { ...before?.parameters },
        targets: pathTargets,
        dependsOn: set.kind === 'rule' && inConfig ? [baselineArn()] : (before?.autoDeployment?.dependsOn ?? []),
      }),
    );
  }
  return result;
}
