/**
 * The planner: a pure function of (config, organization, current StackSets, template bodies) to the
 * plan apply executes. No I/O; every order is deterministic.
 */
import { PlanError } from '../../errors';
import { TEMPLATE_PARAMETER } from '../../template-parameters';
import type { TemplateParameterName } from '../../template-parameters';
import type { DeployConfig, RuleValues } from '../config/config-types';
import { sha256, stableStringify } from './operation-id';
import type { OrgTree } from '../org/org-tree';
import { countReachableAccounts } from '../org/org-tree';
import type { ParameterValue, Plan, PlanStep, PlanWarning, StackSetKind, StackSetPlan } from './plan-types';
import { buildStackSetSteps, diffTargets } from './plan-steps';
import type { PairMap } from './plan-steps';
import { describeConfigWarnings } from './config-warnings';
import { describeWarnings } from './plan-warnings';
import { baselineStackSetName, partitionStackSets, ruleStackSetName } from './stack-set-names';
import type { StackSetState } from './stack-set-state';
import { currentTargetPairs } from './stack-set-state';
import { BASELINE_LABEL, computeBaselineTargets, computeRuleTargets, resolveConfigOus } from './targeting';
import type { StackSetTemplate, TemplateBodies } from './template-bodies';
import { checkTemplateSizes, sameTemplate, templateParameters } from './template-bodies';

export interface PlanInput {
  readonly config: DeployConfig;
  readonly org: OrgTree;
  /** The stack sets that exist now whose names start with the config's prefix. */
  readonly current: readonly StackSetState[];
  readonly templates: TemplateBodies;
  /** Delete stack instances and stack sets no longer in the config. */
  readonly prune: boolean;
  /** The region the stack sets live in, shown so a run from another region is noticed. */
  readonly administrationRegion?: string;
}

const RULE_PARAMETERS: Readonly<Record<keyof RuleValues, TemplateParameterName>> = {
  allowedIngress: TEMPLATE_PARAMETER.allowedIngress,
  allowedCidrs: TEMPLATE_PARAMETER.allowedCidrs,
  mode: TEMPLATE_PARAMETER.mode,
  exemptTagKey: TEMPLATE_PARAMETER.exemptTagKey,
  scopeTagKey: TEMPLATE_PARAMETER.scopeTagKey,
  scopeTagValue: TEMPLATE_PARAMETER.scopeTagValue,
  evaluationFrequency: TEMPLATE_PARAMETER.evaluationFrequency,
  logRetentionDays: TEMPLATE_PARAMETER.logRetentionDays,
};

interface Desired {
  readonly name: string;
  readonly kind: StackSetKind;
  readonly profile: string | undefined;
  readonly template: StackSetTemplate;
  readonly parameters: readonly ParameterValue[];
  readonly dependsOn: string | undefined;
  readonly pairs: PairMap;
}

