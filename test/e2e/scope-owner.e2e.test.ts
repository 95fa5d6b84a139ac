/**
 * Issue 8, cases 1 and 3, against the bundled function: a tag-scoped rule touches only its scope,
 * in sweeps too (a ScheduledNotification carries no scope, so the function applies it), and a
 * participant account in a shared VPC never evaluates or changes the owner's groups.
 */
import type { DescribeSecurityGroupsCommandOutput } from '@aws-sdk/client-ec2';
import { FUNCTION_ENVIRONMENT as ENV } from '../../src/function-settings';
import { FAKE_ACCOUNT_ID } from './ec2-fake';
import { changeEvent, leftScopeEvent, scheduledEvent } from './events';
import type { Harness } from './harness';
import { LAB_INGRESS, LAB_RESULT, useBundledHarness } from './harness';

const harness = useBundledHarness();
let h: Harness;
beforeEach(() => {
  h = harness();
});

const WEB = { environment: { [ENV.scopeTagKey]: 'team', [ENV.scopeTagValue]: 'web' } };
const OTHER_ACCOUNT = '210987654321';
const DATABASE = ['5432@10.0.0.0/16'];
const describeInputs = (): unknown[] => h.ec2.calls.filter((c) => c.operation === 'DescribeSecurityGroups').map((c) => c.input);
const evaluated = (): (string | undefined)[] => h.config.evaluations.map((e) => e.ComplianceResourceId);

describe('case 1: a tag-scoped rule', () => {
  it('a sweep reads only in-scope groups (EC2 filters them) and leaves every other group unevaluated and unchanged', async () => {
    const web = h.ec2.addGroup({ ingress: LAB_INGRESS, tags: { team: 'web' } });
    const database = h.ec2.addGroup({ ingress: DATABASE });
    const otherTeam = h.ec2.addGroup({ ingress: LAB_INGRESS, tags: { team: 'db' } });
    const summary = await h.invoke(scheduledEvent(), WEB);

    expect(describeInputs()).toEqual([{ Filters: [{ Name: 'owner-id', Values: [FAKE_ACCOUNT_ID] }, { Name: 'tag:team', Values: ['web'] }], MaxResults: 1000 }]);
    expect(h.ec2.ingressOf(web)).toEqual(LAB_RESULT);
    expect(h.ec2.ingressOf(database)).toEqual(['tcp:5432@10.0.0.0/16']);
    expect(h.ec2.ingressOf(otherTeam)).toHaveLength(LAB_INGRESS.length);
    expect(evaluated()).toEqual([web]);
    expect(summary).toEqual({ evaluated: 1, COMPLIANT: 1, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 });
  });

  it('a scope key alone: EC2 filters by tag-key, any value is in scope', async () => {
    const web = h.ec2.addGroup({ ingress: DATABASE, tags: { team: 'web' } });
    const db = h.ec2.addGroup({ ingress: DATABASE, tags: { team: 'db' } });
    const untagged = h.ec2.addGroup({ ingress: DATABASE });
    await h.invoke(scheduledEvent({ ruleParameters: { allowedIngress: '5432@10.0.0.0/16' } }), { environment: { [ENV.scopeTagKey]: 'team' } });
    expect(describeInputs()).toEqual([{ Filters: [{ Name: 'owner-id', Values: [FAKE_ACCOUNT_ID] }, { Name: 'tag-key', Values: ['team'] }], MaxResults: 1000 }]);
    expect(evaluated().sort()).toEqual([web, db].sort());
    expect(evaluated()).not.toContain(untagged);
  });

  it('a group that left the scope is NOT_APPLICABLE, and the next sweep does not enforce it', async () => {
    const group = h.ec2.addGroup({ ingress: DATABASE });
    await h.invoke(leftScopeEvent(group), WEB);
    await h.invoke(scheduledEvent(), WEB);
    expect(h.config.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceType])).toEqual([[group, 'NOT_APPLICABLE']]);
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:5432@10.0.0.0/16']);
    expect(h.ec2.writeCount()).toBe(0);
  });

  it('a change notification for a group whose tags no longer match: NOT_APPLICABLE naming the scope, no write', async () => {
    const group = h.ec2.addGroup({ ingress: DATABASE, tags: { team: 'db' } });
    await h.invoke(changeEvent(group), WEB);
    expect(h.ec2.writeCount()).toBe(0);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'NOT_APPLICABLE', Annotation: "outside the rule's scope (tag team=web)" });
  });

  it('an in-scope change notification is enforced as before', async () => {
    const group = h.ec2.addGroup({ ingress: LAB_INGRESS, tags: { team: 'web' } });
    await h.invoke(changeEvent(group), WEB);
    expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
  });

  it('an answer that ignores the filters (as an emulator might) still changes and evaluates nothing outside the scope or the account', async () => {
    const web = h.ec2.addGroup({ ingress: LAB_INGRESS, tags: { team: 'web' } });
    const database = h.ec2.addGroup({ ingress: DATABASE });
    const shared = h.ec2.addGroup({ ingress: LAB_INGRESS, ownerId: OTHER_ACCOUNT, tags: { team: 'web' } });
    h.ec2.rewriteNextAnswer<DescribeSecurityGroupsCommandOutput>('DescribeSecurityGroups', (out) => ({ ...out, SecurityGroups: h.ec2.everyGroup() }));
    await h.invoke(scheduledEvent(), WEB);
    expect(evaluated()).toEqual([web]);
    expect(h.ec2.ingressOf(database)).toEqual(['tcp:5432@10.0.0.0/16']);
    expect(h.ec2.ingressOf(shared)).toHaveLength(LAB_INGRESS.length);
    expect(h.logLines().at(-1)).toMatchObject({ sweep: { evaluated: 1, otherOwner: 1, outOfScope: 1 } });
  });

  it('a scope value without a key in the Environment: a clear error before any AWS call', async () => {
    await expect(h.invoke(scheduledEvent(), { environment: { [ENV.scopeTagValue]: 'web' } })).rejects.toThrow(
      expect.objectContaining({ name: 'RuleParameterError', where: ENV.scopeTagValue }),
    );
    expect(h.ec2.calls).toEqual([]);
    expect(h.config.putCalls).toEqual([]);
  });
});

