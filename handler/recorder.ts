/**
 * Collects evaluations, counts them, logs one line per group, and sends them with PutEvaluations 100
 * at a time as soon as 100 are ready (one send at a time, in order), so a sweep that stops or fails
 * midway has already reported everything it decided, and memory stays flat.
 */
import { GuardrailError } from '../src/errors';
import { formatRule } from '../src/ingress-rule';
import type { AwsAdapter, EvaluationRecord } from './aws-port';
import { EVALUATIONS_PER_CALL } from './aws-port';
import type { Verdict } from './core/decide';

/** The group (or resource) one evaluation is about, and when its evaluation started. */
export interface Evaluated {
  readonly resourceType: string;
  readonly resourceId: string;
  readonly orderingTimestamp: Date;
  readonly messageType: string;
  readonly started: number;
}

export interface EvaluationSummary {
  readonly evaluated: number;
  readonly COMPLIANT: number;
  readonly NON_COMPLIANT: number;
  readonly NOT_APPLICABLE: number;
}

/** The fields of the per-group log line (see docs/handler.md, "Log line"). */
export interface EvaluationLogLine {
  readonly groupId: string;
  readonly messageType: string;
  readonly mode: string;
  readonly matching: string;
  readonly compliance: string;
  readonly revoked: readonly string[];
  readonly added: readonly string[];
  readonly annotation?: string;
  readonly durationMs: number;
}

export interface Recorder {
  readonly counts: EvaluationSummary;
  /** Queues the evaluation, writes the group's log line, and starts a send once 100 are queued. */
  record(evaluated: Evaluated, verdict: Verdict): void;
  /** Waits for the sends under way and sends the rest; throws the first send error, if any. */
  flush(): Promise<void>;
}

export interface RecorderOptions {
  readonly adapter: AwsAdapter;
  readonly token: { readonly resultToken: string; readonly testMode: boolean };
  /** The rule's mode and matching, for the log line. */
  readonly mode: string;
  readonly matching: string;
  readonly log: (line: string) => void;
}

export function createRecorder({ adapter, token, mode, matching, log }: RecorderOptions): Recorder {
  const counts = { evaluated: 0, COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 };
  let pending: EvaluationRecord[] = [];
  let sending: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const send = (batch: EvaluationRecord[]): void => {
    // Each batch is tried even after one failed: Config keeps what every call accepted.
    sending = sending.then(() =>
      adapter.putEvaluations(batch, token).catch((error: unknown) => {
        failure ??= { error };
      }),
    );
  };
  return {
    counts,
    record(evaluated, verdict) {
      const annotation = verdict.annotation === undefined ? {} : { annotation: verdict.annotation };
      counts.evaluated += 1;
      counts[verdict.compliance] += 1;
      pending.push({ resourceType: evaluated.resourceType, resourceId: evaluated.resourceId, compliance: verdict.compliance, orderingTimestamp: evaluated.orderingTimestamp, ...annotation });
      const line: EvaluationLogLine = {
        groupId: evaluated.resourceId,
        messageType: evaluated.messageType,
        mode,
        matching,
        compliance: verdict.compliance,
        revoked: verdict.revoked.map(formatRule),
        added: verdict.added.map(formatRule),
        ...annotation,
        durationMs: elapsedMs(evaluated.started),
      };
      log(JSON.stringify(line));
      if (pending.length >= EVALUATIONS_PER_CALL) {
        send(pending.slice(0, EVALUATIONS_PER_CALL));
        pending = pending.slice(EVALUATIONS_PER_CALL);
      }
    },
    async flush() {
      const rest = pending;
      pending = [];
      if (rest.length > 0) send(rest);
      await sending;
      if (failure !== undefined) throw failure.error;
    },
  };
}

export function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** The error's class name, message and (for our own errors) where and fix, for a log line. */
export function errorFields(error: unknown): { error: string; message: string; where?: string; fix?: string } {
  const base = { error: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) };
  if (!(error instanceof GuardrailError)) return base;
  return { ...base, ...(error.where === undefined ? {} : { where: error.where }), ...(error.fix === undefined ? {} : { fix: error.fix }) };
}
