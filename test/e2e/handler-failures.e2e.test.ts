/**
 * End-to-end failure paths of the bundled handler: what a sweep does when one group or one page
 * fails, and how permanent failures (denied reads, a referenced group that does not exist) end up
 * as NON_COMPLIANT evaluations instead of failed invocations.
 */
import type { Harness } from './harness';
import { LAB_INGRESS, LAB_RESULT, useBundledHarness } from './harness';
import { ec2Error } from './ec2-fake';
import { changeEvent, scheduledEvent } from './events';

const throttled = (): Error => ec2Error('RequestLimitExceeded', 'Request limit exceeded.');
const harness = useBundledHarness();
let h: Harness;
beforeEach(() => {
  h = harness();
});

describe('a sweep with one failing group', () => {
  it('evaluates and reports every other group, then fails so Lambda retries; the retry completes', async () => {
    const [first, second, third] = [h.ec2.addGroup({ ingress: LAB_INGRESS }), h.ec2.addGroup({ ingress: LAB_INGRESS }), h.ec2.addGroup({ ingress: LAB_RESULT })];
    h.ec2.failNext('AuthorizeSecurityGroupIngress', throttled());

    await expect(h.invoke(scheduledEvent())).rejects.toThrow(
      expect.objectContaining({ name: 'AwsCallError', where: 'ScheduledNotification', message: expect.stringContaining(`1 of 3 group(s) could not be evaluated (${first})`) }),
    );
    expect(h.ec2.ingressOf(first)).toHaveLength(LAB_INGRESS.length);
    expect(h.ec2.ingressOf(second)).toEqual(LAB_RESULT);
    // Reverts run beside the page's other groups, so evaluations arrive as each is decided.
    expect(h.config.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType]).sort()).toEqual([
      [second, 'COMPLIANT'],
      [third, 'COMPLIANT'],
    ]);
    expect(h.logLines()).toContainEqual(expect.objectContaining({ level: 'error', groupId: first, error: 'AwsCallError', message: expect.stringContaining('RequestLimitExceeded') }));

    await h.invoke(scheduledEvent());
    expect(h.ec2.ingressOf(first)).toEqual(LAB_RESULT);
    expect(h.config.latest(first)).toMatchObject({ ComplianceType: 'COMPLIANT' });
  });

  it('a page that cannot be read: what was evaluated before it is still reported, then the invocation fails', async () => {
    // Page 1: one group whose revert fails, then 999 compliant ones, so 99 evaluations are still
    // queued when the read of page 2 fails.
    const failing = h.ec2.addGroup({ ingress: LAB_INGRESS });
    const compliant = Array.from({ length: 1000 }, () => h.ec2.addGroup({ ingress: LAB_RESULT }));
    h.ec2.failNext('AuthorizeSecurityGroupIngress', throttled());
    h.ec2.beforeNext('DescribeSecurityGroups', () => undefined);
    h.ec2.failNext('DescribeSecurityGroups', throttled());
    await expect(h.invoke(scheduledEvent())).rejects.toThrow(expect.objectContaining({ where: 'ec2:DescribeSecurityGroups', message: expect.stringContaining('RequestLimitExceeded') }));
    expect(h.config.putCalls.map((c) => c.Evaluations?.length)).toEqual([...Array<number>(9).fill(100), 99]);
    expect(h.config.latest(failing)).toBeUndefined();
    expect(h.config.evaluations.map((e) => e.ComplianceResourceId)).toEqual(compliant.slice(0, 999));
  });
});

describe('permanent failures are evaluations, not failed invocations', () => {
  it('the rule-id read denied: NON_COMPLIANT with the reason, nothing written', async () => {
    const group = h.ec2.addGroup({ ingress: ['80@0.0.0.0/0', '22@0.0.0.0/0'] });
    h.ec2.failNext('DescribeSecurityGroupRules', ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80', allowedCidrs: '0.0.0.0/0' } }));
    expect(h.ec2.writeCount()).toBe(0);
    expect(h.config.latest(group)).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: 'not reverted (UnauthorizedOperation: You are not authorized to perform this operation.); extra tcp:22@0.0.0.0/0',
    });
  });

  it('an allowed rule naming a group that does not exist: the other rules are still added and the extra ones revoked; NON_COMPLIANT naming it', async () => {
    // One stale entry (the bastion group was deleted) must not keep every group open.
    const missing = 'sg-0000000000000beef';
    const group = h.ec2.addGroup({ ingress: ['22@0.0.0.0/0', '80@0.0.0.0/0'] });
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: `udp:53@${missing},443`, allowedCidrs: '0.0.0.0/0' } }));
    expect(h.ec2.calls.map((c) => c.operation)).toEqual([
      'DescribeSecurityGroups',
      'DescribeSecurityGroupRules',
      'AuthorizeSecurityGroupIngress',
      // The read that tells a missing referenced group from this group being gone.
      'DescribeSecurityGroups',
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupIngress',
      'RevokeSecurityGroupIngress',
    ]);
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:443@0.0.0.0/0']);
    expect(h.config.latest(group)).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: `partly reverted (InvalidGroup.NotFound: The security group '${missing}' does not exist); missing udp:53@${missing}`,
    });
  });

  it('an allowed rule naming a deleted prefix list: the rest is reverted; NON_COMPLIANT naming it', async () => {
    h.ec2.deletePrefixList('pl-0000dead');
    const group = h.ec2.addGroup({ ingress: ['22@0.0.0.0/0'] });
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '443@pl-0000dead,80', allowedCidrs: '0.0.0.0/0' } }));
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:80@0.0.0.0/0']);
    expect(h.config.latest(group)).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: "partly reverted (InvalidPrefixListID.NotFound: The prefix list ID 'pl-0000dead' does not exist); missing tcp:443@pl-0000dead",
    });
  });

  it('the group deleted between the read and the revert: NOT_APPLICABLE', async () => {
    const group = h.ec2.addGroup({ ingress: LAB_INGRESS });
    h.ec2.beforeNext('AuthorizeSecurityGroupIngress', () => h.ec2.deleteGroup(group));
    await h.invoke(changeEvent(group));
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'NOT_APPLICABLE', Annotation: 'security group no longer exists' });
  });
});
