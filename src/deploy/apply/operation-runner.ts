/**
 * Submitting one StackSet operation and waiting for its end. An OperationId is an idempotency token for
 * one attempt of one request (aws-facts H), so an id that already exists is resumed only while its
 * operation is QUEUED, RUNNING or STOPPING: the plan's ids hash the request and the stack set's newest
 * operation, so such an operation was started from this same state for this same request (by this
 * run's retried call, or an identical concurrent one). A finished operation under the id is never
 * taken for success: the request is submitted again under a new id derived from the old one.
 */
import { AwsCallError } from '../../errors';
import { deriveOperationId } from '../plan/operation-id';
import type { PlanStep } from '../plan/plan-types';
import type { OperationResult, OperationState, StackSetsPort, SubmitOutcome } from '../stack-sets-port';
import { TERMINAL_OPERATION_STATUSES } from '../stack-sets-port';
import type { ProgressSink } from './progress';

export interface RunnerDeps {
  readonly port: StackSetsPort;
  readonly progress: ProgressSink;
  readonly pollIntervalMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** How many `busy` answers (OperationInProgressException) to wait through per step. */
  readonly maxBusyWaits?: number;
}

export interface OperationRun {
  readonly operationId: string;
  readonly state: OperationState;
  readonly results: readonly OperationResult[];
  /** The operation was already running under the planned id (an earlier attempt of this request). */
  readonly resumed: boolean;
}

/** How many finished operations may already hold a derived id before apply gives up. */
const MAX_ID_REISSUES = 5;

export async function runOperation(step: PlanStep, operationId: string, submit: (operationId: string) => Promise<SubmitOutcome>, deps: RunnerDeps): Promise<OperationRun> {
  let id = operationId;
  for (let reissue = 0; reissue <= MAX_ID_REISSUES; reissue += 1) {
    const outcome = await submitWhileBusy(step, id, submit, deps);
    if (outcome === 'submitted') return { operationId: id, ...(await waitForOperation(step, id, deps)), resumed: false };
    const existing = await deps.port.describeOperation(step.stackSet, id);
    if (!TERMINAL_OPERATION_STATUSES.includes(existing.status)) return { operationId: id, ...(await waitForOperation(step, id, deps)), resumed: true };
    id = deriveOperationId('reissue', { previous: id });
  }
  throw new AwsCallError(`OperationId ${operationId} and ${MAX_ID_REISSUES} ids derived from it are all taken by finished operations.`, {
    where: `${step.stackSet} (${step.kind})`,
    fix: 'run apply again: it plans from the current state, with ids based on the newest operation.',
  });
}

async function submitWhileBusy(step: PlanStep, operationId: string, submit: (operationId: string) => Promise<SubmitOutcome>, deps: RunnerDeps): Promise<SubmitOutcome> {
  let outcome = await submit(operationId);
  for (let waits = 0; outcome === 'busy'; waits += 1) {
    if (waits >= (deps.maxBusyWaits ?? 720)) {
      throw new AwsCallError('another operation kept the stack set busy.', {
        where: step.stackSet,
        fix: 'wait for the running operation (CloudFormation console → StackSets → Operations) and run apply again.',
      });
    }
    deps.progress.update({ step, operationId, status: 'WAITING (another operation is running)', counts: {} });
    await deps.sleep(deps.pollIntervalMs);
    outcome = await submit(operationId);
  }
  return outcome;
}

/** Above this many results (100 per ListStackSetOperationResults page), the counts refresh less often. */
export const LARGE_OPERATION_RESULTS = 1_000;
/** For a large operation, the counts are listed on every this-many-th poll (and always at its end). */
export const LARGE_OPERATION_LIST_EVERY = 6;

/**
 * Polls an operation to its end, reporting per-instance counts by status. The counts need every page
 * of ListStackSetOperationResults, so for an operation over thousands of instances they are listed
 * only on every LARGE_OPERATION_LIST_EVERY-th poll: the status still refreshes on each one.
 */
export async function waitForOperation(
  step: PlanStep | undefined,
  operationId: string,
  deps: Pick<RunnerDeps, 'port' | 'progress' | 'pollIntervalMs' | 'sleep'> & { readonly stackSet?: string },
): Promise<{ state: OperationState; results: OperationResult[] }> {
  const stackSet = step?.stackSet ?? deps.stackSet ?? '';
  let results: OperationResult[] = [];
  let counts: Record<string, number> = {};
  for (let poll = 0; ; poll += 1) {
    const state = await deps.port.describeOperation(stackSet, operationId);
    const terminal = TERMINAL_OPERATION_STATUSES.includes(state.status);
    if (terminal || results.length < LARGE_OPERATION_RESULTS || poll % LARGE_OPERATION_LIST_EVERY === 0) {
      results = await deps.port.listOperationResults(stackSet, operationId);
      counts = {};
      for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    }
    if (step !== undefined) deps.progress.update({ step, operationId, status: state.status, counts });
    if (terminal) return { state, results };
    await deps.sleep(deps.pollIntervalMs);
  }
}