export function planRollout(input: PlanInput): Plan {
  const { config, org, templates } = input;
  if (org.featureSet === 'CONSOLIDATED_BILLING') {
    throw new PlanError('the organization has only consolidated billing features; service-managed StackSets need all features.', {
      where: 'organizations:DescribeOrganization',
      fix: 'enable all features in AWS Organizations (Settings → Enable all features), then activate trusted access for StackSets.',
    });
  }
  checkTemplateSizes(templates);
  const ous = resolveConfigOus(config, org);
  const ruleTargets = computeRuleTargets(org, ous);
  const baselineTargets = computeBaselineTargets(org, ous);
  const reach = countReachableAccounts(org);
  const baselineName = baselineStackSetName(config.prefix);
  const toPairs = (ids: readonly string[]): PairMap => new Map(ids.map((id) => [id, new Set(config.regions)]));

  const desired: Desired[] = [
    {
      name: baselineName,
      kind: 'baseline',
      profile: undefined,
      template: 'baseline',
      parameters: templateParameters(templates, 'baseline', {
        [TEMPLATE_PARAMETER.recordingFrequency]: config.baseline.recordingFrequency,
        [TEMPLATE_PARAMETER.existingBucketName]: config.baseline.existingBucketName,
        [TEMPLATE_PARAMETER.existingBucketKeyPrefix]: config.baseline.existingBucketKeyPrefix,
      }),
      dependsOn: undefined,
      pairs: toPairs(baselineTargets.targets.get(BASELINE_LABEL) ?? []),
    },
    ...config.profiles.map((profile): Desired => {
      const values: Record<string, string> = {};
      for (const [field, parameter] of Object.entries(RULE_PARAMETERS)) values[parameter] = String(profile.values[field as keyof RuleValues]);
      return {
        name: ruleStackSetName(config.prefix, profile.name),
        kind: 'rule',
        profile: profile.name,
        template: 'rule',
        parameters: templateParameters(templates, 'rule', values),
        dependsOn: baselineName,
        pairs: toPairs(ruleTargets.targets.get(profile.name) ?? []),
      };
    }),
  ];
  const { managed, foreign } = partitionStackSets(config.prefix, input.current, new Set(desired.map((d) => d.name)));
  const currentByName = new Map(managed.map((s) => [s.name, s]));
  for (const state of currentByName.values()) {
    if (state.permissionModel !== undefined && state.permissionModel !== 'SERVICE_MANAGED') {
      throw new PlanError(`stack set ${state.name} exists with ${state.permissionModel} permissions; sg-guardrail manages only SERVICE_MANAGED stack sets.`, {
        where: state.name,
        fix: `delete that stack set, or choose another prefix in ${config.file}.`,
      });
    }
  }
  const orphanedSets = [...currentByName.values()]
    .filter((s) => !desired.some((d) => d.name === s.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s): Desired => ({
      name: s.name,
      kind: s.name === baselineName ? 'baseline' : 'rule',
      profile: s.name.slice(`${config.prefix}-rule-`.length),
      template: 'rule',
      parameters: [],
      dependsOn: undefined,
      pairs: new Map(),
    }));
  const all = [...desired, ...orphanedSets];
  const desiredRulePairs = new Map(all.filter((d) => d.kind === 'rule').map((d) => [d.name, d.pairs]));
  const baselineArn = currentByName.get(baselineName)?.arn;
  const templateHashes = { baseline: sha256(templates.baseline), rule: sha256(templates.rule) };

  const stackSets: StackSetPlan[] = [];
  const steps: PlanStep[] = [];
  for (const want of all) {
    const state = currentByName.get(want.name);
    const inConfig = desired.includes(want);
    const current = state === undefined ? new Map<string, Set<string>>() : currentTargetPairs(state);
    const diff = diffTargets({
      org,
      reach,
      name: want.name,
      kind: want.kind,
      desired: want.pairs,
      current,
      otherRulePairs: [...desiredRulePairs].filter(([name]) => name !== want.name).map(([, pairs]) => pairs),
      prune: input.prune,
    });
    const changes = inConfig && state !== undefined ? detectChanges({ want, state, templates, baselineArn }) : [];
    const parameters = want.parameters.map((p): ParameterValue => {
      const previous = state?.parameters[p.key];
      return state !== undefined && previous !== p.value ? { ...p, previous: previous ?? '(unset)' } : p;
    });
    if (state !== undefined && diff.add.length + diff.remove.length > 0) changes.push('targets');
    const update = inConfig && state !== undefined && changes.some((c) => c === 'template' || c === 'parameters' || c === 'settings');
    const enableManagedExecution = inConfig && changes.includes('managed-execution');
    // UpdateStackSet redeploys every instance anyway; otherwise failed ones get their own retry.
    const removed = new Set(diff.remove.flatMap((g) => g.ous.flatMap((o) => g.regions.map((r) => `${o.id}/${r}`))));
    const retry =
      !inConfig || state === undefined || update || enableManagedExecution
        ? []
        : state.instances
            .filter((i) => i.status === 'OUTDATED' && (i.detailedStatus === 'FAILED' || i.detailedStatus === 'CANCELLED') && i.ouId !== undefined)
            .filter((i) => !removed.has(`${i.ouId}/${i.region}`))
            .map((i) => ({ ouId: i.ouId as string, account: i.account, region: i.region }));
    if (retry.length > 0) changes.push('failed-instances');
    const deleteSet = !inConfig && input.prune;
    const action = !inConfig ? (deleteSet ? 'delete' : 'orphaned') : state === undefined ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
    const targets = [...want.pairs.keys()].map((id) => ({ id, path: org.nodes.get(id)?.path ?? id, accounts: reach.get(id) ?? 0 }));
    stackSets.push({
      name: want.name,
      kind: want.kind,
      profile: want.profile,
      action,
      changes,
      parameters,
      targets,
      regions: inConfig ? [...config.regions] : [],
      accounts: targets.reduce((sum, t) => sum + t.accounts, 0),
      add: diff.add,
      remove: diff.remove,
      orphaned: diff.orphaned,
      narrowed: diff.narrowed,
      unknownOus: diff.unknownOus,
      retry: retry.map(({ account, region }) => ({ account, region })),
    });
    const before = sha256(
      stableStringify({
        id: state?.id ?? `${want.name}:new`,
        template: state === undefined ? '' : sha256(state.templateBody),
        parameters: state?.parameters ?? {},
        targets: [...current].map(([ou, regions]) => [ou, [...regions].sort()]).sort(),
        // A failed operation changes no definition or target, only its instances' last operation:
        // without them, the redeploy after a failed redeploy would reuse its id and "resume" the failure.
        notCurrent: (state?.instances ?? [])
          .filter((i) => i.status !== 'CURRENT')
          .map((i) => `${i.account}/${i.region}/${i.status}/${i.lastOperationId ?? ''}`)
          .sort(),
      }),
    );
    steps.push(
      ...buildStackSetSteps({
        name: want.name,
        kind: want.kind,
        template: want.template,
        templateHash: templateHashes[want.template],
        parameters: want.parameters,
        dependsOn: want.dependsOn,
        create: inConfig && state === undefined,
        update,
        enableManagedExecution: enableManagedExecution ? Object.keys(state?.parameters ?? {}).sort() : undefined,
        deleteStackSet: deleteSet && diff.orphaned.length === 0,
        diff,
        retry,
        before,
        callAs: config.callAs,
        operationPreferences: config.operation,
      }),
    );
  }
  steps.sort((a, b) => a.phase - b.phase);
  const warnings: PlanWarning[] = [...describeConfigWarnings({ config, org }), ...describeWarnings({ org, config, ruleTargets, baselineTargets, stackSets, current: [...currentByName.values()] })];
  for (const { name } of foreign) {
    warnings.push({
      kind: 'foreign-stack-set',
      message: `stack set ${name} has a name of this prefix's rule stack sets but does not deploy the rule template (no ${TEMPLATE_PARAMETER.allowedIngress} parameter); it is left alone.`,
      remedy: 'nothing to do if it belongs to another prefix (e.g. its baseline); otherwise choose a prefix no other rollout starts with.',
    });
  }
  return {
    prefix: config.prefix,
    callAs: config.callAs,
    administrationRegion: input.administrationRegion,
    regions: [...config.regions],
    operationPreferences: config.operation,
    prune: input.prune,
    templates: templateHashes,
    organization: { ous: org.nodes.size, accounts: org.accounts.size },
    stackSets,
    steps,
    warnings,
  };
}

type ChangeInput = { want: Desired; state: StackSetState; templates: TemplateBodies; /** rule stack sets depend on it */ baselineArn: string | undefined };
function detectChanges({ want, state, templates, baselineArn }: Readonly<ChangeInput>): StackSetPlan['changes'][number][] {
  const changes: StackSetPlan['changes'][number][] = [];
  if (!sameTemplate(state.templateBody, templates[want.template])) changes.push('template');
  if (want.parameters.some((p) => state.parameters[p.key] !== p.value)) changes.push('parameters');
  const auto = state.autoDeployment;
  const dependsOnOk = want.dependsOn === undefined ? (auto?.dependsOn.length ?? 0) === 0 : baselineArn !== undefined && stableStringify(auto?.dependsOn ?? []) === stableStringify([baselineArn]);
  if (auto?.enabled !== true || auto.retainStacksOnAccountRemoval || !dependsOnOk || !state.capabilities.includes('CAPABILITY_IAM')) {
    changes.push('settings');
  }
  if (!state.managedExecutionActive) changes.push('managed-execution');
  return changes;
}
