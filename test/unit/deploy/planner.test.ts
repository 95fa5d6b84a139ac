import { ConfigError, PlanError } from '../../../src/errors';
import { OPERATION_ID_PATTERN } from '../../../src/deploy/plan/operation-id';
import type { Plan, PlanStep } from '../../../src/deploy/plan/plan-types';
import { planRollout } from '../../../src/deploy/plan/planner';
import type { StackSetState } from '../../../src/deploy/plan/stack-set-state';
import { TEMPLATE_PARAMETER } from '../../../src/template-parameters';
import { MANAGEMENT, TEMPLATES, config, orgFromPaths, ouId, simulateApply } from './fixtures';

const ORG = orgFromPaths({
  'Root/Workloads': 2,
  'Root/Workloads/Mail': 1,
  'Root/Workloads/Prod': 3,
  'Root/Workloads/Dev': 1,
  'Root/Workloads/Dev/Team': 1,
  'Root/Sandbox': 2,
  'Root/ControlTower': 1,
});

const BASE = `
regions: [us-east-1, eu-west-1]
profiles:
  web: { allowedIngress: "80,443", ous: [Root/Workloads] }
  mail: { allowedIngress: "80,443,465,993", mode: report, ous: [Root/Workloads/Mail] }
`;

const plan = (yaml: string, current: readonly StackSetState[] = [], prune = false): Plan =>
  planRollout({ config: config(yaml), org: ORG, current, templates: TEMPLATES, prune });
const targetsOf = (p: Plan, name: string): string[] => p.stackSets.find((s) => s.name === name)?.targets.map((t) => t.path) ?? [];
const stepsOf = (p: Plan, name: string): PlanStep[] => p.steps.filter((s) => s.stackSet === name);
const summary = (p: Plan): string[] =>
  p.steps.map((s) => {
    const paths = 'ouIds' in s ? `${s.ouIds.map((id) => ORG.nodes.get(id)?.path ?? id).join('+')} ${s.regions.join('+')}` : '';
    return `${s.phase} ${s.kind} ${s.stackSet}${paths === '' ? '' : ` ${paths}`}${s.kind === 'delete-instances' ? ` (${s.reason})` : ''}`;
  });
/** plan, pretend apply succeeded, and return the resulting state. */
const applied = (yaml: string, current: readonly StackSetState[] = [], prune = false): StackSetState[] =>
  simulateApply(plan(yaml, current, prune), current, ORG, TEMPLATES);

describe('planRollout targets', () => {
  it.each([
    [
      'nested OUs across profiles: the parent profile gets the largest OUs not holding the child profile',
      BASE,
      { 'sg-guardrail-baseline': ['Root/Workloads'], 'sg-guardrail-rule-web': ['Root/Workloads/Dev', 'Root/Workloads/Prod'], 'sg-guardrail-rule-mail': ['Root/Workloads/Mail'] },
    ],
    [
      'a profile naming a parent and its child is deduplicated',
      `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads/Dev/Team, Root/Workloads, Root/Workloads/Prod] }`,
      { 'sg-guardrail-baseline': ['Root/Workloads'], 'sg-guardrail-rule-web': ['Root/Workloads'] },
    ],
    [
      'three levels: a grandchild of another profile splits both ancestors',
      `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }\n  team: { allowedIngress: "22", ous: [Root/Workloads/Dev/Team] }`,
      { 'sg-guardrail-rule-web': ['Root/Workloads/Mail', 'Root/Workloads/Prod'], 'sg-guardrail-rule-team': ['Root/Workloads/Dev/Team'] },
    ],
    [
      'skipOus remove subtrees from the baseline only',
      `regions: [us-east-1]\nbaseline: { skipOus: [Root/Workloads/Mail, Root/ControlTower] }\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads, Root/ControlTower] }`,
      { 'sg-guardrail-baseline': ['Root/Workloads/Dev', 'Root/Workloads/Prod'], 'sg-guardrail-rule-web': ['Root/ControlTower', 'Root/Workloads'] },
    ],
    [
      'OUs by id and by path mean the same',
      `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [${ouId(ORG, 'Root/Sandbox')}] }`,
      { 'sg-guardrail-rule-web': ['Root/Sandbox'] },
    ],
  ])('%s', (_name, yaml, expected) => {
    const p = plan(yaml);
    for (const [name, paths] of Object.entries(expected)) expect([...targetsOf(p, name)].sort()).toEqual(paths);
  });

  it('warns about accounts directly in a split OU, with the remedy', () => {
    const warning = plan(BASE).warnings.find((w) => w.kind === 'uncovered-accounts');
    expect(warning?.message).toContain('2 account(s) sit directly in Root/Workloads (profile web)');
    expect(warning?.remedy).toContain('move them into a child OU of Root/Workloads');
  });

  it('warns that the management account is never covered when a profile names the root', () => {
    const p = plan(`regions: [us-east-1]\nprofiles:\n  all: { allowedIngress: "443", ous: [Root] }`);
    expect(p.warnings.map((w) => w.kind)).toEqual(['management-account']);
    expect(p.warnings[0]?.message).toContain(MANAGEMENT);
    expect(targetsOf(p, 'sg-guardrail-rule-all')).toEqual(['Root']);
    expect(p.stackSets[1]?.accounts).toBe(ORG.accounts.size - 1);
  });

  it.each([
    ['an unknown path, with the closest existing paths', `profiles:\n  web: { allowedIngress: "443", ous: [Root/Workload] }`, /org\.yaml:profiles\.web\.ous\[0\]: OU "Root\/Workload" does not exist.*did you mean "Root\/Workloads"/],
    [
      'the same OU by id in one profile and by path in another',
      `profiles:\n  web: { allowedIngress: "443", ous: [Root/Sandbox] }\n  mail: { allowedIngress: "25", ous: [${ouId(ORG, 'Root/Sandbox')}] }`,
      /profiles\.web\.ous\[0\]: "Root\/Sandbox" is the same OU as "ou-root-sandboxx" in profile "mail"/,
    ],
  ])('rejects %s', (_name, body, message) => {
    expect(() => plan(`regions: [us-east-1]\n${body}`)).toThrow(ConfigError);
    expect(() => plan(`regions: [us-east-1]\n${body}`)).toThrow(message);
  });
});

