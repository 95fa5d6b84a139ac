/**
 * The scheduled sweep. A ScheduledNotification names no resource and no scope (aws-facts H), so the
 * sweep applies both itself: it reads only this account's groups inside the tag scope (EC2 filters
 * them), and checks each group again before acting. Groups outside get no evaluation and no change.
 *
 * Compliant, exempt and report-mode groups are decided from the page read alone. Drifted groups are
 * reverted MAX_GROUPS_IN_FLIGHT at a time (the writes themselves are paced by the adapter's
 * WRITE_RATE, EC2's write buckets being the real limit). Evaluations go out 100 at a time as they
 * are ready. Before the Lambda deadline the sweep stops starting reverts (the drifted groups left
 * are reported NON_COMPLIANT from their read, "not reverted"), then stops reading pages, sends what
 * it has and logs what is left for the next sweep; nothing decided is lost.
 */
import { AwsCallError } from '../src/errors';
import type { FunctionSettings } from '../src/function-settings';
import type { AwsAdapter } from './aws-port';
import { driftLeft, NO_PROGRESS, planGroup, unrevertedVerdict } from './core/decide';
import type { ConfigRuleEvent } from './core/event';
import { SECURITY_GROUP_TYPE } from './core/event';
import { isInScope } from './core/scope';
import type { EvaluationSummary, Recorder } from './recorder';
import { elapsedMs, errorFields } from './recorder';
import { factsOf, revertGroup } from './revert-group';
import { createWorkPool } from './work-pool';

/**
 * Groups reverted at once. A drifted group makes about three sequential calls (read, authorize,
 * revoke); at EC2's latency four groups in flight keep the paced write rate busy, while bounding
 * what is still running when the deadline comes.
 */
export const MAX_GROUPS_IN_FLIGHT = 4;
/** No revert starts with less than this left: time for the reverts in flight (SDK retries included). */
export const REVERT_MARGIN_MS = 60_000;
/** No page is read with less than this left: time to send the evaluations. */
export const READ_MARGIN_MS = 20_000;
const MESSAGE_TYPE = 'ScheduledNotification';
/** How many failed group ids the sweep's final error names (the log has every one). */
const FAILED_IDS_SHOWN = 10;

export interface SweepDependencies {
  readonly adapter: AwsAdapter;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  readonly remainingMs?: (() => number) | undefined;
}

export interface SweepContext {
  readonly event: ConfigRuleEvent;
  readonly settings: FunctionSettings;
  /** The notification's creation time: the OrderingTimestamp of every evaluation of the sweep. */
  readonly orderingTimestamp: Date;
  readonly recorder: Recorder;
  readonly deps: SweepDependencies;
}

/**
 * A group whose evaluation throws (a transient error the SDK's retries did not outlast) does not
 * stop the sweep: its previous evaluation stands, and the sweep throws at the end so Lambda retries.
 */
export async function sweepAccount({ event, settings, orderingTimestamp, recorder, deps }: SweepContext): Promise<EvaluationSummary> {
  const deadline = createDeadline(deps.remainingMs);
  const pool = createWorkPool(MAX_GROUPS_IN_FLIGHT);
  const failed: { groupId: string; error: unknown }[] = [];
  const tally = { otherOwner: 0, outOfScope: 0, notReverted: 0, unreadPages: false };
  const rule = event.ruleParameters;
  let readError: { error: unknown } | undefined;
  try {
    for await (const page of deps.adapter.listGroupPages({ ownerId: event.accountId, ...(settings.scope === undefined ? {} : { scope: settings.scope }) })) {
      for (const snapshot of page.groups) {
        if (snapshot.ownerId !== event.accountId) tally.otherOwner += 1;
        else if (!isInScope(snapshot.tags, settings.scope)) tally.outOfScope += 1;
        else {
          const evaluated = { resourceType: SECURITY_GROUP_TYPE, resourceId: snapshot.groupId, orderingTimestamp, messageType: MESSAGE_TYPE, started: performance.now() };
          const facts = factsOf(snapshot, rule, settings, deps.now());
          const plan = planGroup(facts);
          if (plan.kind === 'verdict') {
            recorder.record(evaluated, plan.verdict);
            continue;
          }
          await pool.submit(async () => {
            if (!deadline.canStartRevert()) {
              tally.notReverted += 1;
              const why = 'the sweep ran out of time; the next sweep reverts it';
              recorder.record(evaluated, unrevertedVerdict({ note: plan.note, why, progress: NO_PROGRESS, left: driftLeft(plan.diff) }));
              return;
            }
            try {
              recorder.record(evaluated, await revertGroup({ groupId: snapshot.groupId, facts, diff: plan.diff, note: plan.note, adapter: deps.adapter }));
            } catch (error) {
              failed.push({ groupId: snapshot.groupId, error });
              deps.log(JSON.stringify({ level: 'error', groupId: snapshot.groupId, messageType: MESSAGE_TYPE, mode: rule.mode, ...errorFields(error), durationMs: elapsedMs(evaluated.started) }));
            }
          });
        }
      }
      if (page.more && !deadline.canReadPage()) {
        tally.unreadPages = true;
        break;
      }
    }
  } catch (error) {
    // A page could not be read: still finish and report what is under way, then fail with it.
    readError = { error };
  }
  await pool.drain();
  logSweep(deps.log, recorder.counts, tally);
  if (readError !== undefined) {
    await recorder.flush().catch(() => undefined);
    throw readError.error;
  }
  await recorder.flush();
  const [first] = failed;
  if (first === undefined) return recorder.counts;
  const ids = failed.slice(0, FAILED_IDS_SHOWN).map((f) => f.groupId).join(', ');
  const more = failed.length > FAILED_IDS_SHOWN ? ` and ${failed.length - FAILED_IDS_SHOWN} more` : '';
  const total = failed.length + recorder.counts.evaluated;
  throw new AwsCallError(`${failed.length} of ${total} group(s) could not be evaluated (${ids}${more}); the others were evaluated and reported. First error: ${errorFields(first.error).message}`, {
    where: MESSAGE_TYPE,
    fix: 'nothing if the errors are transient: Lambda retries the invocation. Otherwise see the error line logged for each group.',
    cause: first.error,
  });
}

interface Deadline {
  canStartRevert(): boolean;
  canReadPage(): boolean;
}

/** The margins shrink for a short timeout (a fifth and a tenth of the time the invocation started with). */
function createDeadline(remainingMs: (() => number) | undefined): Deadline {
  if (remainingMs === undefined) return { canStartRevert: () => true, canReadPage: () => true };
  const atStart = remainingMs();
  const revertMargin = Math.min(REVERT_MARGIN_MS, atStart / 5);
  const readMargin = Math.min(READ_MARGIN_MS, atStart / 10);
  return { canStartRevert: () => remainingMs() > revertMargin, canReadPage: () => remainingMs() > readMargin };
}

interface Tally {
  readonly otherOwner: number;
  readonly outOfScope: number;
  readonly notReverted: number;
  readonly unreadPages: boolean;
}

/** One line per sweep: what it evaluated, skipped, and left for the next sweep. */
function logSweep(log: (line: string) => void, counts: EvaluationSummary, tally: Tally): void {
  const stopped = tally.notReverted > 0 || tally.unreadPages;
  const left = `stopped before the timeout: ${tally.notReverted} drifted group(s) left to revert${tally.unreadPages ? ', pages unread' : ''}`;
  log(JSON.stringify({ level: stopped ? 'warn' : 'info', messageType: MESSAGE_TYPE, sweep: { ...counts, ...tally }, ...(stopped ? { message: left } : {}) }));
}
