/**
 * End-to-end: the bundled handler (built in beforeAll exactly as `npm run build` builds
 * dist/handler/index.min.js) invoked with AWS-shaped events against the in-memory EC2 and Config.
 */
import { AWS_CLIENT_CONFIG } from '../../handler/aws-adapter';
import type { Harness } from './harness';
import { LAB_INGRESS, LAB_RESULT, useBundledHarness } from './harness';
import { ec2Error, FAKE_ACCOUNT_ID } from './ec2-fake';
import { changeEvent, deletedEvent, leftScopeEvent, oversizedEvent, scheduledEvent } from './events';

const harness = useBundledHarness();
let h: Harness;
beforeEach(() => {
  h = harness();
});

const labGroup = (): string => h.ec2.addGroup({ groupName: 'default', ingress: LAB_INGRESS });
const operations = (): string[] => h.ec2.calls.map((c) => c.operation);

describe('the lab case', () => {
  it('a default group ends with exactly tcp 80 and 443 from 0.0.0.0/0 and ::/0; a second run writes nothing', async () => {
    const group = labGroup();
    await h.invoke(changeEvent(group, { captureTime: '2026-11-27T09:00:00.000Z' }));

    expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
    expect(h.ec2.egressOf(group)).toEqual(['all@0.0.0.0/0']);
    // One read, one more read for the rule ids, one authorize, one revoke.
    expect(operations()).toEqual(['DescribeSecurityGroups', 'DescribeSecurityGroupRules', 'AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress']);
    expect(h.config.latest(group)).toEqual({
      ComplianceResourceType: 'AWS::EC2::SecurityGroup',
      ComplianceResourceId: group,
      ComplianceType: 'COMPLIANT',
      Annotation: `reverted; revoked all@${FAKE_ACCOUNT_ID}/${group}, tcp:465@0.0.0.0/0, tcp:993@0.0.0.0/0; added tcp:443@::/0, tcp:80@::/0`,
      OrderingTimestamp: new Date('2026-11-27T09:00:00.000Z'),
    });

    const before = h.ec2.calls.length;
    await h.invoke(changeEvent(group));
    expect(h.ec2.calls.slice(before).map((c) => c.operation)).toEqual(['DescribeSecurityGroups']);
    expect(h.ec2.writeCount()).toBe(2);
    expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT' });
    expect(h.config.latest(group)?.Annotation).toBeUndefined();
  });

  it('logs one JSON line per evaluated group', async () => {
    const group = labGroup();
    await h.invoke(changeEvent(group));
    const [line, ...rest] = h.logLines();
    expect(rest).toEqual([]);
    expect(line).toEqual({
      groupId: group,
      messageType: 'ConfigurationItemChangeNotification',
      mode: 'enforce',
      matching: 'exact',
      compliance: 'COMPLIANT',
      revoked: [`all@${FAKE_ACCOUNT_ID}/${group}`, 'tcp:465@0.0.0.0/0', 'tcp:993@0.0.0.0/0'],
      added: ['tcp:443@::/0', 'tcp:80@::/0'],
      annotation: expect.stringMatching(/^reverted; /),
      durationMs: expect.any(Number),
    });
  });

  it('an oversized notification reverts the same way, from the summary alone', async () => {
    const group = labGroup();
    await h.invoke(oversizedEvent(group, { captureTime: '2026-11-27T09:30:00.000Z' }));
    expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT', OrderingTimestamp: new Date('2026-11-27T09:30:00.000Z') });
  });
});

describe('no look at EC2', () => {
  it.each([
    ['deleted group', deletedEvent('sg-0123456789abcdef0'), 'resource deleted (ResourceDeleted)'],
    ['left scope', leftScopeEvent('sg-0123456789abcdef0'), "resource left the rule's scope"],
  ])('%s: NOT_APPLICABLE without any EC2 call', async (_name, event, annotation) => {
    await h.invoke(event);
    expect(h.ec2.calls).toEqual([]);
    expect(h.config.latest('sg-0123456789abcdef0')).toMatchObject({ ComplianceType: 'NOT_APPLICABLE', Annotation: annotation });
    expect(h.logLines()).toEqual([expect.objectContaining({ groupId: 'sg-0123456789abcdef0', compliance: 'NOT_APPLICABLE', annotation, revoked: [], added: [] })]);
  });
});

