/**
 * What the config asks for, as stack sets: the baseline and one rule stack set per profile, each with
 * its definition (template, values, DependsOn, ownership mark), the OUs it must target, and the accounts
 * those targets reach. Every desired target deploys to every region of the config.
 */
import type { DeployConfig } from '../config/config-types';
import { baselineTemplateValues, ruleTemplateValues } from '../config/template-values';
import type { OrgIndex } from '../org/org-index';
import { ownershipDescription } from './ownership';
import type { ParameterValue, StackSetKind } from './plan-types';
import { baselineStackSetName, ruleStackSetName } from './stack-set-names';
import type { ResolvedOus, Targets } from './targeting';
import { BASELINE_LABEL, computeBaselineTargets, computeRuleTargets } from './targeting';
import type { StackSetTemplate, TemplateBodies } from './template-bodies';
import { templateParameters } from './template-bodies';

export interface DesiredStackSet {
  readonly name: string;
  readonly kind: StackSetKind;
  readonly profile: string | undefined;
  readonly template: StackSetTemplate;
  readonly parameters: readonly ParameterValue[];
  /** The stack set whose ARN goes in AutoDeployment.DependsOn. */
  readonly dependsOn: string | undefined;
  readonly description: string;
  /** The OUs to target, top-down, each in every region of the config. */
  readonly targets: readonly string[];
  /** The deployable accounts those targets reach: each must hold a CURRENT instance in every region. */
  readonly accounts: ReadonlySet<string>;
}

export interface DesiredState {
  readonly stackSets: readonly DesiredStackSet[];
  readonly ruleTargets: Targets;
  readonly baselineTargets: Targets;
}

export function buildDesiredState(options: { config: DeployConfig; index: OrgIndex; ous: ResolvedOus; templates: TemplateBodies }): DesiredState {
  const { config, index, ous, templates } = options;
  const ruleTargets = computeRuleTargets(index.tree, ous);
  const baselineTargets = computeBaselineTargets(index.tree, ous);
  const baselineName = baselineStackSetName(config.prefix);
  const reached = (targets: readonly string[]): Set<string> => new Set(targets.flatMap((ou) => index.accountsUnder(ou)));
  const baselineOus = baselineTargets.targets.get(BASELINE_LABEL) ?? [];
  const baseline: DesiredStackSet = {
    name: baselineName,
    kind: 'baseline',
    profile: undefined,
    template: 'baseline',
    parameters: templateParameters(templates.baseline, 'baseline', baselineTemplateValues(config)),
    dependsOn: undefined,
    description: ownershipDescription({ prefix: config.prefix, kind: 'baseline', profile: undefined }),
    targets: baselineOus,
    accounts: reached(baselineOus),
  };
  const rules = config.profiles.map((profile): DesiredStackSet => {
    const targets = ruleTargets.targets.get(profile.name) ?? [];
    return {
      name: ruleStackSetName(config.prefix, profile.name),
      kind: 'rule',
      profile: profile.name,
      template: 'rule',
      parameters: templateParameters(templates.rule, 'rule', ruleTemplateValues(config.prefix, profile)),
      dependsOn: baselineName,
      description: ownershipDescription({ prefix: config.prefix, kind: 'rule', profile: profile.name }),
      targets,
      accounts: reached(targets),
    };
  });
  return { stackSets: [baseline, ...rules], ruleTargets, baselineTargets };
}
