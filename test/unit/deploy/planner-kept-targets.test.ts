/** Targets the planner keeps on purpose, even with --prune: a narrowed baseline, and OUs gone from the organization. */
import type { Plan, PlanStep } from '../../../src/deploy/plan/plan-types';
import { renderPlan } from '../../../src/deploy/plan/plan-render';
import { planRollout } from '../../../src/deploy/plan/planner';
import type { StackSetState } from '../../../src/deploy/plan/stack-set-state';
import { TEMPLATES, config, deployedAggregator, orgFromPaths, ouId, simulateApply } from './fixtures';

const ORG = orgFromPaths({ 'Root/Workloads': 2, 'Root/Workloads/Mail': 1, 'Root/Workloads/Prod': 3, 'Root/Workloads/Dev': 1, 'Root/Sandbox': 2 });
const BEFORE = `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }`;
const SKIP_MAIL = `regions: [us-east-1]\nbaseline: { skipOus: [Root/Workloads/Mail] }\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }`;

const plan = (yaml: string, current: readonly StackSetState[], prune: boolean): Plan =>
  planRollout({ config: config(yaml), org: ORG, current, aggregatorStack: deployedAggregator(config(yaml)), templates: TEMPLATES, prune });
const applied = (yaml: string, current: readonly StackSetState[] = []): StackSetState[] => simulateApply(plan(yaml, current, false), current, ORG, TEMPLATES);
const summary = (steps: readonly PlanStep[]): string[] =>
  steps.map((s) => `${s.kind} ${s.stackSet}${'ouIds' in s ? ` ${s.ouIds.map((id) => ORG.nodes.get(id)?.path ?? id).join('+')}` : ''}`);

describe('a baseline narrowed by the config', () => {
  it.each([false, true])('keeps the wider target with --prune=%p: deleting it would delete the recorders of the OUs that stay', (prune) => {
    const p = plan(SKIP_MAIL, applied(BEFORE), prune);
    expect(summary(p.steps)).toEqual([]);
    const baseline = p.stackSets.find((s) => s.kind === 'baseline');
    expect(baseline?.narrowed.flatMap((g) => g.ous.map((o) => o.path))).toEqual(['Root/Workloads']);
    expect(baseline?.orphaned).toEqual([]);
    expect(baseline?.remove).toEqual([]);
    const warning = p.warnings.find((w) => w.kind === 'baseline-narrowed');
    expect(warning?.message).toContain('still targets Root/Workloads in us-east-1, though the config now gives it only Root/Workloads/Dev, Root/Workloads/Prod');
    expect(warning?.message).toContain('including the 4 account(s) that stay covered');
    expect(warning?.remedy).toContain(`--deployment-targets OrganizationalUnitIds=${ouId(ORG, 'Root/Workloads')} --regions us-east-1 --no-retain-stacks\``);
    expect(renderPlan(p)).toContain('! narrowed by the config, kept even with --prune');
    expect(renderPlan(p)).toContain('No changes to apply; the wider baseline targets the config narrowed are kept (see the warnings).');
  });

  it('once the wide target is removed by hand, apply adds exactly the narrower targets', () => {
    const removedByHand = applied(BEFORE).map((s) => (s.name === 'sg-guardrail-baseline' ? { ...s, targets: [], instances: [] } : s));
    expect(summary(plan(SKIP_MAIL, removedByHand, false).steps)).toEqual(['create-instances sg-guardrail-baseline Root/Workloads/Dev+Root/Workloads/Prod']);
  });

  it('a rule narrowed with --prune is still removed and re-added (a rule has no state to lose)', () => {
    const narrowed = BEFORE.replace('[Root/Workloads]', '[Root/Workloads/Prod]');
    expect(summary(plan(narrowed, applied(BEFORE), true).steps)).toEqual([
      'delete-instances sg-guardrail-rule-web Root/Workloads',
      'create-instances sg-guardrail-rule-web Root/Workloads/Prod',
    ]);
  });

  it('a baseline OU dropped entirely (nothing of it stays) is still pruned', () => {
    const before = `${BEFORE}\n  sandbox: { allowedIngress: "22", ous: [Root/Sandbox] }`;
    expect(summary(plan(BEFORE, applied(before), true).steps)).toEqual([
      'delete-instances sg-guardrail-baseline Root/Sandbox',
      'delete-instances sg-guardrail-rule-sandbox Root/Sandbox',
      'delete-stack-set sg-guardrail-rule-sandbox',
    ]);
  });
});

describe('an OU deleted from the organization but still targeted', () => {
  const GONE = 'ou-root-gone0000';
  const withGone = (): StackSetState[] => applied(BEFORE).map((s) => ({ ...s, targets: [...s.targets, { ouId: GONE, regions: ['us-east-1'] }] }));

  it.each([false, true])('is left alone with --prune=%p and named in a warning', (prune) => {
    const p = plan(BEFORE, withGone(), prune);
    expect(p.steps).toEqual([]);
    expect(p.stackSets.map((s) => s.unknownOus)).toEqual([[GONE], [GONE]]);
    expect(p.stackSets.map((s) => s.action)).toEqual(['unchanged', 'unchanged']);
    expect(p.warnings.filter((w) => w.kind === 'unknown-ous').map((w) => w.message)).toEqual([
      `stack set sg-guardrail-baseline still lists ${GONE}, no longer in the organization; such an OU reaches no account (its accounts had to leave it before it was deleted), so apply leaves it alone.`,
      `stack set sg-guardrail-rule-web still lists ${GONE}, no longer in the organization; such an OU reaches no account (its accounts had to leave it before it was deleted), so apply leaves it alone.`,
    ]);
    expect(p.warnings.filter((w) => w.kind === 'orphaned')).toEqual([]);
  });
});

describe('a stack set of another prefix whose name looks like one of ours', () => {
  it('is left alone even with --prune: sg-rule-baseline is the baseline of prefix sg-rule, not profile "baseline" of prefix sg', () => {
    const other = applied(`prefix: sg-rule\n${BEFORE}`).find((s) => s.name === 'sg-rule-baseline') as StackSetState;
    // It is marked as prefix sg-rule's, so the reader hands it over as one of the others.
    const p = planRollout({ config: config(`prefix: sg\n${BEFORE}`), org: ORG, current: [], others: [{ name: other.name, description: other.description }], templates: TEMPLATES, prune: true });
    expect(p.stackSets.map((s) => s.name)).toEqual(['sg-baseline', 'sg-rule-web']);
    expect(p.steps.filter((s) => s.stackSet === 'sg-rule-baseline')).toEqual([]);
    expect(p.warnings.find((w) => w.kind === 'foreign-stack-set')?.message).toContain('stack set sg-rule-baseline has a name of this prefix');
    // …and a second rollout in the organization means two recorders per account: said plainly.
    expect(p.warnings.find((w) => w.kind === 'other-rollout')?.message).toContain('another sg-guardrail rollout is in this organization (sg-rule-baseline)');
  });

  it('even when handed over as current (a name the config wants, marked as the other prefix\'s), the plan stops instead of taking it', () => {
    const other = applied(`prefix: sg-rule\n${BEFORE}`).find((s) => s.name === 'sg-rule-baseline') as StackSetState;
    const yaml = `prefix: sg\nregions: [us-east-1]\nprofiles:\n  baseline: { allowedIngress: "443", ous: [Root/Workloads] }`;
    expect(() => planRollout({ config: config(yaml), org: ORG, current: [other], templates: TEMPLATES, prune: true, adopt: true })).toThrow(
      /sg-rule-baseline belongs to the sg-guardrail rollout with prefix "sg-rule".*choose another prefix/,
    );
  });
});