describe('change notifications', () => {
  it('a group gone since the change: NOT_APPLICABLE', async () => {
    const group = labGroup();
    h.ec2.deleteGroup(group);
    await h.invoke(changeEvent(group));
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'NOT_APPLICABLE', Annotation: 'security group no longer exists' });
  });

  it('report mode: NON_COMPLIANT naming extra and missing rules, no write', async () => {
    const group = h.ec2.addGroup({ ingress: ['80@0.0.0.0/0', '22@0.0.0.0/0'] });
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80,443', mode: 'report' } }));
    expect(h.ec2.writeCount()).toBe(0);
    expect(operations()).toEqual(['DescribeSecurityGroups']);
    expect(h.config.latest(group)).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: 'report mode; extra tcp:22@0.0.0.0/0; missing tcp:443@0.0.0.0/0, tcp:443@::/0, tcp:80@::/0',
    });
  });

  it('only missing rules: authorize without the rule-id read', async () => {
    const group = h.ec2.addGroup({ ingress: ['80@0.0.0.0/0'] });
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80,443', allowedCidrs: '0.0.0.0/0' } }));
    expect(operations()).toEqual(['DescribeSecurityGroups', 'AuthorizeSecurityGroupIngress']);
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:443@0.0.0.0/0', 'tcp:80@0.0.0.0/0']);
  });

  it('richer grammar: IPv6, ranges, icmp, SG and prefix-list sources are kept; everything else goes', async () => {
    const peer = h.ec2.addGroup();
    const allowed = `tcp:8000-8100@2001:db8::/32,icmp:3/4@10.0.0.0/8,udp:53@${peer},tcp:443@pl-0123abcd`;
    const group = h.ec2.addGroup({ ingress: ['tcp:8000-8100@2001:db8::/32', 'icmp:3/4@10.0.0.0/8', 'icmp:8@10.0.0.0/8', `udp:53@${peer}`, 'all@::/0'] });
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: allowed } }));
    expect(h.ec2.ingressOf(group)).toEqual(['icmp:3/4@10.0.0.0/8', 'tcp:443@pl-0123abcd', 'tcp:8000-8100@2001:db8::/32', `udp:53@${FAKE_ACCOUNT_ID}/${peer}`]);
  });

  it('an exempt group: NOT_APPLICABLE and untouched; an expired exemption is enforced', async () => {
    const exempt = h.ec2.addGroup({ ingress: ['22@0.0.0.0/0'], tags: { 'sg-guardrail:exempt': '2999-12-31' } });
    const expired = h.ec2.addGroup({ ingress: ['22@0.0.0.0/0'], tags: { 'sg-guardrail:exempt': '2020-01-31' } });
    await h.invoke(changeEvent(exempt));
    await h.invoke(changeEvent(expired));
    expect(h.ec2.ingressOf(exempt)).toEqual(['tcp:22@0.0.0.0/0']);
    expect(h.config.latest(exempt)).toMatchObject({ ComplianceType: 'NOT_APPLICABLE', Annotation: 'exempt by tag sg-guardrail:exempt until 3000-01-01T00:00:00.000Z' });
    expect(h.ec2.ingressOf(expired)).toEqual(LAB_RESULT);
    expect(h.config.latest(expired)?.Annotation).toMatch(/^exemption sg-guardrail:exempt expired 2020-02-01T00:00:00.000Z; reverted; /);
  });

  it('TESTMODE: PutEvaluations with TestMode true, nothing recorded', async () => {
    const group = h.ec2.addGroup({ ingress: LAB_RESULT });
    await h.invoke(changeEvent(group, { resultToken: 'TESTMODE' }));
    expect(h.config.putCalls).toEqual([expect.objectContaining({ ResultToken: 'TESTMODE', TestMode: true })]);
    expect(h.config.evaluations).toEqual([]);
  });
});

