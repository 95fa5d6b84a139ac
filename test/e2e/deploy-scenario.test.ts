/**
 * The rollout end to end: the real CLI, the real SDK clients, the in-memory Organizations and
 * StackSets fakes. plan → apply → apply (no-op) → change ports → apply → move/prune.
 */
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { TEMPLATE_PARAMETER } from '../../src/template-parameters';
import { createWorkspace, runCli } from './deploy-helpers';
import type { Workspace } from './deploy-helpers';

const P = TEMPLATE_PARAMETER;
const REGIONS = ['eu-west-1', 'us-east-1'];

const CONFIG_V1 = `
regions: [us-east-1, eu-west-1]
profiles:
  web: { allowedIngress: "80,443", ous: [Root/Workloads] }
  mail: { allowedIngress: "80,443,465,993", mode: report, ous: [Root/Workloads/Mail] }
`;

let fakes: AwsFakes;
let ws: Workspace;
let ids: { workloads: string; prod: string; mail: string; sandbox: string };

beforeEach(() => {
  const org = new OrganizationFake();
  ids = {
    workloads: org.addOuPath('Root/Workloads'),
    prod: org.addOuPath('Root/Workloads/Prod'),
    mail: org.addOuPath('Root/Workloads/Mail'),
    sandbox: org.addOuPath('Root/Sandbox'),
  };
  org.addAccount(ids.workloads, { id: '222222222222' });
  org.addAccount(ids.prod, { id: '333333333333' });
  org.addAccount(ids.prod, { id: '444444444444' });
  org.addAccount(ids.mail, { id: '555555555555' });
  org.addAccount(ids.sandbox, { id: '666666666666' });
  fakes = installAwsFakes({ organization: org });
  ws = createWorkspace();
});

afterEach(() => fakes.restore());

const apply = (file: string, ...extra: string[]): ReturnType<typeof runCli> =>
  runCli(['apply', '-c', file, '--templates', ws.templatesDir, '--yes', '--poll-seconds', '0', ...extra]);
const deployed = (stackSet: string, account: string, region = 'us-east-1'): Record<string, string> | undefined =>
  fakes.stackSets.instance(stackSet, account, region)?.deployed?.parameters;
const accountsOf = (stackSet: string): string[] => [...new Set(fakes.stackSets.instances(stackSet).map((i) => i.account))].sort();