describe("case 3: shared VPCs (groups another account owns)", () => {
  it('a sweep reads only this account’s groups and never evaluates or changes the owner’s', async () => {
    const own = h.ec2.addGroup({ ingress: LAB_INGRESS });
    const shared = h.ec2.addGroup({ ingress: LAB_INGRESS, ownerId: OTHER_ACCOUNT });
    await h.invoke(scheduledEvent());
    expect(describeInputs()).toEqual([{ Filters: [{ Name: 'owner-id', Values: [FAKE_ACCOUNT_ID] }], MaxResults: 1000 }]);
    expect(h.ec2.ingressOf(own)).toEqual(LAB_RESULT);
    expect(h.ec2.ingressOf(shared)).toHaveLength(LAB_INGRESS.length);
    expect(evaluated()).toEqual([own]);
  });

  it('a change notification naming the owner’s group: no evaluation, no write, a log line saying why', async () => {
    const shared = h.ec2.addGroup({ ingress: LAB_INGRESS, ownerId: OTHER_ACCOUNT });
    const summary = await h.invoke(changeEvent(shared));
    expect(summary).toEqual({ evaluated: 0, COMPLIANT: 0, NON_COMPLIANT: 0, NOT_APPLICABLE: 0 });
    expect(h.ec2.writeCount()).toBe(0);
    expect(h.config.putCalls).toEqual([]);
    expect(h.logLines()).toEqual([expect.objectContaining({ level: 'warn', groupId: shared, skipped: `owner ${OTHER_ACCOUNT} is not ${FAKE_ACCOUNT_ID}` })]);
  });
});
