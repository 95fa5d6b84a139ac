/**
 * The revert-and-verify rounds over a scripted adapter: every branch of handler/revert-group.ts,
 * including those no EC2 fake reaches easily (a restore that fails, a group gone mid-way).
 */
import type { IngressRule } from '../../../src/ingress-rule';
import { formatRule } from '../../../src/ingress-rule';
import type { AwsAdapter, RuleRead } from '../../../handler/aws-port';
import type { RevertOutcome } from '../../../handler/core/decide';
import { planGroup } from '../../../handler/core/decide';
import type { RuleDiff } from '../../../handler/core/diff';
import type { LiveRule } from '../../../handler/core/live-rule';
import { groupLiveRules } from '../../../handler/core/live-rule';
import { revertGroup } from '../../../handler/revert-group';
import { liveRules, rulesOf } from './live-rule-fixtures';

const GROUP = 'sg-0123456789abcdef0';
const FACTS = { mode: 'enforce', matching: 'exact', allowed: rulesOf('80', ['0.0.0.0/0']), exemptTagKey: 'x', tags: new Map<string, string>(), now: new Date(0) } as const;

/** An adapter answering from scripts, recording the diffs it was asked to apply. */
function scripted(reads: RuleRead[], reverts: RevertOutcome[]): { adapter: AwsAdapter; asked: RuleDiff[] } {
  const asked: RuleDiff[] = [];
  const next = <T>(list: T[], what: string): T => {
    const item = list.shift();
    if (item === undefined) throw new TypeError(`unexpected ${what}`);
    return item;
  };
  const adapter: AwsAdapter = {
    describeGroup: async () => undefined,
    listGroupPages: () => ({ [Symbol.asyncIterator]: async function* () {} }),
    readRules: async () => next(reads, 'read'),
    revert: async (_groupId, diff) => {
      asked.push(diff);
      return next(reverts, 'revert');
    },
    putEvaluations: async () => undefined,
  };
  return { adapter, asked };
}

const read = (text: string): RuleRead => ({ status: 'read', rules: liveRules(text, ['0.0.0.0/0']) });
const revoked = (ids: string[], rules: LiveRule[], returned = true): { requestedIds: string[]; returned: boolean; rules: LiveRule[] } => ({ requestedIds: ids, returned, rules });
const tcp = (ruleId: string, port: number): LiveRule => ({ ruleId, protocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: '0.0.0.0/0' });
const texts = (rules: readonly IngressRule[]): string[] => rules.map(formatRule);

function start(text: string): { diff: RuleDiff } {
  const plan = planGroup({ ...FACTS, actual: groupLiveRules(liveRules(text, ['0.0.0.0/0']).map(({ ruleId: _, ...rule }) => rule)) });
  if (plan.kind !== 'revert') throw new TypeError('expected drift');
  return { diff: plan.diff };
}

describe('revertGroup', () => {
  it('an unconfirmed revoke is followed by a read; a later read in sync is COMPLIANT naming what that read confirmed', async () => {
    const { adapter } = scripted([read('22,80'), { status: 'read', rules: [tcp('sgr-1', 80)] }], [{ status: 'reverted', added: [], revoke: revoked(['sgr-0'], []) }]);
    await expect(revertGroup({ groupId: GROUP, facts: FACTS, ...start('22,80'), adapter })).resolves.toMatchObject({ compliance: 'COMPLIANT', annotation: 'reverted; revoked tcp:22@0.0.0.0/0' });
  });

  it('reads the ids, reverts, and is COMPLIANT when EC2 confirms every id', async () => {
    const { adapter, asked } = scripted([read('22,80')], [{ status: 'reverted', added: [], revoke: revoked(['sgr-0'], [tcp('sgr-0', 22)]) }]);
    const verdict = await revertGroup({ groupId: GROUP, facts: FACTS, ...start('22,80'), adapter });
    expect(asked.map((d) => d.toRevoke.flatMap((e) => e.ruleIds))).toEqual([['sgr-0']]);
    expect(verdict).toMatchObject({ compliance: 'COMPLIANT', annotation: 'reverted; revoked tcp:22@0.0.0.0/0' });
  });

  it('a denied read: NON_COMPLIANT with the reason and the drift of the snapshot', async () => {
    const { adapter } = scripted([{ status: 'failed', reason: 'UnauthorizedOperation: no' }], []);
    const verdict = await revertGroup({ groupId: GROUP, facts: FACTS, ...start('22,80'), adapter });
    expect(verdict).toMatchObject({ compliance: 'NON_COMPLIANT', annotation: 'not reverted (UnauthorizedOperation: no); extra tcp:22@0.0.0.0/0' });
  });

  it('an allowed rule revoked under a reused id whose restore is denied: NON_COMPLIANT naming it missing', async () => {
    const { adapter, asked } = scripted(
      [read('22,80')],
      [
        { status: 'reverted', added: [], revoke: revoked(['sgr-0'], [tcp('sgr-0', 80)]) },
        { status: 'failed', reason: 'UnauthorizedOperation: no', added: [] },
      ],
    );
    const verdict = await revertGroup({ groupId: GROUP, facts: FACTS, ...start('22,80'), adapter });
    expect(texts(asked[1]?.toAuthorize ?? [])).toEqual(['tcp:80@0.0.0.0/0']);
    expect(verdict).toMatchObject({
      compliance: 'NON_COMPLIANT',
      annotation: 'partly reverted (an allowed rule revoked in a race could not be added back: UnauthorizedOperation: no); missing tcp:80@0.0.0.0/0',
    });
  });

  it('an allowed rule revoked by a revoke that then failed is still added back first', async () => {
    const { adapter, asked } = scripted(
      [read('22,80')],
      [
        { status: 'failed', reason: 'RulesPerSecurityGroupLimitExceeded: full', added: [], revoke: revoked(['sgr-0'], [tcp('sgr-0', 80)]) },
        { status: 'reverted', added: rulesOf('80', ['0.0.0.0/0']) },
      ],
    );
    const verdict = await revertGroup({ groupId: GROUP, facts: FACTS, ...start('22,80'), adapter });
    expect(asked).toHaveLength(2);
    expect(verdict).toMatchObject({ compliance: 'NON_COMPLIANT', added: rulesOf('80', ['0.0.0.0/0']) });
  });

  it.each<[string, RevertOutcome[]]>([
    ['during the revert', [{ status: 'group-not-found' }]],
    ['during the restore', [{ status: 'reverted', added: [], revoke: revoked(['sgr-0'], [tcp('sgr-0', 80)]) }, { status: 'group-not-found' }]],
  ])('the group deleted %s: NOT_APPLICABLE', async (_name, outcomes) => {
    const { adapter } = scripted([read('22,80')], outcomes);
    await expect(revertGroup({ groupId: GROUP, facts: FACTS, ...start('22,80'), adapter })).resolves.toMatchObject({ compliance: 'NOT_APPLICABLE', annotation: 'security group no longer exists' });
  });
});
