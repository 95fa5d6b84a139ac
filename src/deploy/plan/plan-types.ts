/** The plan: what apply will do, as plain JSON-serializable data (printed by plan-render.ts, `--json`). */
import type { CallAs, OperationPreferences } from '../config/config-types';
import type { AggregatorPlan } from './aggregator-types';
import type { StackSetTemplate } from './template-bodies';

export interface PlannedOu {
  readonly id: string;
  readonly path: string;
  /** Accounts a stack set reaches through this OU (its subtree, minus the management account). */
  readonly accounts: number;
}

export interface TargetGroup {
  readonly ous: readonly PlannedOu[];
  readonly regions: readonly string[];
  readonly accounts: number;
}

export type StackSetKind = 'baseline' | 'rule';
export type StackSetAction = 'create' | 'update' | 'unchanged' | 'orphaned' | 'delete';
export type StackSetChange = 'adopt' | 'template' | 'parameters' | 'settings' | 'managed-execution' | 'targets' | 'missing-instances' | 'failed-instances';
/**
 * Why instances are removed: another profile now covers them (`move`), --prune, or an INOPERABLE
 * instance the config wants is deleted to be deployed afresh (`redeploy`).
 */
export type RemovalReason = 'move' | 'prune' | 'redeploy';

/**
 * DeploymentTargets.AccountFilterType with its Accounts: INTERSECTION acts only on the listed accounts
 * of the OUs, DIFFERENCE on all but them (AWS DeploymentTargets; UNION is not supported for creates).
 */
export interface AccountFilter {
  readonly type: 'INTERSECTION' | 'DIFFERENCE';
  readonly accounts: readonly string[];
}

export interface ParameterValue {
  readonly key: string;
  readonly value: string;
  /** The current value when it changes. */
  readonly previous?: string;
}

export interface StackSetPlan {
  readonly name: string;
  readonly kind: StackSetKind;
  /** The profile of a rule stack set (also for an orphaned one: the profile it was made for). */
  readonly profile: string | undefined;
  readonly action: StackSetAction;
  readonly changes: readonly StackSetChange[];
  readonly parameters: readonly ParameterValue[];
  /** The OUs the stack set should target, top-down. */
  readonly targets: readonly PlannedOu[];
  readonly regions: readonly string[];
  readonly accounts: number;
  readonly add: readonly TargetGroup[];
  readonly remove: readonly (TargetGroup & { readonly reason: RemovalReason })[];
  /** Targets no longer in the config, kept because --prune was not given. */
  readonly orphaned: readonly TargetGroup[];
  /** Wider baseline targets the config narrowed, kept even with --prune (see plan-steps.ts diffTargets). */
  readonly narrowed: readonly TargetGroup[];
  /** Targeted OU ids no longer in the organization; nothing is done about them. */
  readonly unknownOus: readonly string[];
  /** Stack instances whose last operation failed or was cancelled; apply deploys them again. */
  readonly retry: readonly AccountRegion[];
  /**
   * Instances the targets should hold but do not (deleted by hand, lost to a wider target's subtree
   * deletion, never deployed): apply creates them again.
   */
  readonly repair: readonly AccountRegion[];
  /** Instances outside every target of the stack set: removed when another profile covers them or with --prune. */
  readonly stray: readonly (AccountRegion & { readonly reason: RemovalReason | 'kept' })[];
  /**
   * INOPERABLE instances the config wants (a deletion failed there): apply deletes them again, then
   * deploys them afresh; `stuck` ones have no OU a deletion could name safely (see the warning).
   */
  readonly inoperable: readonly (AccountRegion & { readonly stuck: boolean })[];
}

export interface AccountRegion {
  readonly account: string;
  readonly region: string;
}

interface StepBase {
  /** Steps run phase by phase; within a phase, stack sets run in parallel, each one's steps in order. */
  readonly phase: number;
  readonly stackSet: string;
}

