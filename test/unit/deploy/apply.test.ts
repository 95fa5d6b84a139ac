import { LARGE_OPERATION_RESULTS, applyPlan } from '../../../src/deploy/apply/apply';
import { DEFAULT_OPERATION_PREFERENCES } from '../../../src/deploy/config/config-types';
import type { Plan, PlanStep } from '../../../src/deploy/plan/plan-types';
import { SILENT_PROGRESS } from '../../../src/deploy/apply/progress';
import { applySucceeded, renderApplyReport } from '../../../src/deploy/apply/report';
import type { OperationResult, OperationState, StackSetsPort, SubmitOutcome } from '../../../src/deploy/stack-sets-port';
import { TEMPLATES, UNUSED_STACKS, orgFromPaths, ouId } from './fixtures';
import type { StackSetPlan } from '../../../src/deploy/plan/plan-types';

const ruleSet = (name: string): StackSetPlan => ({
  name, kind: 'rule', profile: name, action: 'update', changes: [], parameters: [], targets: [], regions: [], accounts: 0,
  add: [], remove: [], orphaned: [], narrowed: [], unknownOus: [], retry: [], repair: [], stray: [], inoperable: [],
});

/** A scripted port: submit answers in order, operations finish after `pollsToFinish` polls. */
function scriptedPort(options: { submits?: SubmitOutcome[]; final?: OperationState['status']; results?: OperationResult[]; pollsToFinish?: number } = {}) {
  const calls: string[] = [];
  const submits = [...(options.submits ?? [])];
  const polls = new Map<string, number>();
  const submit = (name: string) => async (request: { operationId?: string; stackSet?: string; name?: string }, ...rest: unknown[]): Promise<SubmitOutcome> => {
    const id = request.operationId ?? (typeof rest[0] === 'string' ? rest[0] : '');
    calls.push(`${name} ${request.stackSet ?? request.name ?? ''} ${id}`);
    return submits.shift() ?? 'submitted';
  };
  const port: StackSetsPort = {
    describeOrganizationsAccess: async () => 'ENABLED',
    administrationRegion: async () => 'us-east-1',
    listStackSets: async () => [],
    readStackSetArn: async (name) => {
      calls.push(`read ${name}`);
      return `arn:${name}`;
    },
    readStackSet: async (name) => {
      return { name, id: `${name}:1`, arn: `arn:${name}`, description: undefined, permissionModel: 'SERVICE_MANAGED', templateBody: '', parameters: {}, capabilities: [], autoDeployment: undefined, managedExecutionActive: true, targets: [], latestOperationId: undefined, instances: [] };
    },
    createStackSet: async (definition) => {
      calls.push(`createStackSet ${definition.name} dependsOn=${definition.dependsOn.join(',')}`);
    },
    updateStackSet: async (definition, operationId) => submit('updateStackSet')({ name: definition.name, operationId }),
    enableManagedExecution: async (request) => submit('enableManagedExecution')(request),
    createStackInstances: async (request) => submit('createStackInstances')(request),
    deleteStackInstances: async (request) => submit('deleteStackInstances')(request),
    updateStackInstances: async (request) => submit('updateStackInstances')(request),
    deleteStackSet: async (name) => {
      calls.push(`deleteStackSet ${name}`);
    },
    detectDrift: async () => 'submitted',
    describeOperation: async (_stackSet, operationId) => {
      const n = (polls.get(operationId) ?? 0) + 1;
      polls.set(operationId, n);
      return { status: n >= (options.pollsToFinish ?? 2) ? (options.final ?? 'SUCCEEDED') : 'RUNNING', statusReason: undefined };
    },
    listOperationResults: async () => options.results ?? [],
    listActiveOperations: async () => [],
    readParameterOverrides: async () => ({}),
  };
  return { port, calls };
}

