/** Running the aggregator stack's steps over a scripted stacks port: waiting, outcomes, reasons, what a failure skips. */
import { firstFailure, runAggregatorSteps } from '../../../src/deploy/apply/aggregator-apply';
import { SILENT_PROGRESS } from '../../../src/deploy/apply/progress';
import type { AggregatorStep } from '../../../src/deploy/plan/aggregator-types';
import type { StackEvent, StackState, StacksPort } from '../../../src/deploy/stacks-port';
import { TEMPLATES } from './fixtures';

const ID = 'arn:aws:cloudformation:us-east-1:111111111111:stack/sg-aggregator/1';
const state = (status: string, statusReason?: string): StackState => ({ stackId: ID, name: 'sg-aggregator', status, statusReason, parameters: {}, tags: {} });
const event = (logicalId: string, status: string, reason?: string): StackEvent => ({ logicalId, resourceType: logicalId === 'sg-aggregator' ? 'AWS::CloudFormation::Stack' : 'AWS::IAM::Role', status, reason, clientRequestToken: 't' });
const CREATE: AggregatorStep = { kind: 'create-stack', stackName: 'sg-aggregator', parameters: [{ key: 'AggregatorName', value: 'org' }], tags: { 'sg-guardrail:prefix': 'sg' } };
const UPDATE: AggregatorStep = { ...CREATE, kind: 'update-stack' };
const DELETE: AggregatorStep = { kind: 'delete-stack', stackName: 'sg-aggregator', stackId: ID, reason: 'failed-create' };

/** A port whose DescribeStacks answers `statuses` in turn (undefined: the stack is gone). */
function scripted(statuses: readonly (StackState | undefined)[], options: { update?: 'updating' | 'no-changes'; events?: StackEvent[] } = {}): { port: StacksPort; calls: string[] } {
  const calls: string[] = [];
  let poll = 0;
  const port: StacksPort = {
    describeStack: async (nameOrId) => {
      calls.push(`describe ${nameOrId === ID ? 'id' : nameOrId}`);
      const answer = statuses[Math.min(poll, statuses.length - 1)];
      poll += 1;
      return answer;
    },
    readTemplate: async () => '',
    createStack: async (d, token) => {
      calls.push(`create ${d.name} ${d.templateBody === TEMPLATES.aggregator ? 'template' : '?'} ${token.startsWith('sgg-create-stack-') ? 'token' : token}`);
      return ID;
    },
    updateStack: async (d) => {
      calls.push(`update ${d.name}`);
      return options.update ?? 'updating';
    },
    deleteStack: async (stackId) => void calls.push(`delete ${stackId === ID ? 'id' : stackId}`),
    operationEvents: async () => {
      calls.push('events');
      return options.events ?? [];
    },
  };
  return { port, calls };
}

const run = (steps: AggregatorStep[], port: StacksPort, sleeps: number[] = []) =>
  runAggregatorSteps(steps, { stacks: port, templates: TEMPLATES, progress: SILENT_PROGRESS, pollIntervalMs: 7, sleep: async (ms) => void sleeps.push(ms) });

describe('runAggregatorSteps', () => {
  it('creates and polls the new stack by id until CloudFormation is done', async () => {
    const { port, calls } = scripted([state('CREATE_IN_PROGRESS'), state('CREATE_IN_PROGRESS'), state('CREATE_COMPLETE')]);
    const sleeps: number[] = [];
    const result = await run([CREATE], port, sleeps);
    expect(result).toEqual({ outcomes: [{ stackName: 'sg-aggregator', kind: 'create-stack', status: 'CREATE_COMPLETE', succeeded: true, reason: undefined }], skipped: [] });
    expect(calls).toEqual(['create sg-aggregator template token', 'describe id', 'describe id', 'describe id']);
    expect(sleeps).toEqual([7, 7]);
  });

  it('takes "no updates" as done, without waiting', async () => {
    const { port, calls } = scripted([], { update: 'no-changes' });
    expect((await run([UPDATE], port)).outcomes).toEqual([{ stackName: 'sg-aggregator', kind: 'update-stack', status: 'NO_CHANGES', succeeded: true, reason: undefined }]);
    expect(calls).toEqual(['update sg-aggregator']);
  });

  it('a deleted stack is done whether DescribeStacks says DELETE_COMPLETE or no longer knows it', async () => {
    expect((await run([DELETE], scripted([state('DELETE_IN_PROGRESS'), state('DELETE_COMPLETE')]).port)).outcomes[0]?.succeeded).toBe(true);
    expect((await run([DELETE], scripted([undefined]).port)).outcomes[0]).toMatchObject({ status: 'DELETE_COMPLETE', succeeded: true });
  });

  it('a failed deletion is reported with the first failed resource and keeps the create from running', async () => {
    const events = [event('sg-aggregator', 'DELETE_FAILED', 'The following resource(s) failed to delete: [AggregatorRole].'), event('AggregatorRole', 'DELETE_FAILED', 'Cannot delete entity, must detach all policies first.')];
    const { port, calls } = scripted([state('DELETE_FAILED', 'The following resource(s) failed to delete: [AggregatorRole].')], { events });
    const result = await run([DELETE, CREATE], port);
    expect(result.outcomes).toEqual([{ stackName: 'sg-aggregator', kind: 'delete-stack', status: 'DELETE_FAILED', succeeded: false, reason: 'AggregatorRole (AWS::IAM::Role): Cannot delete entity, must detach all policies first.' }]);
    expect(result.skipped).toEqual([CREATE]);
    expect(calls).toEqual(['delete id', 'describe id', 'events']);
  });

  it('without a failed resource in the events, the reason is the stack\'s own', async () => {
    const { port } = scripted([state('ROLLBACK_COMPLETE', 'The following resource(s) failed to create: [Aggregator].')]);
    expect((await run([CREATE], port)).outcomes[0]?.reason).toBe('The following resource(s) failed to create: [Aggregator].');
  });
});

describe('firstFailure', () => {
  it('names the oldest failed resource (later ones usually failed because of it), never the stack itself', () => {
    const newestFirst = [
      event('sg-aggregator', 'ROLLBACK_COMPLETE'),
      event('Aggregator', 'CREATE_FAILED', 'Resource creation cancelled'),
      event('sg-aggregator', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [AggregatorRole, Aggregator].'),
      event('AggregatorRole', 'CREATE_FAILED', 'Access denied for iam:CreateRole'),
      event('AggregatorRole', 'CREATE_IN_PROGRESS'),
    ];
    expect(firstFailure(newestFirst, 'sg-aggregator')).toBe('AggregatorRole (AWS::IAM::Role): Access denied for iam:CreateRole');
    expect(firstFailure([event('sg-aggregator', 'UPDATE_ROLLBACK_FAILED', 'x')], 'sg-aggregator')).toBeUndefined();
  });
});
