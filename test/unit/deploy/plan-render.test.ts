import { renderPlan } from '../../../src/deploy/plan/plan-render';
import { planRollout } from '../../../src/deploy/plan/planner';
import { TEMPLATE_PARAMETER } from '../../../src/template-parameters';
import { TEMPLATES, config, deployedAggregator, orgFromPaths, simulateApply } from './fixtures';

const ORG = orgFromPaths({ 'Root/Workloads': 1, 'Root/Workloads/Mail': 1, 'Root/Workloads/Prod': 2 });
const YAML = `regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "80,443", ous: [Root/Workloads] }\n  mail: { allowedIngress: "25", ous: [Root/Workloads/Mail] }\n`;

describe('renderPlan', () => {
  it('shows actions, targets with paths and accounts, values, and warnings with remedies', () => {
    const text = renderPlan(planRollout({ config: config(YAML), org: ORG, current: [], templates: TEMPLATES, prune: false }));
    expect(text).toContain('+ create sg-guardrail-rule-web: rule for profile web\n    regions: us-east-1\n    targets: Root/Workloads/Prod — 2 account(s)');
    expect(text).toContain(`    ${TEMPLATE_PARAMETER.allowedIngress} = "80,443"`);
    expect(text).toContain('    + add 1 OU(s) × 1 region(s) [us-east-1], reaching 2 account(s):\n        Root/Workloads/Prod (ou-root-workloadsprod, 2 account(s))');
    expect(text).toContain('+ create sg-guardrail-aggregator: AWS Config organization aggregator stack\n    AggregatorName = "sg-guardrail-organization"\n    AggregatorRegions = "us-east-1"');
    expect(text).toContain('7 step(s), 3 StackSet operation(s), 1 on the aggregator stack.');
    expect(text).toMatch(/Warnings:\n {2}! 1 account\(s\) sit directly in Root\/Workloads \(profile web\).*\n {4}→ move them/);
  });

  it('shows old and new values of an update, and "No changes" when there are none', () => {
    const state = simulateApply(planRollout({ config: config(YAML), org: ORG, current: [], templates: TEMPLATES, prune: false }), [], ORG, TEMPLATES);
    const changed = renderPlan(planRollout({ config: config(YAML.replace('"25"', '"25,587"')), org: ORG, current: state, templates: TEMPLATES, prune: false }));
    expect(changed).toContain('~ update sg-guardrail-rule-mail: rule for profile mail (parameters)');
    expect(changed).toContain(`${TEMPLATE_PARAMETER.allowedIngress} = "25,587"   (was "25")`);
    const unchanged = renderPlan(planRollout({ config: config(YAML), org: ORG, current: state, aggregatorStack: deployedAggregator(config(YAML)), templates: TEMPLATES, prune: false }));
    expect(unchanged).toContain('= unchanged sg-guardrail-aggregator: AWS Config organization aggregator stack\n');
    expect(unchanged).toContain('No changes: the stack sets and the aggregator stack match the config.');
    const without = `${YAML}aggregator: { create: false }\n`;
    expect(renderPlan(planRollout({ config: config(without), org: ORG, current: state, templates: TEMPLATES, prune: false }))).toContain(
      '= no aggregator stack (aggregator.create: false)\n\nNo changes: the stack sets match the config.',
    );
  });
});