const instances = (phase: number, stackSet: string, operationId: string): PlanStep => ({ kind: 'create-instances', phase, stackSet, ouIds: ['ou-ab12-11111111'], regions: ['us-east-1'], accounts: 1, operationId });
const planOf = (steps: PlanStep[]): Plan => ({
  prefix: 'p',
  callAs: 'SELF',
  administrationRegion: 'us-east-1',
  regions: ['us-east-1'],
  operationPreferences: DEFAULT_OPERATION_PREFERENCES,
  prune: false,
  adopt: false,
  templates: { baseline: '', rule: '' },
  organization: { ous: 1, accounts: 1 },
  stackSets: [],
  steps,
  warnings: [],
});

const ORG = orgFromPaths({ 'Root/Workloads': 1 });
const deps = (port: StackSetsPort, sleeps: number[] = []) => ({ port, stacks: UNUSED_STACKS, templates: TEMPLATES, org: ORG, progress: SILENT_PROGRESS, pollIntervalMs: 5, sleep: async (ms: number) => void sleeps.push(ms) });

describe('applyPlan', () => {
  it('resumes an operation whose OperationId already exists while it still runs', async () => {
    const { port, calls } = scriptedPort({ submits: ['already-submitted'] });
    const report = await applyPlan(planOf([instances(4, 'p-baseline', 'op-1')]), deps(port));
    expect(calls).toEqual(['createStackInstances p-baseline op-1']);
    expect(report.outcomes).toEqual([{ stackSet: 'p-baseline', kind: 'create-instances', operationId: 'op-1', status: 'SUCCEEDED', statusReason: undefined, resumed: true }]);
    expect(applySucceeded(report)).toBe(true);
    expect(renderApplyReport(report)).toContain('1 resumed (already running under its operation id)');
  });

  it('never takes a finished operation under the same OperationId for success: submits again under a new id', async () => {
    // pollsToFinish 1: the operation found under op-1 has already ended.
    const { port, calls } = scriptedPort({ submits: ['already-submitted', 'submitted'], pollsToFinish: 1 });
    const report = await applyPlan(planOf([instances(4, 'p-baseline', 'op-1')]), deps(port));
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBe('createStackInstances p-baseline op-1');
    const reissued = calls[1]?.split(' ')[2] ?? '';
    expect(reissued).toMatch(/^sgg-reissue-[0-9a-f]{40}$/);
    expect(report.outcomes.map((o) => [o.operationId, o.resumed])).toEqual([[reissued, false]]);
  });

  it('waits while another operation keeps the stack set busy, then submits the same OperationId', async () => {
    const sleeps: number[] = [];
    const { port, calls } = scriptedPort({ submits: ['busy', 'busy', 'submitted'] });
    await applyPlan(planOf([instances(4, 'p-baseline', 'op-1')]), deps(port, sleeps));
    expect(calls).toEqual(['createStackInstances p-baseline op-1', 'createStackInstances p-baseline op-1', 'createStackInstances p-baseline op-1']);
    expect(sleeps).toEqual([5, 5, 5]);
  });

  it('gives a rule stack set the baseline ARN as DependsOn', async () => {
    const { port, calls } = scriptedPort();
    await applyPlan(
      planOf([
        { kind: 'create-stack-set', phase: 2, stackSet: 'p-baseline', template: 'baseline', parameters: [], dependsOn: undefined, description: 'b' },
        { kind: 'create-stack-set', phase: 3, stackSet: 'p-rule-web', template: 'rule', parameters: [], dependsOn: 'p-baseline', description: 'r' },
      ]),
      deps(port),
    );
    expect(calls).toEqual(['createStackSet p-baseline dependsOn=', 'read p-baseline', 'createStackSet p-rule-web dependsOn=arn:p-baseline']);
  });

  it('stops later phases after a failed operation and reports every failed instance', async () => {
    const { port, calls } = scriptedPort({ final: 'FAILED', results: [{ account: '222222222222', region: 'us-east-1', status: 'FAILED', statusReason: 'AccessDenied' }] });
    const report = await applyPlan(planOf([instances(4, 'p-baseline', 'op-1'), instances(5, 'p-rule-web', 'op-2')]), deps(port));
    expect(calls).toEqual(['createStackInstances p-baseline op-1']);
    expect(report.skipped.map((s) => s.stackSet)).toEqual(['p-rule-web']);
    expect(report.failedInstances).toEqual([{ stackSet: 'p-baseline', account: '222222222222', region: 'us-east-1', status: 'FAILED', reason: 'AccessDenied' }]);
    expect(applySucceeded(report)).toBe(false);
    expect(renderApplyReport(report)).toMatch(/p-baseline\s+222222222222\s+us-east-1\s+FAILED\s+AccessDenied/);
  });

  it('lists the results of a large operation only every few polls, and always at its end', async () => {
    const many = Array.from({ length: LARGE_OPERATION_RESULTS }, (_, i) => ({ account: String(200000000000 + i), region: 'us-east-1', status: 'RUNNING', statusReason: undefined }));
    const { port } = scriptedPort({ pollsToFinish: 14, results: many });
    let listings = 0;
    const counting: StackSetsPort = { ...port, listOperationResults: async (...args) => ((listings += 1), port.listOperationResults(...args)) };
    await applyPlan(planOf([instances(4, 'p-baseline', 'op-1')]), deps(counting));
    // polls 0..13: the first (0), then 6 and 12, then the last (13).
    expect(listings).toBe(4);
  });

  it('polls at the configured interval until the operation ends', async () => {
    const sleeps: number[] = [];
    const { port } = scriptedPort({ pollsToFinish: 4 });
    await applyPlan(planOf([instances(4, 'p-baseline', 'op-1')]), deps(port, sleeps));
    expect(sleeps).toEqual([5, 5, 5]);
  });

  it('leaves an account whose removal failed out of the later create, and reports it', async () => {
    const account = ORG.nodes.get(ouId(ORG, 'Root/Workloads'))?.accountIds[0] as string;
    const failed = { account, region: 'us-east-1', status: 'FAILED', statusReason: 'stack in use' };
    const { port } = scriptedPort({ results: [failed] });
    const sent: unknown[] = [];
    const recording: StackSetsPort = { ...port, createStackInstances: async (request) => (sent.push(request), 'submitted') };
    const removal: PlanStep = { kind: 'delete-instances', phase: 1, stackSet: 'p-rule-old', ouIds: [ouId(ORG, 'Root/Workloads')], regions: ['us-east-1'], accounts: 1, reason: 'move', operationId: 'op-rm' };
    const add: PlanStep = { ...instances(5, 'p-rule-new', 'op-add'), ouIds: [ouId(ORG, 'Root/Workloads')] } as PlanStep;
    const plan = { ...planOf([removal, add]), stackSets: [ruleSet('p-rule-old'), ruleSet('p-rule-new')] };
    const report = await applyPlan(plan, deps(recording));
    expect(sent).toEqual([expect.objectContaining({ stackSet: 'p-rule-new', accountFilter: { type: 'DIFFERENCE', accounts: [account] } })]);
    expect((sent[0] as { operationId: string }).operationId).not.toBe('op-add');
    expect(report.leftOut).toEqual([{ stackSet: 'p-rule-new', account, regions: ['us-east-1'], reason: 'its removal from p-rule-old did not succeed: FAILED (stack in use) in us-east-1' }]);
    expect(applySucceeded(report)).toBe(false);
    expect(renderApplyReport(report)).toContain(`- p-rule-new ${account} (us-east-1): its removal from p-rule-old did not succeed`);
  });

  it('runs removals with failure tolerance 0 in SOFT mode', async () => {
    const { port } = scriptedPort();
    const sent: { preferences: unknown }[] = [];
    const recording: StackSetsPort = { ...port, deleteStackInstances: async (request) => (sent.push(request), 'submitted') };
    const removal: PlanStep = { kind: 'delete-instances', phase: 1, stackSet: 'p-rule-old', ouIds: [ouId(ORG, 'Root/Workloads')], regions: ['us-east-1'], accounts: 1, reason: 'prune', operationId: 'op-rm' };
    await applyPlan(planOf([removal]), deps(recording));
    expect(sent[0]?.preferences).toEqual({ ...DEFAULT_OPERATION_PREFERENCES, failureTolerancePercentage: 0, concurrencyMode: 'SOFT_FAILURE_TOLERANCE' });
  });
});
