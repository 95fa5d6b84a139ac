/** The plan: what apply will do, as plain JSON-serializable data (printed by plan-render.ts, `--json`). */
import type { CallAs, OperationPreferences } from '../config/config-types';
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
export type StackSetChange = 'template' | 'parameters' | 'settings' | 'managed-execution' | 'targets' | 'failed-instances';
export type RemovalReason = 'move' | 'prune';

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
  readonly retry: readonly { readonly account: string; readonly region: string }[];
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
    })
  | (StepBase & {
      readonly kind: 'update-stack-set';
      readonly template: StackSetTemplate;
      readonly parameters: readonly ParameterValue[];
      readonly dependsOn: string | undefined;
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
      readonly accounts: number;
      readonly operationId: string;
    })
  | (StepBase & {
      readonly kind: 'delete-instances';
      readonly ouIds: readonly string[];
      readonly regions: readonly string[];
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
  /** sha256 of the template bodies the plan was made with. */
  readonly templates: Readonly<Record<StackSetTemplate, string>>;
  readonly organization: { readonly ous: number; readonly accounts: number };
  readonly stackSets: readonly StackSetPlan[];
  readonly steps: readonly PlanStep[];
  readonly warnings: readonly PlanWarning[];
}

/** The largest number of OUs CreateStackInstances / DeleteStackInstances accept in one call. */
export const MAX_OUS_PER_CALL = 50;
