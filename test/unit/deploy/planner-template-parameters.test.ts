/**
 * The planner sends only the parameters a template declares (so `--templates DIR` with other
 * templates still plans), which means a parameter renamed on one side would be dropped silently and
 * the template's default would stand in for the profile's value. Against the real templates, every
 * declared parameter must get the config's value.
 */
import { renderTemplateJson } from '../../../src/build/render-template';
import { planRollout } from '../../../src/deploy/plan/planner';
import { declaredParameters } from '../../../src/deploy/plan/template-bodies';
import type { TemplateBodies } from '../../../src/deploy/plan/template-bodies';
import { AGGREGATOR_PARAMETER, TEMPLATE_PARAMETER } from '../../../src/template-parameters';
import { buildTemplate } from '../../../templates/index';
import { config, orgFromPaths } from './fixtures';

const TEMPLATES: TemplateBodies = {
  baseline: renderTemplateJson(buildTemplate('baseline', { handlerCode: '' })),
  rule: renderTemplateJson(buildTemplate('rule', { handlerCode: 'exports.handler=async()=>{};' })),
  aggregator: renderTemplateJson(buildTemplate('aggregator', { handlerCode: '' })),
};

const plan = planRollout({
  config: config(`
regions: [us-east-1, eu-west-1]
aggregator: { name: org-view }
baseline: { recordingFrequency: DAILY, existingBucketName: central-config, existingBucketKeyPrefix: o-abc123 }
profiles:
  web: { allowedIngress: "443", allowedCidrs: "10.0.0.0/8", mode: report, matching: ceiling, exemptTagKey: x, scopeTagKey: team, scopeTagValue: web, evaluationFrequency: One_Hour, logRetentionDays: 30, ous: [Root/Workloads] }
`),
  org: orgFromPaths({ 'Root/Workloads': 1 }),
  current: [],
  templates: TEMPLATES,
  prune: false,
});
const sent = (name: string): Record<string, string> =>
  Object.fromEntries((plan.stackSets.find((s) => s.name === name)?.parameters ?? []).map((p) => [p.key, p.value]));

describe('the planner against the real templates', () => {
  it('sets every rule parameter from the profile', () => {
    const declared = declaredParameters(TEMPLATES.rule, 'rule').map((p) => p.name).sort();
    expect(Object.keys(sent('sg-guardrail-rule-web')).sort()).toEqual(declared);
    expect(sent('sg-guardrail-rule-web')).toEqual({
      [TEMPLATE_PARAMETER.allowedIngress]: '443',
      [TEMPLATE_PARAMETER.allowedCidrs]: '10.0.0.0/8',
      [TEMPLATE_PARAMETER.mode]: 'report',
      [TEMPLATE_PARAMETER.matching]: 'ceiling',
      [TEMPLATE_PARAMETER.exemptTagKey]: 'x',
      [TEMPLATE_PARAMETER.scopeTagKey]: 'team',
      [TEMPLATE_PARAMETER.scopeTagValue]: 'web',
      [TEMPLATE_PARAMETER.evaluationFrequency]: 'One_Hour',
      [TEMPLATE_PARAMETER.logRetentionDays]: '30',
      [TEMPLATE_PARAMETER.configRuleName]: 'sg-guardrail-web',
    });
  });

  it('sets every baseline parameter from the config', () => {
    const declared = declaredParameters(TEMPLATES.baseline, 'baseline').map((p) => p.name);
    expect(declared.filter((p) => !(p in sent('sg-guardrail-baseline')))).toEqual([]);
    expect(sent('sg-guardrail-baseline')).toEqual({
      [TEMPLATE_PARAMETER.recordingFrequency]: 'DAILY',
      [TEMPLATE_PARAMETER.existingBucketName]: 'central-config',
      [TEMPLATE_PARAMETER.existingBucketKeyPrefix]: 'o-abc123',
    });
  });

  it('sets every aggregator parameter from the config: its name, and the rollout\'s regions', () => {
    expect(plan.aggregator?.action).toBe('create');
    const step = plan.aggregator?.steps[0];
    const values = Object.fromEntries((step?.kind === 'create-stack' ? step.parameters : []).map((p) => [p.key, p.value]));
    expect(Object.keys(values)).toEqual(declaredParameters(TEMPLATES.aggregator ?? '', 'aggregator').map((p) => p.name));
    expect(values).toEqual({ [AGGREGATOR_PARAMETER.name]: 'org-view', [AGGREGATOR_PARAMETER.regions]: 'eu-west-1,us-east-1' });
  });
});