describe('races and limits', () => {
  it('a group at the rules-per-group limit: revoke first, then authorize', async () => {
    const junk = Array.from({ length: 60 }, (_, i) => `${2000 + i}@0.0.0.0/0`);
    const group = h.ec2.addGroup({ ingress: junk });
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80', allowedCidrs: '0.0.0.0/0' } }));
    expect(operations()).toEqual([
      'DescribeSecurityGroups',
      'DescribeSecurityGroupRules',
      'AuthorizeSecurityGroupIngress',
      'RevokeSecurityGroupIngress',
      'AuthorizeSecurityGroupIngress',
    ]);
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:80@0.0.0.0/0']);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT' });
    expect([...(h.config.latest(group)?.Annotation ?? '')].length).toBeLessThanOrEqual(256);
    expect(h.config.latest(group)?.Annotation).toMatch(/…$/);
  });

  it('the IPv6 limit counts on its own: 60 IPv4 rules do not block an IPv6 one', async () => {
    const group = h.ec2.addGroup({ ingress: Array.from({ length: 60 }, (_, i) => `${2000 + i}@10.0.0.0/8`) });
    const allowed = [...Array.from({ length: 60 }, (_, i) => `${2000 + i}@10.0.0.0/8`), '443@::/0'].join(',');
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: allowed } }));
    expect(operations()).toEqual(['DescribeSecurityGroups', 'AuthorizeSecurityGroupIngress']);
    expect(h.ec2.ingressOf(group)).toHaveLength(61);
  });

  it('someone adds a missing rule meanwhile: the duplicate is a success and the rest is added', async () => {
    const group = labGroup();
    h.ec2.beforeNext('AuthorizeSecurityGroupIngress', () => h.ec2.authorizeOutOfBand(group, ['443@::/0']));
    await h.invoke(changeEvent(group));
    expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
    expect(h.config.latest(group)?.Annotation).toMatch(/added tcp:80@::\/0$/);
  });

  it('someone revokes an extra rule meanwhile: EC2 refuses the whole revoke, so the group is read again and the rest revoked', async () => {
    const group = labGroup();
    h.ec2.beforeNext('RevokeSecurityGroupIngress', () => h.ec2.revokeOutOfBand(group, ['465@0.0.0.0/0']));
    await h.invoke(changeEvent(group));
    expect(operations().slice(-3)).toEqual(['RevokeSecurityGroupIngress', 'DescribeSecurityGroupRules', 'RevokeSecurityGroupIngress']);
    expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT', Annotation: expect.not.stringContaining('465') });
  });

  it('the rule-id read decides: drift fixed by someone else meanwhile is left alone', async () => {
    const group = h.ec2.addGroup({ ingress: [...LAB_RESULT, '22@0.0.0.0/0'] });
    h.ec2.beforeNext('DescribeSecurityGroupRules', () => h.ec2.revokeOutOfBand(group, ['22@0.0.0.0/0']));
    await h.invoke(changeEvent(group));
    expect(h.ec2.writeCount()).toBe(0);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT' });
  });

  it('access denied on revoke: NON_COMPLIANT with the reason, allowed rules already added', async () => {
    const group = labGroup();
    h.ec2.failNext('RevokeSecurityGroupIngress', ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    await h.invoke(changeEvent(group));
    expect(h.config.latest(group)).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: `partly reverted (UnauthorizedOperation: You are not authorized to perform this operation.); extra all@${FAKE_ACCOUNT_ID}/${group}, tcp:465@0.0.0.0/0, tcp:993@0.0.0.0/0`,
    });
    expect(h.ec2.ingressOf(group)).toEqual(expect.arrayContaining(LAB_RESULT));
  });

  it('throttling left after the SDK retries: the invocation fails, and Lambda’s retry completes the revert', async () => {
    const group = labGroup();
    h.ec2.failNext('AuthorizeSecurityGroupIngress', ec2Error('RequestLimitExceeded', 'Request limit exceeded.'));
    await expect(h.invoke(changeEvent(group))).rejects.toThrow('RequestLimitExceeded');
    expect(h.config.evaluations).toEqual([]);
    await h.invoke(changeEvent(group));
    expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
  });
});

describe('bad input', () => {
  it('invalid rule parameters: a clear error, no EC2 call, no evaluation', async () => {
    const group = labGroup();
    await expect(h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80,,443' } }))).rejects.toThrow(
      expect.objectContaining({ name: 'RuleParameterError', where: 'allowedIngress[1]', message: expect.stringContaining('entry "": is empty') }),
    );
    expect(h.ec2.calls).toEqual([]);
    expect(h.config.putCalls).toEqual([]);
    expect(h.logLines()).toEqual([expect.objectContaining({ level: 'error', error: 'RuleParameterError', where: 'allowedIngress[1]' })]);
  });

  it('a malformed event: EventError naming the field, no AWS call', async () => {
    await expect(h.invoke({ ...scheduledEvent(), invokingEvent: '{"messageType":"ScheduledNotification"}' })).rejects.toThrow(
      expect.objectContaining({ name: 'EventError', where: 'invokingEvent.notificationCreationTime' }),
    );
    expect(h.ec2.calls).toEqual([]);
    expect(h.config.putCalls).toEqual([]);
  });
});

