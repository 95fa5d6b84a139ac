/** The request shapes the StackSets adapter sends, as pure functions of plain data (CallAs on each). */
import type { CreateStackSetInput, DeploymentTargets, StackSetOperationPreferences, UpdateStackSetInput } from '@aws-sdk/client-cloudformation';
import type { CallAs, OperationPreferences } from '../deploy/config/config-types';
import type { InstancesRequest, ManagedExecutionRequest, StackSetDefinition } from '../deploy/stack-sets-port';

/** Templates with unnamed IAM roles need CAPABILITY_IAM (named ones would need CAPABILITY_NAMED_IAM). */
export const CAPABILITIES = ['CAPABILITY_IAM' as const];

/** Operations that still hold the stack set (ListStackSetOperations); QUEUED is managed execution's queue. */
export const ACTIVE_OPERATION_STATUSES: ReadonlySet<string> = new Set(['RUNNING', 'QUEUED', 'STOPPING']);

export function toSdkPreferences(p: OperationPreferences): StackSetOperationPreferences {
  return {
    RegionConcurrencyType: p.regionConcurrencyType,
    MaxConcurrentPercentage: p.maxConcurrentPercentage,
    FailureTolerancePercentage: p.failureTolerancePercentage,
    ConcurrencyMode: p.concurrencyMode,
  };
}

/**
 * What CreateStackSet and UpdateStackSet both send: the whole definition, so an update also repairs
 * drifted settings. Not ManagedExecution: AWS refuses it beside a template or parameter update.
 */
export function definitionInput(d: StackSetDefinition, callAs: CallAs): CreateStackSetInput & UpdateStackSetInput {
  return {
    StackSetName: d.name,
    TemplateBody: d.templateBody,
    Parameters: d.parameters.map((p) => ({ ParameterKey: p.key, ParameterValue: p.value })),
    Capabilities: CAPABILITIES,
    PermissionModel: 'SERVICE_MANAGED',
    // New accounts in a targeted OU get the stack set's own values (A2) and, through DependsOn, the
    // baseline (Config recorder) before the rule.
    AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false, ...(d.dependsOn.length > 0 ? { DependsOn: [...d.dependsOn] } : {}) },
    // The ownership mark: apply touches only stack sets that carry its prefix's (ownership.ts).
    Description: d.description,
    CallAs: callAs,
  };
}

/**
 * Turns managed execution on and changes nothing else (AWS: "Cannot update ManagedExecution while
 * updating StackSet Template or Parameters"); a template or value update follows as its own call.
 */
export function managedExecutionInput(r: ManagedExecutionRequest, callAs: CallAs): UpdateStackSetInput {
  return {
    StackSetName: r.stackSet,
    UsePreviousTemplate: true,
    Parameters: r.parameterKeys.map((key) => ({ ParameterKey: key, UsePreviousValue: true })),
    Capabilities: CAPABILITIES,
    ManagedExecution: { Active: true },
    OperationPreferences: toSdkPreferences(r.preferences),
    OperationId: r.operationId,
    CallAs: callAs,
  };
}

/** DeploymentTargets of a create or delete: the OUs, narrowed to (all but) some accounts when asked. */
export function deploymentTargets(r: InstancesRequest): DeploymentTargets {
  return r.accountFilter === undefined
    ? { OrganizationalUnitIds: [...r.ouIds] }
    : { OrganizationalUnitIds: [...r.ouIds], Accounts: [...r.accountFilter.accounts], AccountFilterType: r.accountFilter.type };
}

/** The fields every stack-instance operation sends. */
export function instancesInput(r: Omit<InstancesRequest, 'accountFilter'>, callAs: CallAs): { StackSetName: string; Regions: string[]; OperationPreferences: StackSetOperationPreferences; OperationId: string; CallAs: CallAs } {
  return { StackSetName: r.stackSet, Regions: [...r.regions], OperationPreferences: toSdkPreferences(r.preferences), OperationId: r.operationId, CallAs: callAs };
}
