/**
 * Sweep benchmark (`npm run bench`), issue 8's first sweep of a large account: 5,000 groups of which
 * 1,000 drifted (the lab's default group), against the in-memory EC2 and Config behind the real SDK
 * clients, every call answered after 100 ms of virtual time (test/bench/virtual-clock.ts), EC2's
 * documented per-action request throttling on (test/e2e/ec2-throttle.ts) and the Lambda deadline
 * from the template's timeout. Prints the wall time, the calls, the peak concurrency and whether EC2
 * throttled anything; fails unless every drifted group is reverted within the timeout.
 */
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { createAwsAdapter } from '../../handler/aws-adapter';
import { evaluateEvent } from '../../handler/evaluate-event';
import type { EvaluationSummary } from '../../handler/evaluate-event';
import { FUNCTION_ENVIRONMENT } from '../../src/function-settings';
import type { Matching } from '../../src/function-settings';
import { FUNCTION_TIMEOUT_SECONDS } from '../../templates/lambda-function';
import { scheduledEvent } from '../e2e/events';
import { LAB_INGRESS, LAB_RESULT, wireFakes } from '../e2e/harness';
import { VirtualClock } from './virtual-clock';

const GROUPS = 5000;
const DRIFTED = 1000;
const LATENCY_MS = 100;

interface SweepRun {
  readonly matching: Matching;
  readonly summary: EvaluationSummary;
  readonly seconds: number;
  /** Real time the benchmark took to run the virtual sweep. */
  readonly realMs: number;
  readonly calls: Record<string, number>;
  readonly peakCalls: number;
  readonly peakWrites: number;
  readonly throttled: number;
  readonly unreverted: number;
}

async function sweep(matching: Matching): Promise<SweepRun> {
  const clock = new VirtualClock();
  const fakes = wireFakes({ ec2: { now: clock.now }, latency: { ms: LATENCY_MS, sleep: clock.sleep } });
  try {
    // Drifted groups spread over every page, as they would be in an account.
    const kinds = Array.from({ length: GROUPS }, (_, i) => (i % (GROUPS / DRIFTED) === 0 ? 'drifted' : 'compliant'));
    const groups = kinds.map((kind) => ({ kind, id: fakes.ec2.addGroup({ ingress: kind === 'drifted' ? LAB_INGRESS : LAB_RESULT }) }));
    const adapter = createAwsAdapter({ ec2: new EC2Client({}), config: new ConfigServiceClient({}), clock });
    const deadline = FUNCTION_TIMEOUT_SECONDS * 1000;
    const started = performance.now();
    const summary = await clock.run(() =>
      evaluateEvent(scheduledEvent(), {
        adapter,
        now: () => new Date('2026-11-27T10:00:00.000Z'),
        log: () => undefined,
        environment: { [FUNCTION_ENVIRONMENT.matching]: matching },
        remainingMs: () => deadline - clock.now(),
      }),
    );
    const calls: Record<string, number> = {};
    for (const call of fakes.ec2.calls) calls[call.operation] = (calls[call.operation] ?? 0) + 1;
    calls.PutEvaluations = fakes.config.putCalls.length;
    const expected = matching === 'exact' ? LAB_RESULT.join() : 'tcp:443@0.0.0.0/0,tcp:80@0.0.0.0/0';
    return {
      matching,
      summary,
      seconds: clock.now() / 1000,
      realMs: performance.now() - started,
      calls,
      peakCalls: fakes.inFlight.peak,
      peakWrites: fakes.inFlight.peakWrites,
      throttled: [...fakes.ec2.throttle.refused.values()].reduce((a, b) => a + b, 0),
      unreverted: groups.filter((g) => g.kind === 'drifted' && fakes.ec2.ingressOf(g.id).join() !== expected).length,
    };
  } finally {
    fakes.restore();
  }
}

export async function run(): Promise<void> {
  console.log(`${GROUPS.toLocaleString('en-US')} groups, ${DRIFTED.toLocaleString('en-US')} drifted, every AWS call answered in ${LATENCY_MS} ms (virtual time); timeout ${FUNCTION_TIMEOUT_SECONDS} s`);
  for (const matching of ['exact', 'ceiling'] as const) {
    const r = await sweep(matching);
    const calls = Object.entries(r.calls).map(([op, n]) => `${op} ${n}`).join(', ');
    console.log(`- matching ${r.matching}: wall time ${r.seconds.toFixed(1)} s of ${FUNCTION_TIMEOUT_SECONDS} s (simulated in ${Math.round(r.realMs)} ms); evaluated ${r.summary.evaluated} (${r.summary.COMPLIANT} COMPLIANT, ${r.summary.NON_COMPLIANT} NON_COMPLIANT)`);
    console.log(`  calls: ${calls}`);
    console.log(`  peak concurrency: ${r.peakCalls} AWS calls, ${r.peakWrites} EC2 writes; requests EC2 throttled: ${r.throttled}`);
    const problems = [
      r.seconds > FUNCTION_TIMEOUT_SECONDS ? `took ${r.seconds.toFixed(1)} s, over the ${FUNCTION_TIMEOUT_SECONDS} s timeout` : '',
      r.unreverted > 0 ? `${r.unreverted} drifted group(s) not reverted` : '',
      r.summary.evaluated !== GROUPS ? `${r.summary.evaluated} of ${GROUPS} groups evaluated` : '',
      r.throttled > 0 ? `${r.throttled} request(s) throttled by EC2` : '',
    ].filter((p) => p !== '');
    if (problems.length > 0) throw new Error(`sweep benchmark (matching ${r.matching}): ${problems.join('; ')}`);
  }
}
