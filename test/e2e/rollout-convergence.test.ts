/**
 * Issue 7's cases, each as a user met it, against the StackSets fake (subtree reach and deletion,
 * OperationIds answered with OperationIdAlreadyExistsException, failure tolerance, auto-deployment):
 * after every apply that exits 0, the organization holds exactly what the config says, and a second
 * plan has nothing left to do.
 */
import { CloudFormationClient, UpdateStackSetCommand } from '@aws-sdk/client-cloudformation';
import { LEGACY_DESCRIPTION } from '../../src/deploy/plan/ownership';
import { installAwsFakes, OrganizationFake } from '../fakes/index';
import type { AwsFakes } from '../fakes/index';
import { coverageProblems } from './coverage-oracle';
import { createWorkspace } from './deploy-helpers';
import { RolloutDriver } from './rollout-driver';

// Each case runs several applies against the fakes.
jest.setTimeout(60_000);

let fakes: AwsFakes;
let driver: RolloutDriver;
let ous: Record<string, string>;

beforeEach(() => {
  const org = new OrganizationFake();
  ous = org.addTree({
    'Root/Workloads': ['222222222222'],
    'Root/Workloads/Prod': ['333333333333', '444444444444'],
    'Root/Workloads/Dev': ['555555555555'],
    'Root/Workloads/Mail': ['666666666666'],
    'Root/Sandbox': ['777777777777'],
    'Root/Empty': [],
  });
  fakes = installAwsFakes({ organization: org });
  const ws = createWorkspace();
  driver = new RolloutDriver(ws);
});
afterEach(() => fakes.restore());

const config = (profiles: string, extra = ''): string => `regions: [us-east-1, eu-west-1]\n${extra}profiles:\n${profiles}`;

/** Applies, expects exit 0, then checks the organization against the config and that nothing is left to plan. */
async function converge(yaml: string, options: { prune?: boolean; adopt?: boolean } = {}): Promise<string> {
  const run = await driver.apply({ yaml, ...options });
  expect(run.output).not.toContain('resumed');
  expect({ code: run.code, output: run.output }).toEqual({ code: 0, output: expect.stringContaining('') });
  expect(coverageProblems({ config: driver.config(yaml), org: fakes.organization, stackSets: fakes.stackSets, pruned: options.prune === true })).toEqual([]);
  const after = await driver.plan(yaml, options);
  expect(after.steps).toEqual([]);
  expect(after.aggregator?.steps ?? []).toEqual([]);
  return run.output;
}

const deployedPorts = (stackSet: string, account: string): string | undefined => fakes.stackSets.instance(stackSet, account, 'us-east-1')?.deployed?.parameters.AllowedIngress;
const rulesOf = (account: string): string[] =>
  fakes.stackSets.stackSetNames().filter((n) => n.includes('-rule-') && fakes.stackSets.instance(n, account, 'us-east-1') !== undefined).sort();

/** What someone does in the console: an UpdateStackSet keeping the template and values. */
async function changeBehindOurBack(name: string, change: { AutoDeployment?: { Enabled: boolean }; ManagedExecution?: { Active: boolean } }): Promise<void> {
  const set = fakes.stackSets.stackSet(name);
  await new CloudFormationClient({}).send(
    new UpdateStackSetCommand({
      StackSetName: name,
      UsePreviousTemplate: true,
      Parameters: [...(set?.parameters.keys() ?? [])].map((ParameterKey) => ({ ParameterKey, UsePreviousValue: true })),
      Capabilities: ['CAPABILITY_IAM'],
      CallAs: 'SELF',
      ...change,
    }),
  );
  fakes.stackSets.settle();
}

describe('1. a change that comes back to an earlier value still arrives', () => {
  it('ports 443 → 80 → 443 → 80: every apply deploys its ports (OperationIds never repeat)', async () => {
    for (const ports of ['443', '80', '443', '80']) {
      await converge(config(`  web: { allowedIngress: "${ports}", ous: [Root/Workloads/Prod] }`));
      expect(deployedPorts('sg-guardrail-rule-web', '333333333333')).toBe(ports);
    }
  });

  it.each([
    ['AutoDeployment', { AutoDeployment: { Enabled: false } }, (n: string) => fakes.stackSets.stackSet(n)?.autoDeployment.Enabled],
    ['ManagedExecution', { ManagedExecution: { Active: false } }, (n: string) => fakes.stackSets.stackSet(n)?.managedExecution.Active],
  ] as const)('%s turned off by someone twice is turned on twice', async (_what, change, isOn) => {
    const yaml = config('  web: { allowedIngress: "443", ous: [Root/Workloads/Prod] }');
    await converge(yaml);
    for (let round = 0; round < 2; round += 1) {
      await changeBehindOurBack('sg-guardrail-rule-web', change);
      expect(isOn('sg-guardrail-rule-web')).toBe(false);
      await converge(yaml);
      expect(isOn('sg-guardrail-rule-web')).toBe(true);
    }
    // New accounts get the guardrail again.
    fakes.organization.addAccount(ous['Root/Workloads/Prod'] as string, { id: '888888888888' });
    fakes.stackSets.settle();
    expect(deployedPorts('sg-guardrail-rule-web', '888888888888')).toBe('443');
  });

  it('an OU moved away, back and away again ends with exactly one rule in its accounts', async () => {
    const withMail = config('  web: { allowedIngress: "443", ous: [Root/Workloads] }\n  mail: { allowedIngress: "25", ous: [Root/Workloads/Mail] }');
    const withoutMail = config('  web: { allowedIngress: "443", ous: [Root/Workloads] }\n  mail: { allowedIngress: "25", ous: [Root/Sandbox] }');
    for (const yaml of [withMail, withoutMail, withMail, withoutMail]) await converge(yaml);
    expect(rulesOf('666666666666')).toEqual(['sg-guardrail-rule-web']);
  });
});