describe('planRollout steps', () => {
  it('creates the baseline, then the rules, then instances, phase by phase', () => {
    expect(summary(plan(BASE))).toEqual([
      '2 create-stack-set sg-guardrail-baseline',
      '3 create-stack-set sg-guardrail-rule-mail',
      '3 create-stack-set sg-guardrail-rule-web',
      '4 create-instances sg-guardrail-baseline Root/Workloads eu-west-1+us-east-1',
      '5 create-instances sg-guardrail-rule-mail Root/Workloads/Mail eu-west-1+us-east-1',
      '5 create-instances sg-guardrail-rule-web Root/Workloads/Dev+Root/Workloads/Prod eu-west-1+us-east-1',
    ]);
  });

  it('gives each rule stack set its profile values as its own parameters and DependsOn the baseline', () => {
    const p = plan(BASE);
    const mail = stepsOf(p, 'sg-guardrail-rule-mail')[0];
    expect(mail).toMatchObject({ kind: 'create-stack-set', template: 'rule', dependsOn: 'sg-guardrail-baseline' });
    expect(mail?.kind === 'create-stack-set' ? Object.fromEntries(mail.parameters.map((x) => [x.key, x.value])) : {}).toEqual({
      [TEMPLATE_PARAMETER.allowedIngress]: '80,443,465,993',
      [TEMPLATE_PARAMETER.allowedCidrs]: '0.0.0.0/0,::/0',
      [TEMPLATE_PARAMETER.mode]: 'report',
      [TEMPLATE_PARAMETER.exemptTagKey]: 'sg-guardrail:exempt',
      [TEMPLATE_PARAMETER.scopeTagKey]: '',
      [TEMPLATE_PARAMETER.scopeTagValue]: '',
      [TEMPLATE_PARAMETER.evaluationFrequency]: 'TwentyFour_Hours',
      [TEMPLATE_PARAMETER.logRetentionDays]: '90',
    });
  });

  it('plans nothing for an unchanged second run', () => {
    const second = plan(BASE, applied(BASE));
    expect(second.steps).toEqual([]);
    expect(second.stackSets.map((s) => s.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('is deterministic and derives valid OperationIds', () => {
    const state = applied(BASE);
    const changed = BASE.replace('"80,443"', '"443"');
    expect(plan(changed, state)).toEqual(plan(changed, state));
    for (const step of plan(BASE).steps) {
      const id = 'operationId' in step ? step.operationId : 'x';
      expect(id).toMatch(OPERATION_ID_PATTERN);
    }
  });

  it('changing ports is one UpdateStackSet with the new parameters', () => {
    const changed = BASE.replace('"80,443"', '"443,8443"');
    const p = plan(changed, applied(BASE));
    expect(summary(p)).toEqual(['3 update-stack-set sg-guardrail-rule-web']);
    expect(p.stackSets.find((s) => s.name === 'sg-guardrail-rule-web')?.parameters.find((x) => x.key === TEMPLATE_PARAMETER.allowedIngress)).toEqual({
      key: TEMPLATE_PARAMETER.allowedIngress,
      value: '443,8443',
      previous: '80,443',
    });
  });

  it('changing back to an earlier value gets a new OperationId (ids hash the starting state)', () => {
    const first = applied(BASE);
    const changed = BASE.replace('"80,443"', '"443"');
    const second = applied(changed, first);
    const back = plan(BASE, second).steps[0];
    const forth = plan(changed, first).steps[0];
    expect(back?.kind).toBe('update-stack-set');
    expect(back && 'operationId' in back ? back.operationId : '').not.toBe(forth && 'operationId' in forth ? forth.operationId : '');
  });

  it('a new template is an update of both stack sets', () => {
    const p = planRollout({ config: config(BASE), org: ORG, current: applied(BASE), templates: { ...TEMPLATES, rule: `${TEMPLATES.rule}Description: v2\n` }, prune: false });
    expect(p.stackSets.map((s) => [s.name, s.action, s.changes.join(',')])).toEqual([
      ['sg-guardrail-baseline', 'unchanged', ''],
      ['sg-guardrail-rule-mail', 'update', 'template'],
      ['sg-guardrail-rule-web', 'update', 'template'],
    ]);
  });

  it('adding a region adds instances in that region only, one call per stack set', () => {
    const p = plan(BASE.replace('[us-east-1, eu-west-1]', '[us-east-1, eu-west-1, ap-south-1]'), applied(BASE));
    expect(summary(p)).toEqual([
      '4 create-instances sg-guardrail-baseline Root/Workloads ap-south-1',
      '5 create-instances sg-guardrail-rule-mail Root/Workloads/Mail ap-south-1',
      '5 create-instances sg-guardrail-rule-web Root/Workloads/Dev+Root/Workloads/Prod ap-south-1',
    ]);
  });

  it('moves an OU between profiles: deletes it from the old stack set first, even without --prune', () => {
    const moved = `regions: [us-east-1, eu-west-1]
profiles:
  web: { allowedIngress: "80,443", ous: [Root/Workloads] }
  mail: { allowedIngress: "80,443,465,993", mode: report, ous: [Root/Sandbox] }`;
    const p = plan(moved, applied(BASE));
    expect(summary(p)).toEqual([
      '1 delete-instances sg-guardrail-rule-mail Root/Workloads/Mail eu-west-1+us-east-1 (move)',
      '4 create-instances sg-guardrail-baseline Root/Sandbox eu-west-1+us-east-1',
      '5 create-instances sg-guardrail-rule-mail Root/Sandbox eu-west-1+us-east-1',
      '5 create-instances sg-guardrail-rule-web Root/Workloads eu-west-1+us-east-1',
    ]);
    expect(plan(moved, applied(moved, applied(BASE))).steps).toEqual([]);
  });

  it('splitting a parent for a new child profile removes the parent target first', () => {
    const before = `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }`;
    const after = `${before}\n  mail: { allowedIngress: "25", ous: [Root/Workloads/Mail] }`;
    expect(summary(plan(after, applied(before)))).toEqual([
      '1 delete-instances sg-guardrail-rule-web Root/Workloads us-east-1 (move)',
      '3 create-stack-set sg-guardrail-rule-mail',
      '5 create-instances sg-guardrail-rule-mail Root/Workloads/Mail us-east-1',
      '5 create-instances sg-guardrail-rule-web Root/Workloads/Dev+Root/Workloads/Prod us-east-1',
    ]);
  });

  it.each([
    [false, ['orphaned', 'orphaned'], []],
    [true, ['delete', 'delete'], ['1 delete-instances sg-guardrail-rule-sandbox Root/Sandbox us-east-1 (prune)', '6 delete-stack-set sg-guardrail-rule-sandbox']],
  ])('a removed profile with --prune=%p', (prune, actions, steps) => {
    const before = `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }\n  sandbox: { allowedIngress: "22", ous: [Root/Sandbox] }`;
    const after = `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }`;
    const p = plan(after, applied(before), prune);
    expect([p.stackSets.find((s) => s.name === 'sg-guardrail-rule-sandbox')?.action, prune ? 'delete' : 'orphaned']).toEqual(actions);
    // The baseline keeps Root/Sandbox unless pruned: removing a recorder is never implicit.
    expect(summary(p)).toEqual(prune ? ['1 delete-instances sg-guardrail-baseline Root/Sandbox us-east-1 (prune)', ...steps] : steps);
    expect(p.warnings.filter((w) => w.kind === 'orphaned').length).toBe(prune ? 0 : 2);
  });

  it('a renamed profile moves its OUs to the new stack set without --prune; the old one is left empty and orphaned', () => {
    const before = `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Sandbox] }`;
    const after = before.replace('web:', 'www:');
    const p = plan(after, applied(before));
    expect(summary(p)).toEqual([
      '1 delete-instances sg-guardrail-rule-web Root/Sandbox us-east-1 (move)',
      '3 create-stack-set sg-guardrail-rule-www',
      '5 create-instances sg-guardrail-rule-www Root/Sandbox us-east-1',
    ]);
    expect(p.stackSets.find((s) => s.name === 'sg-guardrail-rule-web')?.action).toBe('orphaned');
  });

  it.each([
    [false, []],
    [true, ['1 delete-instances sg-guardrail-baseline Root/Workloads eu-west-1 (prune)', '1 delete-instances sg-guardrail-rule-mail Root/Workloads/Mail eu-west-1 (prune)', '1 delete-instances sg-guardrail-rule-web Root/Workloads/Dev+Root/Workloads/Prod eu-west-1 (prune)']],
  ])('a removed region is orphaned, and deleted with --prune=%p', (prune, steps) => {
    const p = plan(BASE.replace('[us-east-1, eu-west-1]', '[us-east-1]'), applied(BASE), prune);
    expect(summary(p)).toEqual(steps);
    expect(p.warnings.filter((w) => w.kind === 'orphaned')).toHaveLength(prune ? 0 : 3);
  });

  it('batches at most 50 OUs per CreateStackInstances call', () => {
    const spec: Record<string, number> = { 'Root/Many/Special': 1 };
    for (let i = 0; i < 120; i += 1) spec[`Root/Many/Ou${String(i).padStart(3, '0')}`] = 1;
    const org = orgFromPaths(spec);
    const yaml = `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Many] }\n  special: { allowedIngress: "22", ous: [Root/Many/Special] }`;
    const p = planRollout({ config: config(yaml), org, current: [], templates: TEMPLATES, prune: false });
    const batches = p.steps.filter((s) => s.kind === 'create-instances' && s.stackSet === 'sg-guardrail-rule-web');
    expect(batches.map((s) => ('ouIds' in s ? s.ouIds.length : 0))).toEqual([50, 50, 20]);
    expect(new Set(batches.map((s) => ('operationId' in s ? s.operationId : ''))).size).toBe(3);
  });

  it('refuses a template over the 51,200-byte TemplateBody limit before any call', () => {
    const big = { ...TEMPLATES, rule: `${TEMPLATES.rule}# ${'x'.repeat(51_200)}\n` };
    expect(() => planRollout({ config: config(BASE), org: ORG, current: [], templates: big, prune: false })).toThrow(/the rule template is \d+ bytes; CloudFormation takes at most 51200 bytes/);
  });

  it('refuses a stack set of the prefix that is self-managed', () => {
    const [baseline] = applied(BASE);
    const selfManaged = { ...(baseline as StackSetState), permissionModel: 'SELF_MANAGED' };
    expect(() => plan(BASE, [selfManaged])).toThrow(PlanError);
  });

  it('redeploys failed instances with one UpdateStackInstances per stack set, unless the stack set is updated anyway', () => {
    const state = applied(BASE).map((s) =>
      s.name === 'sg-guardrail-rule-web' ? { ...s, instances: s.instances.map((i, n) => (n < 2 ? { ...i, status: 'OUTDATED', detailedStatus: n === 0 ? 'FAILED' : 'CANCELLED' } : i)) } : s,
    );
    const p = plan(BASE, state);
    expect(summary(p)).toEqual([`5 retry-instances sg-guardrail-rule-web ${[...new Set(state[2]?.instances.slice(0, 2).map((i) => ORG.nodes.get(i.ouId ?? '')?.path))].join('+')} ${[...new Set(state[2]?.instances.slice(0, 2).map((i) => i.region))].sort().join('+')}`]);
    expect(p.stackSets[2]?.changes).toEqual(['failed-instances']);
    expect(summary(plan(BASE.replace('"80,443"', '"443"'), state))).toEqual(['3 update-stack-set sg-guardrail-rule-web']);
  });

  it('warns about stack instances that are not CURRENT', () => {
    const state = applied(BASE).map((s) => ({ ...s, instances: s.instances.map((i) => ({ ...i, status: 'OUTDATED' })) }));
    expect(plan(BASE, state).warnings.filter((w) => w.kind === 'instances-not-current')).toHaveLength(3);
  });
});
