/**
 * The rollout under the conditions AWS documents: interrupted runs, empty and short pages,
 * throttling, delegated administrators, instances with overrides someone else set.
 */
import { CloudFormationClient, UpdateStackInstancesCommand, UpdateStackSetCommand } from '@aws-sdk/client-cloudformation';
import { createDeployContext } from '../../src/aws/deploy-context';
import type { CommandEnv } from '../../src/deploy/commands';
import { runApplyCommand } from '../../src/deploy/commands';
import { readTemplateBodies } from '../../src/deploy/plan/template-bodies';
import { TEMPLATE_PARAMETER } from '../../src/template-parameters';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes, StackSetsFakeOptions } from '../fakes/index';
import { createWorkspace, runCli } from './deploy-helpers';
import type { Workspace } from './deploy-helpers';

const CONFIG = `
regions: [us-east-1, eu-west-1]
profiles:
  web: { allowedIngress: "80,443", ous: [Root/Workloads] }
  mail: { allowedIngress: "25,465", ous: [Root/Workloads/Mail] }
`;

let fakes: AwsFakes;
let ws: Workspace;
let mailOu: string;

function install(options: StackSetsFakeOptions = {}, delegatedAdmin?: string): void {
  const org = new OrganizationFake();
  const workloads = org.addOuPath('Root/Workloads');
  const prod = org.addOuPath('Root/Workloads/Prod');
  mailOu = org.addOuPath('Root/Workloads/Mail');
  org.addAccount(prod, { id: '333333333333' });
  org.addAccount(prod, { id: '444444444444' });
  org.addAccount(mailOu, { id: '555555555555' });
  org.addAccount(workloads, { id: '999999999999', name: 'admin' });
  if (delegatedAdmin !== undefined) org.registerDelegatedAdministrator(delegatedAdmin);
  fakes = installAwsFakes({ organization: org, stackSetsOptions: options });
}

beforeEach(() => {
  ws = createWorkspace();
});
afterEach(() => fakes.restore());

const applyArgs = (file: string): string[] => ['apply', '-c', file, '--templates', ws.templatesDir, '--yes', '--poll-seconds', '0'];

describe('apply resumes', () => {
  it('after an interruption while an operation runs: waits for it, submits nothing twice, finishes the rest', async () => {
    // Only polling DescribeStackSetOperation moves operations on, so one is left RUNNING at the interrupt.
    install({ autoAdvanceOn: ['DescribeStackSetOperation'] });
    const file = ws.writeConfig(CONFIG);
    let output = '';
    let interrupt = true;
    const env: CommandEnv = {
      io: {
        out: (t) => void (output += t),
        err: (t) => void (output += t),
        isTTY: false,
        confirm: undefined,
        // The first wait between two polls is where the user presses Ctrl-C.
        sleep: async () => {
          if (interrupt) {
            interrupt = false;
            throw new Error('SIGINT');
          }
        },
        now: () => new Date('2026-01-01T00:00:00Z'),
      },
      createContext: (config) => createDeployContext(config.callAs),
      loadTemplates: () => readTemplateBodies(ws.templatesDir),
    };
    const options = { configFile: file, templatesDir: ws.templatesDir, prune: false, adopt: false, yes: true, pollIntervalMs: 0 };
    await expect(runApplyCommand(options, env)).rejects.toThrow('SIGINT');
    expect(fakes.stackSets.unfinishedOperations()).toHaveLength(1);

    output = '';
    await expect(runApplyCommand(options, env)).resolves.toBe(0);
    expect(output).toContain('still running from an earlier run');
    expect(fakes.stackSets.calls('CreateStackSet')).toHaveLength(3);
    expect(fakes.stackSets.calls('CreateStackInstances').map((c) => c.input.StackSetName)).toEqual(['sg-guardrail-baseline', 'sg-guardrail-rule-mail', 'sg-guardrail-rule-web']);
    expect(fakes.stackSets.instances('sg-guardrail-rule-web').map((i) => i.status)).toEqual(['CURRENT', 'CURRENT', 'CURRENT', 'CURRENT']);
    expect((await runCli(applyArgs(file))).stdout).toContain('No changes');
  });
});