describe('2. narrowing never deletes what it keeps', () => {
  it('web on Prod → Workloads → Prod with --prune: Prod keeps its rule', async () => {
    for (const ou of ['Root/Workloads/Prod', 'Root/Workloads', 'Root/Workloads/Prod']) {
      await converge(config(`  web: { allowedIngress: "443", ous: [${ou}] }`), { prune: true });
    }
    expect(rulesOf('333333333333')).toEqual(['sg-guardrail-rule-web']);
    expect(rulesOf('222222222222')).toEqual([]);
  });

  it('a nested profile removed and added again', async () => {
    const nested = config('  web: { allowedIngress: "443", ous: [Root/Workloads] }\n  mail: { allowedIngress: "25", ous: [Root/Workloads/Mail] }');
    const flat = config('  web: { allowedIngress: "443", ous: [Root/Workloads] }');
    for (const yaml of [nested, flat, nested, flat]) await converge(yaml, { prune: true });
    expect(rulesOf('666666666666')).toEqual(['sg-guardrail-rule-web']);
  });

  it('instances deleted by hand are created again', async () => {
    const yaml = config('  web: { allowedIngress: "443", ous: [Root/Workloads/Prod] }');
    await converge(yaml);
    fakes.stackSets.stackSet('sg-guardrail-rule-web')?.instances.delete('444444444444/eu-west-1');
    await converge(yaml);
  });
});

describe('3. a move whose removal fails in one account', () => {
  it('leaves that account out of the new profile, says so, exits 1; the next apply finishes the move', async () => {
    await converge(config('  web: { allowedIngress: "443", ous: [Root/Workloads/Prod] }\n  mail: { allowedIngress: "25", ous: [Root/Workloads/Mail] }'));
    const moved = config('  web: { allowedIngress: "443", ous: [Root/Workloads/Prod, Root/Workloads/Mail] }');
    fakes.stackSets.failInstances({ stackSet: 'sg-guardrail-rule-mail', accounts: ['666666666666'], regions: ['us-east-1'], actions: ['DELETE'], reason: 'stack in use', times: 1 });
    const failed = await driver.apply({ yaml: moved });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain('Left out, because an earlier step failed there');
    expect(failed.output).toContain('- sg-guardrail-rule-web 666666666666 (eu-west-1, us-east-1): its removal from sg-guardrail-rule-mail did not succeed: FAILED (stack in use) in us-east-1');
    // Never two rules: the account keeps the old one until its removal works.
    expect(rulesOf('666666666666')).toEqual(['sg-guardrail-rule-mail']);
    await converge(moved);
    expect(rulesOf('666666666666')).toEqual(['sg-guardrail-rule-web']);
  });
});

describe('4. ownership is the mark, never the name', () => {
  it('prefix sg with --prune leaves prefix sg-rule\'s stack sets alone', async () => {
    await converge(`prefix: sg-rule\n${config('  web: { allowedIngress: "443", ous: [Root/Sandbox] }')}`);
    const output = await converge(`prefix: sg\n${config('  web: { allowedIngress: "80", ous: [Root/Workloads/Prod] }')}`, { prune: true });
    expect(fakes.stackSets.stackSetNames().sort()).toEqual(['sg-baseline', 'sg-rule-baseline', 'sg-rule-rule-web', 'sg-rule-web']);
    expect(output).toContain('stack set sg-rule-rule-web has a name of this prefix\'s stack sets but is not marked as this rollout\'s');
    expect(output).toContain('another sg-guardrail rollout is in this organization (sg-rule-baseline)');
  });

  it('a stack set made before ownership marks is adopted only when asked', async () => {
    const yaml = config('  web: { allowedIngress: "443", ous: [Root/Workloads/Prod] }');
    await converge(yaml);
    for (const name of fakes.stackSets.stackSetNames()) (fakes.stackSets.stackSet(name) as { description: string | undefined }).description = LEGACY_DESCRIPTION;
    const before = fakes.stackSets.mutatingCalls().length;
    await expect(driver.apply({ yaml })).rejects.toThrow(/sg-guardrail-rule-web exists without sg-guardrail's ownership mark \(created by sg-guardrail 0\.1\).*run plan and apply with --adopt/);
    expect(fakes.stackSets.mutatingCalls()).toHaveLength(before);
    await converge(yaml, { adopt: true });
    expect(fakes.stackSets.stackSet('sg-guardrail-rule-web')?.description).toMatch(/^\[sg-guardrail prefix=sg-guardrail kind=rule profile=web\]/);
  });
});

describe('5. targets without accounts', () => {
  it('a profile whose OUs hold no account plans nothing on the second apply', async () => {
    await converge(config('  empty: { allowedIngress: "443", ous: [Root/Empty] }'));
    expect(fakes.stackSets.stackSet('sg-guardrail-rule-empty')?.targets.get(ous['Root/Empty'] as string)).toEqual(new Set(['us-east-1', 'eu-west-1']));
  });
});
