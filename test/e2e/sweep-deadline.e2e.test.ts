/**
 * Issue 8, case 4, against the bundled function: a sweep reverts drifted groups a few at a time,
 * sends evaluations 100 at a time as they are ready, and stops cleanly before the Lambda deadline
 * (context.getRemainingTimeInMillis), keeping every evaluation made and logging what is left.
 * Every AWS call takes a few real milliseconds here, so calls overlap as they would in Lambda.
 * (Times are the handler's business; these tests count, they never time.)
 */
import { FUNCTION_ENVIRONMENT as ENV } from '../../src/function-settings';
import { MAX_GROUPS_IN_FLIGHT } from '../../handler/sweep';
import { scheduledEvent } from './events';
import type { Harness, LambdaContextLike } from './harness';
import { LAB_INGRESS, LAB_RESULT, useBundledHarness } from './harness';

const harness = useBundledHarness({ latency: { ms: 3, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) } });
let h: Harness;
beforeEach(() => {
  h = harness();
});

const CEILING = { [ENV.matching]: 'ceiling' };
const count = (operation: string): number => h.ec2.calls.filter((c) => c.operation === operation).length;
/** A Lambda context whose remaining time is computed from what the fake has seen so far. */
const contextOf = (remaining: () => number): LambdaContextLike => ({ getRemainingTimeInMillis: remaining });
const compliance = (group: string): string | undefined => h.config.latest(group)?.ComplianceType;

describe('case 4: a sweep of many drifted groups', () => {
  it('reverts them a bounded number at a time, and sends evaluations 100 at a time as they are ready', async () => {
    const drifted = Array.from({ length: 10 }, () => h.ec2.addGroup({ ingress: ['22@0.0.0.0/0', '80@0.0.0.0/0'] }));
    const compliant = Array.from({ length: 250 }, () => h.ec2.addGroup({ ingress: ['80@0.0.0.0/0'] }));
    const summary = await h.invoke(scheduledEvent({ ruleParameters: { allowedIngress: '80,443' } }), { environment: CEILING, context: contextOf(() => 900_000) });

    expect(summary).toEqual({ evaluated: 260, COMPLIANT: 260, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 });
    for (const group of drifted) expect(h.ec2.ingressOf(group)).toEqual(['tcp:80@0.0.0.0/0']);
    expect(h.inFlight.peakWrites).toBeGreaterThan(1);
    expect(h.inFlight.peakWrites).toBeLessThanOrEqual(MAX_GROUPS_IN_FLIGHT);
    expect(h.config.putCalls.map((c) => c.Evaluations?.length)).toEqual([100, 100, 60]);
    expect(new Set(h.config.evaluations.map((e) => e.ComplianceResourceId))).toEqual(new Set([...drifted, ...compliant]));
    expect(h.ec2.throttle.refused.size).toBe(0);
  });

  it('stops starting reverts before the deadline: the drifted groups left are NON_COMPLIANT from their read, every evaluation is sent, the log says how many are left, and the next sweep goes on', async () => {
    const drifted = Array.from({ length: 10 }, () => h.ec2.addGroup({ ingress: LAB_INGRESS }));
    // The function's time runs out as reverts happen: after four revokes less than a minute is left.
    const context = contextOf(() => 900_000 - 250_000 * count('RevokeSecurityGroupIngress'));
    const summary = (await h.invoke(scheduledEvent(), { context })) as Record<string, number>;

    const reverted = drifted.filter((g) => compliance(g) === 'COMPLIANT');
    const left = drifted.filter((g) => compliance(g) === 'NON_COMPLIANT');
    expect(reverted.length).toBeGreaterThanOrEqual(4);
    expect(left.length).toBeGreaterThanOrEqual(1);
    expect(reverted.length + left.length).toBe(10);
    expect(summary).toMatchObject({ evaluated: 10, COMPLIANT: reverted.length, NON_COMPLIANT: left.length });
    for (const group of reverted) expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
    for (const group of left) {
      expect(h.ec2.ingressOf(group)).toHaveLength(LAB_INGRESS.length);
      expect(h.config.latest(group)?.Annotation).toMatch(/^not reverted \(the sweep ran out of time; the next sweep reverts it\); extra /);
    }
    expect(h.logLines().at(-1)).toMatchObject({ level: 'warn', sweep: { notReverted: left.length, unreadPages: false }, message: expect.stringContaining(`${left.length} drifted group(s) left to revert`) });

    await h.invoke(scheduledEvent(), { context: contextOf(() => 900_000) });
    for (const group of drifted) expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
  });

  it('stops reading pages before the deadline, keeping the evaluations of the pages read', async () => {
    const drifted = h.ec2.addGroup({ ingress: LAB_INGRESS });
    Array.from({ length: 1000 }, () => h.ec2.addGroup({ ingress: LAB_RESULT }));
    // After the first page only 10 s are left: no revert starts, no second page is read.
    const context = contextOf(() => (count('DescribeSecurityGroups') >= 1 ? 10_000 : 900_000));
    await h.invoke(scheduledEvent(), { context });
    expect(count('DescribeSecurityGroups')).toBe(1);
    expect(h.ec2.writeCount()).toBe(0);
    expect(h.config.evaluations).toHaveLength(1000);
    expect(compliance(drifted)).toBe('NON_COMPLIANT');
    expect(h.logLines().at(-1)).toMatchObject({ level: 'warn', sweep: { evaluated: 1000, notReverted: 1, unreadPages: true } });
  });
});