describe('sg-guardrail plan/apply against the fakes', () => {
  it('plan → apply → apply (no-op) → change ports → apply → move → prune', async () => {
    const file = ws.writeConfig(CONFIG_V1);

    // plan: read-only, shows the creates and the warning about accounts directly in Root/Workloads.
    const plan = await runCli(['plan', '-c', file, '--templates', ws.templatesDir]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('(callAs SELF, stack sets administered in us-east-1)');
    expect(plan.stdout).toContain('+ create sg-guardrail-baseline');
    expect(plan.stdout).toContain('+ create sg-guardrail-rule-web');
    expect(plan.stdout).toContain('1 account(s) sit directly in Root/Workloads (profile web)');
    expect(fakes.stackSets.mutatingCalls()).toEqual([]);

    // apply: creates both rule stack sets with the profile values as their own parameters.
    const first = await apply(file);

    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Apply finished');
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['sg-guardrail-baseline', 'sg-guardrail-rule-mail', 'sg-guardrail-rule-web']);
    expect(accountsOf('sg-guardrail-baseline')).toEqual(['222222222222', '333333333333', '444444444444', '555555555555']);
    expect(accountsOf('sg-guardrail-rule-web')).toEqual(['333333333333', '444444444444']);
    expect(accountsOf('sg-guardrail-rule-mail')).toEqual(['555555555555']);
    for (const region of REGIONS) {
      expect(deployed('sg-guardrail-rule-web', '333333333333', region)?.[P.allowedIngress]).toBe('80,443');
      expect(deployed('sg-guardrail-rule-mail', '555555555555', region)).toMatchObject({ [P.allowedIngress]: '80,443,465,993', [P.mode]: 'report' });
    }
    const web = fakes.stackSets.stackSet('sg-guardrail-rule-web');
    expect(web?.autoDeployment).toEqual({ Enabled: true, RetainStacksOnAccountRemoval: false, DependsOn: [fakes.stackSets.stackSet('sg-guardrail-baseline')?.arn] });
    expect(web?.managedExecution).toEqual({ Active: true });
    expect(fakes.stackSets.callAsValues()).toEqual(['SELF']);
    expect(fakes.stackSets.instances('sg-guardrail-rule-web').every((i) => i.overrides.size === 0)).toBe(true);

    // apply again: nothing changed, so no mutating call at all.
    const mutations = fakes.stackSets.mutatingCalls().length;
    const second = await apply(file);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('No changes');
    expect(fakes.stackSets.mutatingCalls()).toHaveLength(mutations);

    // change web's ports: one UpdateStackSet, every web account updated.
    const file2 = ws.writeConfig(CONFIG_V1.replace('"80,443"', '"443"'));
    const third = await apply(file2);
    expect(third.code).toBe(0);
    expect(fakes.stackSets.mutatingCalls().slice(mutations).map((c) => c.operation)).toEqual(['UpdateStackSet']);
    expect(deployed('sg-guardrail-rule-web', '444444444444', 'eu-west-1')?.[P.allowedIngress]).toBe('443');

    // a new account in Prod is auto-deployed with the stack set's own (new) values: the design's point.
    fakes.organization.addAccount(ids.prod, { id: '777777777777' });
    fakes.stackSets.settle();
    expect(deployed('sg-guardrail-rule-web', '777777777777')?.[P.allowedIngress]).toBe('443');

    // Mail moves to profile web (mail now covers Sandbox): Mail's rule instances go first, without --prune.
    const file3 = ws.writeConfig(CONFIG_V1.replace('"80,443"', '"443"').replace('ous: [Root/Workloads/Mail]', 'ous: [Root/Sandbox]'));
    const fourth = await apply(file3);
    expect(fourth.code).toBe(0);
    expect(fourth.stdout).toContain('remove (moved to another profile)');
    expect(accountsOf('sg-guardrail-rule-mail')).toEqual(['666666666666']);
    expect(accountsOf('sg-guardrail-rule-web')).toEqual(['222222222222', '333333333333', '444444444444', '555555555555', '777777777777']);
    expect(deployed('sg-guardrail-rule-web', '555555555555')?.[P.allowedIngress]).toBe('443');
    expect((await apply(file3)).stdout).toContain('No changes');

    // drop profile mail: orphaned without --prune (nothing deleted), deleted with it.
    const file4 = ws.writeConfig(`regions: [us-east-1, eu-west-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }\n`);
    const before = fakes.stackSets.mutatingCalls().length;
    const orphaned = await apply(file4);
    expect(orphaned.stdout).toContain('! orphaned sg-guardrail-rule-mail');
    expect(orphaned.stdout).toContain('No changes to apply; orphaned targets are kept (apply --prune deletes them).');
    expect(fakes.stackSets.mutatingCalls()).toHaveLength(before);
    const pruned = await apply(file4, '--prune');
    expect(pruned.code).toBe(0);
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['sg-guardrail-baseline', 'sg-guardrail-rule-web']);
    expect(accountsOf('sg-guardrail-baseline')).not.toContain('666666666666');
    expect((await apply(file4, '--prune')).stdout).toContain('No changes');
  });

  it('reports failed stack instances with account, region and reason, and exits 1', async () => {
    fakes.stackSets.failInstances({ stackSet: 'sg-guardrail-baseline', accounts: ['333333333333'], regions: ['eu-west-1'] });
    const run = await apply(ws.writeConfig(CONFIG_V1));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Failed stack instances \(1\):[\s\S]*sg-guardrail-baseline\s+333333333333\s+eu-west-1\s+FAILED\s+.*MaxNumberOfConfigurationRecordersExceededException/);

    // Once the cause is fixed, the next apply redeploys exactly the failed and cancelled instances, then goes on.
    fakes.stackSets.clearInjections();
    const again = await apply(ws.writeConfig(CONFIG_V1));
    expect(again.code).toBe(0);
    // SOFT_FAILURE_TOLERANCE at 100 % concurrency attempts the whole region at once: only the injected one fails.
    expect(again.stdout).toContain('↻ redeploy 1 failed stack instance(s): 333333333333/eu-west-1');
    const retry = fakes.stackSets.calls('UpdateStackInstances')[0]?.input;
    expect(retry).toMatchObject({ StackSetName: 'sg-guardrail-baseline', Regions: ['eu-west-1'], DeploymentTargets: { Accounts: ['333333333333'], AccountFilterType: 'INTERSECTION' } });
    expect(retry?.ParameterOverrides).toBeUndefined();
    expect(fakes.stackSets.instances('sg-guardrail-baseline').every((i) => i.status === 'CURRENT')).toBe(true);
    expect(accountsOf('sg-guardrail-rule-web')).toEqual(['333333333333', '444444444444']);
    expect((await apply(ws.writeConfig(CONFIG_V1))).stdout).toContain('No changes');
  });

  it('a redeploy that fails again is attempted again by the next apply, with a new OperationId', async () => {
    const file = ws.writeConfig(CONFIG_V1);
    fakes.stackSets.failInstances({ stackSet: 'sg-guardrail-rule-web', accounts: ['333333333333'], regions: ['eu-west-1'] });
    expect((await apply(file)).code).toBe(1);
    const retried = await apply(file);
    expect(retried.code).toBe(1);
    expect(retried.stdout).toMatch(/Failed stack instances \(1\):[\s\S]*sg-guardrail-rule-web\s+333333333333\s+eu-west-1\s+FAILED/);

    fakes.stackSets.clearInjections();
    const fixed = await apply(file);
    expect(fixed.stdout).not.toContain('resumed from an earlier run');
    expect(fixed.code).toBe(0);
    const retryIds = fakes.stackSets.calls('UpdateStackInstances').map((c) => c.input.OperationId);
    expect(retryIds).toHaveLength(2);
    expect(new Set(retryIds).size).toBe(2);
    expect(fakes.stackSets.instance('sg-guardrail-rule-web', '333333333333', 'eu-west-1')?.status).toBe('CURRENT');
  });

  it('refuses to apply without a terminal and without --yes, before any AWS call', async () => {
    const run = await runCli(['apply', '-c', ws.writeConfig(CONFIG_V1), '--templates', ws.templatesDir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass --yes');
    expect(fakes.stackSets.calls()).toEqual([]);
    expect(fakes.organization.calls()).toEqual([]);
  });

  it('status shows the values each account really has, and drift after --detect-drift', async () => {
    const file = ws.writeConfig(CONFIG_V1);
    await apply(file);
    fakes.stackSets.setDrift({ accounts: ['333333333333'], status: 'DRIFTED' });
    const run = await runCli(['status', '-c', file, '--detect-drift', '--region', 'us-east-1', '--poll-seconds', '0', '--json']);
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout) as { name: string; drift?: { status: string }; instances: { account: string; driftStatus: string; values: Record<string, string> }[] }[];
    const web = status.find((s) => s.name === 'sg-guardrail-rule-web');
    expect(web?.drift?.status).toBe('SUCCEEDED');
    expect(web?.instances.map((i) => [i.account, i.driftStatus, i.values[P.allowedIngress]])).toEqual([
      ['333333333333', 'DRIFTED', '80,443'],
      ['444444444444', 'IN_SYNC', '80,443'],
    ]);
    fakes.stackSets.clearCalls();
    const text = await runCli(['status', '-c', file, '--account', '555555555555']);
    // Only that account's instances are listed (ListStackInstances' own filter), not the whole org's.
    expect(new Set(fakes.stackSets.calls('ListStackInstances').map((c) => c.input.StackInstanceAccount))).toEqual(new Set(['555555555555']));
    expect(text.stdout).toMatch(/sg-guardrail-rule-mail[\s\S]*555555555555\s+\S+\s+Root\/Workloads\/Mail\s+eu-west-1\s+CURRENT\/SUCCEEDED/);
  });
});