describe('apply on a terminal', () => {
  it.each([
    [false, 1, 'Nothing applied.'],
    [true, 0, 'Apply finished'],
  ])('asks first; answered %p it exits %p', async (answer, code, text) => {
    install();
    let output = '';
    const questions: string[] = [];
    const env: CommandEnv = {
      io: {
        out: (t) => void (output += t),
        err: (t) => void (output += t),
        isTTY: true,
        confirm: async (question) => {
          questions.push(question);
          expect(fakes.stackSets.mutatingCalls()).toEqual([]);
          return answer;
        },
        sleep: async () => undefined,
        now: () => new Date('2026-01-01T00:00:00Z'),
      },
      createContext: (config) => createDeployContext(config.callAs),
      loadTemplates: () => readTemplateBodies(ws.templatesDir),
    };
    const result = await runApplyCommand({ configFile: ws.writeConfig(CONFIG), templatesDir: ws.templatesDir, prune: false, adopt: false, yes: false, pollIntervalMs: 0 }, env);
    expect(result).toBe(code);
    expect(questions).toEqual(['Apply this plan? Type "yes" to continue: ']);
    expect(output).toContain(text);
    expect(fakes.stackSets.stackSetNames()).toHaveLength(answer ? 3 : 0);
    // On a terminal, progress redraws its block in place.
    if (answer) expect(output).toContain('\u001b[2K');
  });
});

