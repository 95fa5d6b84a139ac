import type { IngressRule } from '../../../../src/ingress-rule';
import { parseAllowedIngress } from '../../../../src/rule-parameters';
import type { GroupFacts } from '../../../../handler/core/decide';
import { ANNOTATION_MAX, buildAnnotation, driftLeft, NO_PROGRESS, notApplicable, planGroup, revertedVerdict, unrevertedVerdict } from '../../../../handler/core/decide';
import type { LiveRule } from '../../../../handler/core/live-rule';
import { groupLiveRules } from '../../../../handler/core/live-rule';
import { liveRules } from '../live-rule-fixtures';

const KEY = 'sg-guardrail:exempt';
const NOW = new Date('2026-06-15T12:00:00Z');
const rules = (text: string, cidrs = ['0.0.0.0/0', '::/0']): IngressRule[] => parseAllowedIngress(text, cidrs);
const live = (text: string, cidrs?: string[]): LiveRule[] => liveRules(text, cidrs);

function facts(over: Partial<GroupFacts> & { liveText?: string; liveCidrs?: string[] } = {}): GroupFacts {
  return {
    mode: 'enforce',
    matching: 'exact',
    allowed: rules('80,443'),
    exemptTagKey: KEY,
    tags: new Map(),
    actual: groupLiveRules(live(over.liveText ?? '80,443', over.liveCidrs)),
    now: NOW,
    ...over,
  };
}

describe('planGroup', () => {
  it('in sync: COMPLIANT without annotation', () => {
    expect(planGroup(facts())).toEqual({ kind: 'verdict', verdict: { compliance: 'COMPLIANT', revoked: [], added: [] } });
  });

  it('exempt group: NOT_APPLICABLE even when drifted', () => {
    const plan = planGroup(facts({ liveText: '22', tags: new Map([[KEY, '2026-12-31']]) }));
    expect(plan).toEqual({ kind: 'verdict', verdict: { compliance: 'NOT_APPLICABLE', annotation: `exempt by tag ${KEY} until 2027-01-01T00:00:00.000Z`, revoked: [], added: [] } });
  });

  it('expired exemption: evaluated again and the annotation says so', () => {
    const plan = planGroup(facts({ tags: new Map([[KEY, '2026-01-31']]) }));
    expect(plan).toEqual({ kind: 'verdict', verdict: { compliance: 'COMPLIANT', annotation: `exemption ${KEY} expired 2026-02-01T00:00:00.000Z`, revoked: [], added: [] } });
  });

  it('report mode: NON_COMPLIANT naming extra and missing rules, no revert', () => {
    const plan = planGroup(facts({ mode: 'report', liveText: '80,22', liveCidrs: ['0.0.0.0/0'] }));
    expect(plan).toEqual({
      kind: 'verdict',
      verdict: { compliance: 'NON_COMPLIANT', annotation: 'report mode; extra tcp:22@0.0.0.0/0; missing tcp:443@0.0.0.0/0, tcp:443@::/0, tcp:80@::/0', revoked: [], added: [] },
    });
  });

  it('enforce mode and drift: a revert plan with the exact diff', () => {
    const plan = planGroup(facts({ liveText: '80,22', liveCidrs: ['0.0.0.0/0'], tags: new Map([[KEY, '2026-02-30']]) }));
    expect(plan.kind).toBe('revert');
    if (plan.kind !== 'revert') return;
    expect(plan.note).toBe(`exemption ${KEY}="2026-02-30" ignored: not a date in an accepted form (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (or ±hh:mm))`);
    expect(plan.diff.toAuthorize).toEqual(rules('443,80@::/0'));
    expect(plan.diff.toRevoke.map((e) => e.ruleIds)).toEqual([['sgr-0']]);
  });
});

describe('planGroup with ceiling matching', () => {
  it('a group holding less than the allowed set is COMPLIANT: nothing is missing under a ceiling', () => {
    expect(planGroup(facts({ matching: 'ceiling', liveText: '80', liveCidrs: ['0.0.0.0/0'] }))).toEqual({ kind: 'verdict', verdict: { compliance: 'COMPLIANT', revoked: [], added: [] } });
  });

  it('report mode names only what is outside the set', () => {
    const plan = planGroup(facts({ matching: 'ceiling', mode: 'report', liveText: '80,22', liveCidrs: ['0.0.0.0/0'] }));
    expect(plan).toMatchObject({ kind: 'verdict', verdict: { compliance: 'NON_COMPLIANT', annotation: 'report mode; extra tcp:22@0.0.0.0/0' } });
  });

  it('enforce mode plans revokes only', () => {
    const plan = planGroup(facts({ matching: 'ceiling', liveText: '80,22', liveCidrs: ['0.0.0.0/0'] }));
    expect(plan.kind === 'revert' && { add: plan.diff.toAuthorize, revoke: plan.diff.toRevoke.map((e) => e.ruleIds) }).toEqual({ add: [], revoke: [['sgr-0']] });
  });
});

