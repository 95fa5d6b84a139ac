/**
 * Issue 8, cases 2 and 6, against the bundled function: a rule id can change meaning between the
 * read and the revoke (ModifySecurityGroupRules keeps it), EC2's revoke answer is checked, allowed
 * traffic is never left cut, and COMPLIANT is reported only for a state EC2 confirmed or a read showed.
 */
import type { DescribeSecurityGroupRulesCommandOutput, RevokeSecurityGroupIngressCommandOutput } from '@aws-sdk/client-ec2';
import { FUNCTION_ENVIRONMENT as ENV } from '../../src/function-settings';
import { FAKE_ACCOUNT_ID } from './ec2-fake';
import { changeEvent } from './events';
import type { Harness } from './harness';
import { LAB_INGRESS, LAB_RESULT, useBundledHarness } from './harness';

const harness = useBundledHarness();
let h: Harness;
beforeEach(() => {
  h = harness();
});

const operations = (): string[] => h.ec2.calls.map((c) => c.operation);
const CEILING = { environment: { [ENV.matching]: 'ceiling' } };

describe('case 2: a rule id that changes meaning between the read and the revoke', () => {
  it('the owner edits an extra rule into a missing allowed one before the authorize: the revoked allowed rule is added back, and COMPLIANT comes from a read', async () => {
    const group = h.ec2.addGroup({ ingress: LAB_INGRESS });
    // tcp:443@::/0 is missing; the authorize then meets InvalidPermission.Duplicate for it, and the
    // revoke of the id read as tcp:465 removes it: what the issue saw, reported COMPLIANT.
    h.ec2.beforeNext('AuthorizeSecurityGroupIngress', () => h.ec2.modifyOutOfBand(group, '465@0.0.0.0/0', '443@::/0'));
    await h.invoke(changeEvent(group));

    expect(h.ec2.ingressOf(group)).toEqual(LAB_RESULT);
    expect(operations()).toEqual([
      'DescribeSecurityGroups',
      'DescribeSecurityGroupRules',
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupIngress',
      'RevokeSecurityGroupIngress',
      // The allowed rule the revoke took, added back at once, then a read to confirm the state.
      'AuthorizeSecurityGroupIngress',
      'DescribeSecurityGroupRules',
    ]);
    expect(h.config.latest(group)).toMatchObject({
      ComplianceType: 'COMPLIANT',
      Annotation: `reverted; revoked all@${FAKE_ACCOUNT_ID}/${group}, tcp:443@::/0, tcp:993@0.0.0.0/0; added tcp:80@::/0, tcp:443@::/0`,
    });
  });

  it('ceiling matching: an extra rule edited into an allowed one before the revoke is added back, never left cut', async () => {
    const group = h.ec2.addGroup({ ingress: ['22@0.0.0.0/0', '80@0.0.0.0/0'] });
    h.ec2.beforeNext('RevokeSecurityGroupIngress', () => h.ec2.modifyOutOfBand(group, '22@0.0.0.0/0', '443@0.0.0.0/0'));
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80,443', allowedCidrs: '0.0.0.0/0' } }), CEILING);
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:443@0.0.0.0/0', 'tcp:80@0.0.0.0/0']);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT', Annotation: 'reverted; revoked tcp:443@0.0.0.0/0; added tcp:443@0.0.0.0/0' });
  });

  it('an answer that names nothing revoked: the group is read again, and COMPLIANT only because the read shows it', async () => {
    const group = h.ec2.addGroup({ ingress: ['22@0.0.0.0/0', '80@0.0.0.0/0'] });
    h.ec2.rewriteNextAnswer<RevokeSecurityGroupIngressCommandOutput>('RevokeSecurityGroupIngress', () => ({ $metadata: {}, Return: true }));
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80', allowedCidrs: '0.0.0.0/0' } }));
    expect(operations()).toEqual(['DescribeSecurityGroups', 'DescribeSecurityGroupRules', 'RevokeSecurityGroupIngress', 'DescribeSecurityGroupRules']);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT', Annotation: 'reverted; revoked tcp:22@0.0.0.0/0' });
  });

  it('Return false and nothing revoked (the revoke did not happen): converges in a second round', async () => {
    const group = h.ec2.addGroup({ ingress: ['22@0.0.0.0/0', '80@0.0.0.0/0'] });
    // The rule is revoked and re-created by someone else just before the revoke: its id is unknown.
    h.ec2.beforeNext('RevokeSecurityGroupIngress', () => {
      h.ec2.revokeOutOfBand(group, ['22@0.0.0.0/0']);
      h.ec2.authorizeOutOfBand(group, ['22@0.0.0.0/0']);
    });
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80', allowedCidrs: '0.0.0.0/0' } }));
    expect(operations()).toEqual(['DescribeSecurityGroups', 'DescribeSecurityGroupRules', 'RevokeSecurityGroupIngress', 'DescribeSecurityGroupRules', 'RevokeSecurityGroupIngress']);
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:80@0.0.0.0/0']);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT', Annotation: 'reverted; revoked tcp:22@0.0.0.0/0' });
  });

  it('a group that keeps changing under the revert: two rounds at most, then NON_COMPLIANT with what is left; the next evaluation converges', async () => {
    const group = h.ec2.addGroup({ ingress: ['22@0.0.0.0/0', '80@0.0.0.0/0'] });
    const flap = (): void => {
      h.ec2.revokeOutOfBand(group, ['22@0.0.0.0/0']);
      h.ec2.authorizeOutOfBand(group, ['22@0.0.0.0/0']);
    };
    h.ec2.beforeNext('RevokeSecurityGroupIngress', flap);
    h.ec2.beforeNext('RevokeSecurityGroupIngress', flap);
    const event = changeEvent(group, { ruleParameters: { allowedIngress: '80', allowedCidrs: '0.0.0.0/0' } });
    await h.invoke(event);
    expect(operations().filter((op) => op === 'RevokeSecurityGroupIngress')).toHaveLength(2);
    expect(h.config.latest(group)).toMatchObject({
      ComplianceType: 'NON_COMPLIANT',
      Annotation: 'not reverted (the group changed during 2 rounds of revert; the next evaluation retries); extra tcp:22@0.0.0.0/0',
    });
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:22@0.0.0.0/0', 'tcp:80@0.0.0.0/0']);

    await h.invoke(event);
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:80@0.0.0.0/0']);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT' });
  });
});

