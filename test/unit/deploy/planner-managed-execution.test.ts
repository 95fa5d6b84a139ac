/** A stack set whose managed execution was turned off: AWS takes that change only in its own UpdateStackSet. */
import type { PlanStep } from '../../../src/deploy/plan/plan-types';
import { planRollout } from '../../../src/deploy/plan/planner';
import type { StackSetState } from '../../../src/deploy/plan/stack-set-state';
import { TEMPLATES, config, orgFromPaths, simulateApply } from './fixtures';

const ORG = orgFromPaths({ 'Root/Workloads': 2 });
const YAML = `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/Workloads] }`;
const plan = (yaml: string, current: readonly StackSetState[]) => planRollout({ config: config(yaml), org: ORG, current, templates: TEMPLATES, prune: false });
const kinds = (steps: readonly PlanStep[]): string[] => steps.map((s) => `${s.phase} ${s.kind} ${s.stackSet}`);
const withoutManagedExecution = (): StackSetState[] =>
  simulateApply(plan(YAML, []), [], ORG, TEMPLATES).map((s) => (s.name === 'sg-guardrail-rule-web' ? { ...s, managedExecutionActive: false } : s));

describe('managed execution turned off on an existing stack set', () => {
  it('is turned on by its own step, with the current parameter keys kept', () => {
    const p = plan(YAML, withoutManagedExecution());
    expect(kinds(p.steps)).toEqual(['3 enable-managed-execution sg-guardrail-rule-web']);
    const step = p.steps[0];
    expect(step?.kind === 'enable-managed-execution' ? step.parameterKeys : []).toEqual(Object.keys(withoutManagedExecution()[1]?.parameters ?? {}).sort());
    expect(p.stackSets.find((s) => s.name === 'sg-guardrail-rule-web')?.changes).toEqual(['managed-execution']);
  });

  it('comes before a parameter update of the same stack set, which no longer carries ManagedExecution', () => {
    const p = plan(YAML.replace('"443"', '"443,8443"'), withoutManagedExecution());
    expect(kinds(p.steps)).toEqual(['3 enable-managed-execution sg-guardrail-rule-web', '3 update-stack-set sg-guardrail-rule-web']);
    expect(p.stackSets.find((s) => s.name === 'sg-guardrail-rule-web')?.changes).toEqual(['parameters', 'managed-execution']);
  });
});