export type PlanStep =
  | (StepBase & {
      readonly kind: 'create-stack-set';
      readonly template: StackSetTemplate;
      readonly parameters: readonly ParameterValue[];
      /** Name of the stack set whose ARN goes in AutoDeployment.DependsOn. */
      readonly dependsOn: string | undefined;
      /** Carries the ownership mark (ownership.ts). */
      readonly description: string;
    })
  | (StepBase & {
      readonly kind: 'update-stack-set';
      readonly template: StackSetTemplate;
      readonly parameters: readonly ParameterValue[];
      readonly dependsOn: string | undefined;
      readonly description: string;
      readonly operationId: string;
    })
  | (StepBase & {
      /**
       * UpdateStackSet that only turns managed execution on (previous template and values): AWS
       * refuses to change ManagedExecution in the same call as the template or parameters.
       */
      readonly kind: 'enable-managed-execution';
      /** The stack set's current parameter keys, each sent with UsePreviousValue. */
      readonly parameterKeys: readonly string[];
      readonly operationId: string;
    })
  | (StepBase & {
      readonly kind: 'create-instances';
      readonly ouIds: readonly string[];
      readonly regions: readonly string[];
      /** Only the listed accounts of the OUs (repairing missing instances); absent: every account. */
      readonly accountFilter?: AccountFilter;
      readonly accounts: number;
      readonly operationId: string;
    })
  | (StepBase & {
      /**
       * DeleteStackInstances. Without a filter it removes the OUs from the targets and deletes the
       * instances of every account below them, through every child OU (aws-facts H). With INTERSECTION
       * it deletes only the listed accounts' instances, and the plan uses it only on OUs the stack set
       * does not target in those regions. It runs with failure tolerance 0: a later step relies on it.
       */
      readonly kind: 'delete-instances';
      readonly ouIds: readonly string[];
      readonly regions: readonly string[];
      readonly accountFilter?: AccountFilter;
      readonly accounts: number;
      readonly reason: RemovalReason;
      readonly operationId: string;
    })
  | (StepBase & {
      /** UpdateStackInstances for failed instances only (OUs ∩ accounts), without ParameterOverrides. */
      readonly kind: 'retry-instances';
      readonly ouIds: readonly string[];
      readonly accountIds: readonly string[];
      readonly regions: readonly string[];
      readonly accounts: number;
      readonly operationId: string;
    })
  | (StepBase & { readonly kind: 'delete-stack-set' });

export type PlanStepKind = PlanStep['kind'];

export type WarningKind =
  | 'uncovered-accounts'
  | 'no-baseline'
  | 'management-account'
  | 'orphaned'
  | 'baseline-narrowed'
  | 'unknown-ous'
  | 'foreign-stack-set'
  | 'instances-not-current'
  | 'inoperable-instances'
  | 'other-rollout'
  // About the config itself (config-warnings.ts):
  | 'world-open-all'
  | 'wide-port-range'
  | 'skip-ou-not-found'
  | 'skip-ou-outside-profiles';

export interface PlanWarning {
  readonly kind: WarningKind;
  readonly message: string;
  readonly remedy: string;
}

export interface Plan {
  readonly prefix: string;
  readonly callAs: CallAs;
  /** Where the stack sets are administered (AWS_REGION): stack sets of another region are not seen. */
  readonly administrationRegion: string | undefined;
  readonly regions: readonly string[];
  readonly operationPreferences: OperationPreferences;
  readonly prune: boolean;
  /** Unmarked stack sets with the names the config wants are adopted (`--adopt`). */
  readonly adopt: boolean;
  /** sha256 of the template bodies the plan was made with. */
  readonly templates: Readonly<Record<StackSetTemplate, string>>;
  readonly organization: { readonly ous: number; readonly accounts: number };
  readonly stackSets: readonly StackSetPlan[];
  readonly steps: readonly PlanStep[];
  /** The aggregator stack; absent in `destroy`'s stack set passes, which leave it alone. */
  readonly aggregator?: AggregatorPlan;
  readonly warnings: readonly PlanWarning[];
}

/** Every step of the plan: the stack sets' and the aggregator stack's. */
export function planStepCount(plan: Plan): number {
  return plan.steps.length + (plan.aggregator?.steps.length ?? 0);
}

/** The largest number of OUs CreateStackInstances / DeleteStackInstances accept in one call. */
export const MAX_OUS_PER_CALL = 50;
