/**
 * Progress while operations run: one line per stack set step with the operation status and the
 * instance counts by status, and one per aggregator stack step with the stack's status. On a terminal the block is redrawn in place; otherwise a plain line is
 * printed whenever a line changes (pipelines keep a readable log).
 */
import type { AggregatorStep } from '../plan/aggregator-types';
import type { PlanStep } from '../plan/plan-types';

export interface ProgressEvent {
  readonly step: PlanStep | AggregatorStep;
  readonly operationId: string | undefined;
  readonly status: string;
  /** Stack instances of the operation by status (PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED). */
  readonly counts: Readonly<Record<string, number>>;
}

export interface ProgressSink {
  update(event: ProgressEvent): void;
  finish(): void;
}

export interface ProgressOutput {
  write(text: string): void;
  readonly isTTY: boolean;
}

const COUNT_ORDER = ['SUCCEEDED', 'RUNNING', 'PENDING', 'FAILED', 'CANCELLED'];

function rank(status: string): number {
  const index = COUNT_ORDER.indexOf(status);
  return index < 0 ? COUNT_ORDER.length : index;
}

/** The stack set, or the stack, a step acts on. */
export function stepSubject(step: PlanStep | AggregatorStep): string {
  return 'stackSet' in step ? step.stackSet : step.stackName;
}

export function describeStep(step: PlanStep | AggregatorStep): string {
  switch (step.kind) {
    case 'create-stack':
      return 'create stack';
    case 'update-stack':
      return 'update stack';
    case 'delete-stack':
      return step.reason === 'failed-create' ? 'delete stack (its creation failed)' : 'delete stack';
    case 'create-stack-set':
      return 'create stack set';
    case 'update-stack-set':
      return 'update stack set';
    case 'enable-managed-execution':
      return 'turn on managed execution';
    case 'delete-stack-set':
      return 'delete stack set';
    case 'create-instances':
      return step.accountFilter === undefined ? `add ${step.ouIds.length} OU(s) × ${step.regions.length} region(s)` : `create ${step.accountFilter.accounts.length} missing account(s) × ${step.regions.length} region(s)`;
    case 'delete-instances':
      return step.accountFilter === undefined ? `remove ${step.ouIds.length} OU(s) × ${step.regions.length} region(s)` : `remove ${step.accountFilter.accounts.length} stray account(s) × ${step.regions.length} region(s)`;
    case 'retry-instances':
      return `redeploy failed instances in ${step.accountIds.length} account(s) × ${step.regions.length} region(s)`;
  }
}

export function formatProgressLine(event: ProgressEvent): string {
  const counts = Object.entries(event.counts)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  return `${stepSubject(event.step)}  ${describeStep(event.step)}  ${event.status}${counts === '' ? '' : `  (${counts})`}`;
}

export function createProgressPrinter(output: ProgressOutput): ProgressSink {
  const lines = new Map<string, string>();
  let drawn = 0;
  const keyOf = (e: ProgressEvent): string => `${stepSubject(e.step)}\u0000${e.operationId ?? e.step.kind}`;
  return {
    update(event) {
      const key = keyOf(event);
      const line = formatProgressLine(event);
      if (lines.get(key) === line) return;
      lines.set(key, line);
      if (!output.isTTY) {
        output.write(`${line}\n`);
        return;
      }
      // Move up over the block drawn last time, then redraw every line, clearing each first.
      const up = drawn > 0 ? `\u001b[${drawn}F` : '';
      output.write(`${up}${[...lines.values()].map((l) => `\u001b[2K${l}\n`).join('')}`);
      drawn = lines.size;
    },
    finish() {
      drawn = 0;
    },
  };
}

/** A sink that prints nothing (tests, --json). */
export const SILENT_PROGRESS: ProgressSink = { update: () => undefined, finish: () => undefined };
