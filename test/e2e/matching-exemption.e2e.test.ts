/**
 * Issue 8, case 5 and ceiling-only matching, against the bundled function: date-like exemption
 * values outside the accepted forms fail closed, and `ceiling` matching revokes what is outside the
 * allowed set without ever adding a rule (what database and internal groups need).
 */
import { FUNCTION_ENVIRONMENT as ENV } from '../../src/function-settings';
import { FAKE_ACCOUNT_ID } from './ec2-fake';
import { changeEvent, scheduledEvent } from './events';
import type { Harness } from './harness';
import { LAB_INGRESS, LAB_RESULT, useBundledHarness } from './harness';

const harness = useBundledHarness();
let h: Harness;
beforeEach(() => {
  h = harness();
});

const KEY = 'sg-guardrail:exempt';
const CEILING = { environment: { [ENV.matching]: 'ceiling' } };
const operations = (): string[] => h.ec2.calls.map((c) => c.operation);

describe('case 5: exemption values that look like dates but are not in an accepted form', () => {
  it.each(['20260615', '2026-W24', '2026-06-15T12:00:00'])('%s: not exempt (enforced), and the annotation names the accepted forms', async (value) => {
    const group = h.ec2.addGroup({ ingress: LAB_INGRESS, tags: { [KEY]: value } });
    await h.invoke(changeEvent(group));
    expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
    expect(h.config.latest(group)?.Annotation).toMatch(
      new RegExp(`^exemption ${KEY}="${value}" ignored: not a date in an accepted form \\(YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ \\(or ±hh:mm\\)\\); reverted; `),
    );
  });

  it.each([
    ['2999-06-15', 'until 2999-06-16T00:00:00.000Z'],
    ['2999-06-15T12:00:00Z', 'until 2999-06-15T12:00:00.000Z'],
    ['2999-06-15T12:00:00+02:00', 'until 2999-06-15T10:00:00.000Z'],
    ['CHG-4711', ''],
  ])('%s: exempt (%s), untouched', async (value, until) => {
    const group = h.ec2.addGroup({ ingress: LAB_INGRESS, tags: { [KEY]: value } });
    await h.invoke(changeEvent(group));
    expect(h.ec2.writeCount()).toBe(0);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'NOT_APPLICABLE', Annotation: `exempt by tag ${KEY}${until === '' ? '' : ` ${until}`}` });
  });
});

describe('ceiling matching (GUARDRAIL_MATCHING=ceiling)', () => {
  it('enforce: revokes everything outside the allowed set and adds nothing', async () => {
    const group = h.ec2.addGroup({ ingress: LAB_INGRESS });
    await h.invoke(changeEvent(group), CEILING);
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:443@0.0.0.0/0', 'tcp:80@0.0.0.0/0']);
    expect(operations()).toEqual(['DescribeSecurityGroups', 'DescribeSecurityGroupRules', 'RevokeSecurityGroupIngress']);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT', Annotation: `reverted; revoked all@${FAKE_ACCOUNT_ID}/${group}, tcp:465@0.0.0.0/0, tcp:993@0.0.0.0/0` });
    expect(h.logLines()).toEqual([expect.objectContaining({ mode: 'enforce', matching: 'ceiling', added: [] })]);
  });

  it('a database group holding a subset of the allowed set is COMPLIANT and untouched: the world never gets 80 and 443 on it', async () => {
    const database = h.ec2.addGroup({ ingress: ['5432@10.0.0.0/16'] });
    const empty = h.ec2.addGroup();
    await h.invoke(scheduledEvent({ ruleParameters: { allowedIngress: '80,443,5432@10.0.0.0/16' } }), CEILING);
    expect(h.ec2.writeCount()).toBe(0);
    expect(h.ec2.ingressOf(database)).toEqual(['tcp:5432@10.0.0.0/16']);
    expect([h.config.latest(database)?.ComplianceType, h.config.latest(empty)?.ComplianceType]).toEqual(['COMPLIANT', 'COMPLIANT']);
  });

  it('report: NON_COMPLIANT naming only what is outside the set, no write', async () => {
    const group = h.ec2.addGroup({ ingress: ['80@0.0.0.0/0', '22@0.0.0.0/0'] });
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80,443', mode: 'report' } }), CEILING);
    expect(h.ec2.writeCount()).toBe(0);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'NON_COMPLIANT', Annotation: 'report mode; extra tcp:22@0.0.0.0/0' });
  });

  it('exact (the default) still adds the missing allowed rules', async () => {
    const group = h.ec2.addGroup({ ingress: ['5432@10.0.0.0/16'] });
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80,443,5432@10.0.0.0/16' } }), { environment: { [ENV.matching]: 'exact' } });
    expect(h.ec2.ingressOf(group)).toEqual([...LAB_RESULT, 'tcp:5432@10.0.0.0/16'].sort());
  });

  it('an unknown matching: RuleParameterError naming the variable, no AWS call, no evaluation', async () => {
    const group = h.ec2.addGroup({ ingress: LAB_INGRESS });
    await expect(h.invoke(changeEvent(group), { environment: { [ENV.matching]: 'subset' } })).rejects.toThrow(
      expect.objectContaining({ name: 'RuleParameterError', where: ENV.matching }),
    );
    expect(h.ec2.calls).toEqual([]);
    expect(h.config.putCalls).toEqual([]);
  });
});
