/**
 * What the deploy logic needs from CloudFormation StackSets, in plain data. src/aws/stack-sets.ts
 * implements it over the SDK (adding CallAs to every call); tests may implement it in memory.
 */
import type { OperationPreferences } from './config/config-types';
import type { AccountFilter, ParameterValue } from './plan/plan-types';
import type { StackSetState, StackSetSummary } from './plan/stack-set-state';

export interface StackSetDefinition {
  readonly name: string;
  readonly templateBody: string;
  readonly parameters: readonly ParameterValue[];
  /** ARNs for AutoDeployment.DependsOn. */
  readonly dependsOn: readonly string[];
  /** The Description, which carries the ownership mark. */
  readonly description: string;
}

export interface InstancesRequest {
  readonly stackSet: string;
  readonly ouIds: readonly string[];
  readonly regions: readonly string[];
  /** Only (or all but) these accounts of the OUs; absent: every account. */
  readonly accountFilter?: AccountFilter;
  readonly operationId: string;
  readonly preferences: OperationPreferences;
}

/** ListStackInstances' own account and region filters: `status --account/--region` lists only those. */
export interface InstanceScope {
  readonly account?: string;
  readonly region?: string;
}

export interface ManagedExecutionRequest {
  readonly stackSet: string;
  /** The stack set's current parameter keys, each kept with UsePreviousValue. */
  readonly parameterKeys: readonly string[];
  readonly operationId: string;
  readonly preferences: OperationPreferences;
}

/** `submitted`: a new operation; `already-submitted`: the OperationId exists (a resumed run); `busy`: another operation runs and the stack set does not queue. */
export type SubmitOutcome = 'submitted' | 'already-submitted' | 'busy';

export type OperationStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'STOPPING' | 'STOPPED' | 'QUEUED';
export const TERMINAL_OPERATION_STATUSES: readonly OperationStatus[] = ['SUCCEEDED', 'FAILED', 'STOPPED'];

export interface OperationState {
  readonly status: OperationStatus;
  readonly statusReason: string | undefined;
}

/** One account × region of an operation (ListStackSetOperationResults). */
export interface OperationResult {
  readonly account: string;
  readonly region: string;
  /** PENDING | RUNNING | SUCCEEDED | FAILED | CANCELLED. */
  readonly status: string;
  readonly statusReason: string | undefined;
}

export interface StackSetsPort {
  /** Trusted access between StackSets and Organizations: ENABLED, DISABLED, or UNKNOWN when not allowed to ask. */
  describeOrganizationsAccess(): Promise<'ENABLED' | 'DISABLED' | 'UNKNOWN'>;
  /** The region the stack sets are administered in (the client's, from AWS_REGION / the profile). */
  administrationRegion(): Promise<string | undefined>;
  /** The ACTIVE stack sets, with the Description that carries the ownership mark. */
  listStackSets(): Promise<StackSetSummary[]>;
  /** The stack set's ARN (one DescribeStackSet, no instance listing), or undefined if it does not exist. */
  readStackSetArn(name: string): Promise<string | undefined>;
  /**
   * The stack set with its instances (only those in `scope`, filtered by the service), its exact
   * targets and its newest operation, or undefined if it does not exist.
   */
  readStackSet(name: string, scope?: InstanceScope): Promise<StackSetState | undefined>;
  createStackSet(definition: StackSetDefinition): Promise<void>;
  updateStackSet(definition: StackSetDefinition, operationId: string, preferences: OperationPreferences): Promise<SubmitOutcome>;
  /** Turns managed execution on, keeping the template and every value (UsePreviousTemplate, UsePreviousValue). */
  enableManagedExecution(request: ManagedExecutionRequest): Promise<SubmitOutcome>;
  createStackInstances(request: InstancesRequest): Promise<SubmitOutcome>;
  deleteStackInstances(request: InstancesRequest): Promise<SubmitOutcome>;
  /** Redeploys the instances of `accountIds` inside the OUs (AccountFilterType INTERSECTION), overrides kept. */
  updateStackInstances(request: Omit<InstancesRequest, 'accountFilter'> & { readonly accountIds: readonly string[] }): Promise<SubmitOutcome>;
  deleteStackSet(name: string): Promise<void>;
  detectDrift(stackSet: string, operationId: string): Promise<SubmitOutcome>;
  describeOperation(stackSet: string, operationId: string): Promise<OperationState>;
  listOperationResults(stackSet: string, operationId: string): Promise<OperationResult[]>;
  /** Operations still RUNNING, QUEUED or STOPPING (e.g. left by an interrupted apply). */
  listActiveOperations(stackSet: string): Promise<string[]>;
  /** The instance's ParameterOverrides (usually none: sg-guardrail never sets any). */
  readParameterOverrides(stackSet: string, account: string, region: string): Promise<Record<string, string>>;
}
