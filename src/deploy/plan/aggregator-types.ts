/**
 * The aggregator stack's section of the plan: one plain CloudFormation stack in the account and
 * region the rollout runs from. It sits beside the stack set steps, outside the proof (which is about
 * stack sets across the organization): its own steps run after them.
 */
import type { ParameterValue } from './plan-types';

/**
 * `recreate`: a failed create (ROLLBACK_COMPLETE) is deleted, then created again; `kept`: the config no
 * longer creates it and --prune was not given; `busy`: CloudFormation is working on it (apply waits
 * first); `none`: no stack of this rollout's (with `foreign`, one of that name that is not).
 */
export type AggregatorAction = 'create' | 'update' | 'unchanged' | 'recreate' | 'kept' | 'delete' | 'busy' | 'none';
export type AggregatorChange = 'adopt' | 'template' | 'parameters';

export type AggregatorStep =
  | {
      readonly kind: 'create-stack' | 'update-stack';
      readonly stackName: string;
      readonly parameters: readonly ParameterValue[];
      /** Every tag the stack gets, the ownership tag included. */
      readonly tags: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: 'delete-stack';
      readonly stackName: string;
      /** Exactly the stack that was read (a name could meanwhile name another). */
      readonly stackId: string;
      readonly reason: 'failed-create' | 'prune' | 'destroy';
    };

export type AggregatorStepKind = AggregatorStep['kind'];

export interface AggregatorPlan {
  readonly stackName: string;
  readonly action: AggregatorAction;
  readonly changes: readonly AggregatorChange[];
  /** The values the stack gets, with `previous` where an update changes them. */
  readonly parameters: readonly ParameterValue[];
  /** The stack's status now, when one exists. */
  readonly status: string | undefined;
  readonly statusReason: string | undefined;
  /** A stack of that name exists that is not this rollout's, and the config does not want one. */
  readonly foreign: boolean;
  readonly steps: readonly AggregatorStep[];
}