describe('apply and plan under AWS conditions', () => {
  it('plan stops before any change when trusted access is not activated', async () => {
    install({ organizationsAccess: false });
    const run = await runCli(['plan', '-c', ws.writeConfig(CONFIG), '--templates', ws.templatesDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cloudformation:DescribeOrganizationsAccess: trusted access .* is not activated\. Fix: activate it once/);
    expect(fakes.stackSets.mutatingCalls()).toEqual([]);
  });

  it('plan stops when the organization has consolidated billing only', async () => {
    fakes = installAwsFakes({ organization: new OrganizationFake({ featureSet: 'CONSOLIDATED_BILLING' }) });
    const run = await runCli(['plan', '-c', ws.writeConfig('regions: [us-east-1]\nprofiles:\n  all: { allowedIngress: "443", ous: [Root] }\n'), '--templates', ws.templatesDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('need all features');
  });

  it('empty pages with NextToken and one-item pages everywhere', async () => {
    install({ defaultPageSize: 1 });
    fakes.organization.setPageShape({ emptyPages: 'interleaved', pageSizeCap: 1 });
    fakes.stackSets.setPageShape({ emptyPages: 'interleaved', pageSizeCap: 1 });
    const file = ws.writeConfig(CONFIG);
    expect((await runCli(applyArgs(file))).code).toBe(0);
    expect(fakes.stackSets.instances('sg-guardrail-baseline')).toHaveLength(8);
    const again = await runCli(applyArgs(file));
    expect(again.stdout).toContain('No changes');
  });

  it('Organizations throttling is retried', async () => {
    install();
    fakes.organization.throttle(2, ['ListAccountsForParent']);
    const run = await runCli(['plan', '-c', ws.writeConfig(CONFIG), '--templates', ws.templatesDir, '--json']);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { stackSets: { name: string; accounts: number }[] };
    expect(plan.stackSets.map((s) => [s.name, s.accounts])).toEqual([
      ['sg-guardrail-baseline', 4],
      ['sg-guardrail-rule-mail', 1],
      ['sg-guardrail-rule-web', 2],
    ]);
  });

  it('a stack set whose managed execution was turned off gets it back, then its new ports, in two UpdateStackSet calls', async () => {
    install();
    const file = ws.writeConfig(CONFIG);
    await runCli(applyArgs(file));
    const cfn = new CloudFormationClient({});
    await cfn.send(new UpdateStackSetCommand({ StackSetName: 'sg-guardrail-rule-web', UsePreviousTemplate: true, Capabilities: ['CAPABILITY_IAM'], ManagedExecution: { Active: false } }));
    fakes.stackSets.settle();
    fakes.stackSets.clearCalls();

    const run = await runCli(applyArgs(ws.writeConfig(CONFIG.replace('"80,443"', '"443"'))));
    expect(run.stdout).toContain('~ update sg-guardrail-rule-web: rule for profile web (parameters, managed-execution)');
    expect(run.code).toBe(0);
    const updates = fakes.stackSets.calls('UpdateStackSet').map((c) => c.input);
    expect(updates.map((u) => [u.ManagedExecution, u.UsePreviousTemplate, u.TemplateBody === undefined])).toEqual([
      [{ Active: true }, true, true],
      [undefined, undefined, false],
    ]);
    expect(fakes.stackSets.stackSet('sg-guardrail-rule-web')?.managedExecution).toEqual({ Active: true });
    expect(fakes.stackSets.instance('sg-guardrail-rule-web', '333333333333', 'us-east-1')?.deployed?.parameters[TEMPLATE_PARAMETER.allowedIngress]).toBe('443');
    expect((await runCli(applyArgs(ws.writeConfig(CONFIG.replace('"80,443"', '"443"'))))).stdout).toContain('No changes');
  });

  it('a delegated administrator sends CallAs DELEGATED_ADMIN on every call', async () => {
    install({ callerAccountId: '999999999999' }, '999999999999');
    const run = await runCli(applyArgs(ws.writeConfig(`callAs: DELEGATED_ADMIN\n${CONFIG}`)));
    expect(run.code).toBe(0);
    expect(fakes.stackSets.callAsValues()).toEqual(['DELEGATED_ADMIN']);
    expect(fakes.stackSets.stackSetNames()).toHaveLength(3);
  });

  it('an account that is not a registered delegated administrator is told how to register it, before any change', async () => {
    install({ callerAccountId: '999999999999' });
    const run = await runCli(applyArgs(ws.writeConfig(`callAs: DELEGATED_ADMIN\n${CONFIG}`)));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ValidationError: Account used is not a delegated administrator.*Fix: register this account as StackSets delegated administrator, or set callAs: SELF.*register-delegated-administrator --service-principal member\.org\.stacksets\.cloudformation\.amazonaws\.com/);
    expect(fakes.stackSets.mutatingCalls()).toEqual([]);
  });

  it('status does not claim an account has values its failed update never deployed', async () => {
    install();
    const file = ws.writeConfig(CONFIG);
    await runCli(applyArgs(file));
    fakes.stackSets.failInstances({ stackSet: 'sg-guardrail-rule-web', accounts: ['333333333333'], regions: ['eu-west-1'] });
    expect((await runCli(applyArgs(ws.writeConfig(CONFIG.replace('"80,443"', '"443"'))))).code).toBe(1);
    const run = await runCli(['status', '-c', file, '--account', '333333333333', '--json']);
    const web = (JSON.parse(run.stdout) as { name: string; instances: { region: string; status: string; values: Record<string, string>; valuesDeployed: boolean }[] }[]).find((s) => s.name === 'sg-guardrail-rule-web');
    expect(web?.instances.map((i) => [i.region, i.status, i.values[TEMPLATE_PARAMETER.allowedIngress], i.valuesDeployed])).toEqual([
      ['eu-west-1', 'OUTDATED', '443', false],
      ['us-east-1', 'CURRENT', '443', true],
    ]);
    expect(fakes.stackSets.instance('sg-guardrail-rule-web', '333333333333', 'eu-west-1')?.deployed?.parameters[TEMPLATE_PARAMETER.allowedIngress]).toBe('80,443');
    const text = await runCli(['status', '-c', file, '--account', '333333333333']);
    expect(text.stdout).toMatch(/333333333333 .* eu-west-1 .*OUTDATED.* NOT DEPLOYED YET \(runs its previous values, if any\): stack set values/);
  });

  it('status shows overrides someone else set, and that the account really has them', async () => {
    install();
    const file = ws.writeConfig(CONFIG);
    await runCli(applyArgs(file));
    await new CloudFormationClient({}).send(
      new UpdateStackInstancesCommand({
        StackSetName: 'sg-guardrail-rule-mail',
        DeploymentTargets: { OrganizationalUnitIds: [mailOu] },
        Regions: ['eu-west-1'],
        ParameterOverrides: [{ ParameterKey: TEMPLATE_PARAMETER.allowedIngress, ParameterValue: '25' }],
      }),
    );
    fakes.stackSets.settle();
    const run = await runCli(['status', '-c', file, '--account', '555555555555']);
    expect(run.stdout).toMatch(/555555555555 .* eu-west-1 .* AllowedIngress="25" \(override\)/);
    expect(run.stdout).toMatch(/555555555555 .* us-east-1 .* stack set values/);
    expect(fakes.stackSets.instance('sg-guardrail-rule-mail', '555555555555', 'eu-west-1')?.deployed?.parameters[TEMPLATE_PARAMETER.allowedIngress]).toBe('25');
  });
});