describe('scheduled sweep', () => {
  it('reads every group page by page, reverts only the drifted ones, and puts evaluations 100 at a time', async () => {
    const compliant = Array.from({ length: 1203 }, () => h.ec2.addGroup({ ingress: LAB_RESULT }));
    const drifted = [labGroup(), labGroup()];
    const summary = await h.invoke(scheduledEvent({ notificationCreationTime: '2026-11-27T10:00:00.000Z' }));

    expect(summary).toEqual({ evaluated: 1205, COMPLIANT: 1205, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 });
    for (const group of drifted) expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
    const counts = operations().reduce<Record<string, number>>((acc, op) => ({ ...acc, [op]: (acc[op] ?? 0) + 1 }), {});
    expect(counts).toEqual({ DescribeSecurityGroups: 2, DescribeSecurityGroupRules: 2, AuthorizeSecurityGroupIngress: 2, RevokeSecurityGroupIngress: 2 });
    expect(h.config.putCalls.map((c) => c.Evaluations?.length)).toEqual([...Array<number>(12).fill(100), 5]);
    expect(new Set(h.config.evaluations.map((e) => e.ComplianceResourceId)).size).toBe(1205);
    expect(h.config.evaluations.every((e) => e.OrderingTimestamp?.toISOString() === '2026-11-27T10:00:00.000Z')).toBe(true);
    // The compliant groups: evaluated without a write and without an annotation.
    expect(compliant.every((g) => h.config.latest(g)?.ComplianceType === 'COMPLIANT' && h.config.latest(g)?.Annotation === undefined)).toBe(true);
    expect(h.logLines().filter((l) => 'groupId' in l)).toHaveLength(1205);
    expect(h.logLines().at(-1)).toEqual({
      level: 'info',
      messageType: 'ScheduledNotification',
      sweep: { evaluated: 1205, COMPLIANT: 1205, NON_COMPLIANT: 0, NOT_APPLICABLE: 0, otherOwner: 0, outOfScope: 0, notReverted: 0, unreadPages: false },
    });
  });

  it('report mode: a sweep of drifted groups never calls a mutating EC2 API', async () => {
    const groups = [labGroup(), labGroup(), h.ec2.addGroup({ ingress: ['22@0.0.0.0/0'] })];
    const summary = await h.invoke(scheduledEvent({ ruleParameters: { allowedIngress: '80,443', mode: 'report' } }));
    expect(summary).toEqual({ evaluated: 3, COMPLIANT: 0, NON_COMPLIANT: 3, NOT_APPLICABLE: 0 });
    expect(operations()).toEqual(['DescribeSecurityGroups']);
    for (const group of groups) expect(h.config.latest(group)?.Annotation).toMatch(/^report mode; extra /);
  });

  it('a second sweep writes nothing', async () => {
    labGroup();
    await h.invoke(scheduledEvent());
    const writes = h.ec2.writeCount();
    await h.invoke(scheduledEvent());
    expect(h.ec2.writeCount()).toBe(writes);
  });
});

describe('the bundle', () => {
  it('exports an async handler (nodejs24.x has no callback handlers) and creates its clients with the standard retry and 6 attempts', async () => {
    expect(h.module.handler.constructor.name).toBe('AsyncFunction');
    expect(h.module.handler.length).toBeLessThanOrEqual(2);
    await h.invoke(changeEvent(labGroup()));
    expect(h.clients.size).toBe(2);
    for (const client of h.clients) {
      expect(await client.config.maxAttempts()).toBe(AWS_CLIENT_CONFIG.maxAttempts);
      const mode: unknown = client.config.retryMode;
      expect(typeof mode === 'function' ? await (mode as () => Promise<string>)() : mode).toBe(AWS_CLIENT_CONFIG.retryMode);
    }
  });

  it('reaches AWS only through the SDK modules the mocks patch (the fake saw every call)', async () => {
    const group = labGroup();
    await h.invoke(changeEvent(group));
    // Had the bundle carried its own SDK copy, the call would have gone to the closed endpoint.
    expect(h.ec2.calls.length).toBeGreaterThan(0);
    expect(h.config.putCalls).toHaveLength(1);
  });
});