describe('case 6: a rule id listed twice', () => {
  it('an allowed rule read twice under one id is one rule: never revoked as its own duplicate', async () => {
    const group = h.ec2.addGroup({ ingress: ['22@0.0.0.0/0', '80@0.0.0.0/0'] });
    const extra = h.ec2.ruleIdOf(group, '22@0.0.0.0/0');
    h.ec2.rewriteNextAnswer<DescribeSecurityGroupRulesCommandOutput>('DescribeSecurityGroupRules', (out) => ({ ...out, SecurityGroupRules: [...(out.SecurityGroupRules ?? []), ...(out.SecurityGroupRules ?? [])] }));
    await h.invoke(changeEvent(group, { ruleParameters: { allowedIngress: '80', allowedCidrs: '0.0.0.0/0' } }));
    expect(h.ec2.ingressOf(group)).toEqual(['tcp:80@0.0.0.0/0']);
    expect(h.ec2.calls.filter((c) => c.operation === 'RevokeSecurityGroupIngress').map((c) => c.input)).toEqual([{ GroupId: group, SecurityGroupRuleIds: [extra] }]);
    expect(h.config.latest(group)).toMatchObject({ ComplianceType: 'COMPLIANT', Annotation: 'reverted; revoked tcp:22@0.0.0.0/0' });
  });
});