describe('verdicts after a revert', () => {
  const plan = planGroup(facts({ liveText: '80,22,3389', liveCidrs: ['0.0.0.0/0'] }));
  if (plan.kind !== 'revert') throw new TypeError('expected a revert plan');

  it('reverted: COMPLIANT naming what was revoked and added, carried for the log line', () => {
    const progress = { added: rules('443,80@::/0'), revoked: rules('22,3389', ['0.0.0.0/0']) };
    expect(revertedVerdict(undefined, progress)).toEqual({
      compliance: 'COMPLIANT',
      annotation: 'reverted; revoked tcp:22@0.0.0.0/0, tcp:3389@0.0.0.0/0; added tcp:443@0.0.0.0/0, tcp:443@::/0, tcp:80@::/0',
      ...progress,
    });
  });

  it('nothing left to do at the read (someone fixed it meanwhile): COMPLIANT without "reverted"', () => {
    expect(revertedVerdict('exemption x expired 2026-01-01T00:00:00.000Z', NO_PROGRESS)).toEqual({ compliance: 'COMPLIANT', annotation: 'exemption x expired 2026-01-01T00:00:00.000Z', revoked: [], added: [] });
  });

  it.each<[string, { added: IngressRule[]; revoked: IngressRule[] }, string]>([
    [
      'failed after adding',
      { added: rules('443,80@::/0'), revoked: [] },
      'partly reverted (UnauthorizedOperation: denied); extra tcp:22@0.0.0.0/0, tcp:3389@0.0.0.0/0',
    ],
    [
      'failed after revoking',
      { added: [], revoked: rules('22', ['0.0.0.0/0']) },
      'partly reverted (UnauthorizedOperation: denied); extra tcp:3389@0.0.0.0/0; missing tcp:443@0.0.0.0/0, tcp:443@::/0, tcp:80@::/0',
    ],
    [
      'failed with nothing done',
      { added: [], revoked: [] },
      'not reverted (UnauthorizedOperation: denied); extra tcp:22@0.0.0.0/0, tcp:3389@0.0.0.0/0; missing tcp:443@0.0.0.0/0, tcp:443@::/0, tcp:80@::/0',
    ],
  ])('unreverted, %s: NON_COMPLIANT with what is left', (_name, progress, annotation) => {
    const verdict = unrevertedVerdict({ why: 'UnauthorizedOperation: denied', progress, left: driftLeft(plan.diff, progress) });
    expect(verdict).toEqual({ compliance: 'NON_COMPLIANT', annotation, ...progress });
  });
});

describe('buildAnnotation', () => {
  it.each<[string, (string | undefined)[], string | undefined]>([
    ['nothing', [], undefined],
    ['skips empty parts', [undefined, 'a', '', 'b'], 'a; b'],
    ['exactly 256 kept', ['x'.repeat(ANNOTATION_MAX)], 'x'.repeat(ANNOTATION_MAX)],
    ['257 cut with an ellipsis', ['x'.repeat(ANNOTATION_MAX + 1)], `${'x'.repeat(ANNOTATION_MAX - 1)}…`],
  ])('%s', (_name, parts, expected) => {
    expect(buildAnnotation(parts)).toBe(expected);
  });

  it('cuts a long list of revoked rules at 256 characters', () => {
    const many = rules(Array.from({ length: 60 }, (_, i) => String(1000 + i)).join(','), ['0.0.0.0/0']);
    const verdict = revertedVerdict(undefined, { added: [], revoked: many });
    expect([...(verdict.annotation ?? '')]).toHaveLength(ANNOTATION_MAX);
    expect(verdict.annotation).toMatch(/^reverted; revoked tcp:1000@0\.0\.0\.0\/0, tcp:1001@.*…$/);
  });

  it('counts UTF-16 units (the stricter count) and never splits a surrogate pair', () => {
    const text = buildAnnotation(['😀'.repeat(ANNOTATION_MAX)]) ?? '';
    expect(text.length).toBeLessThanOrEqual(ANNOTATION_MAX);
    expect(text).toBe(`${'😀'.repeat(127)}…`);
  });
});

describe('notApplicable', () => {
  it('gives NOT_APPLICABLE with the reason', () => {
    expect(notApplicable('resource deleted (ResourceDeleted)')).toEqual({ compliance: 'NOT_APPLICABLE', annotation: 'resource deleted (ResourceDeleted)', revoked: [], added: [] });
  });
});
