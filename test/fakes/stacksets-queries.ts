/**
 * The read-only StackSets commands, answering in the SDK's response shapes. List* operations
 * paginate (MaxResults 1–100, default 100 unless the fake is configured otherwise; a NextToken not
 * issued for the same listing → ValidationError), and honour the fake's page shape (empty and short
 * pages). ListStackSets without a Status filter also lists DELETED stack sets, as AWS does — filter
 * on ACTIVE. ListStackSetOperations lists newest first. DescribeStackSet returns every template
 * parameter with the stack set's value (or the template default).
 */
import { StackInstanceNotFoundException } from '@aws-sdk/client-cloudformation';
import { cfnValidationError, sdkError } from './aws-errors';
import type { FakeInstance, FakeOperation, FakeStackSet, OperationTarget } from './stacksets-model';
import { instanceKey } from './stacksets-model';
import type { Input, StackSetsContext } from './stacksets-support';
import { findOperation, findStackSet, requireString } from './stacksets-support';
import { isPageError } from './paging';

type Handler = (ctx: StackSetsContext, input: Input) => object;

/** Pages `items`, shaping only the returned page (listing 100,000 instances stays cheap). */
function paged<T>(ctx: StackSetsContext, input: Input, listing: string, items: () => readonly T[], shape: (item: T) => object = (x) => x as object): object {
  const result = ctx.paginator.page(items, {
    listing,
    maxResults: typeof input.MaxResults === 'number' ? input.MaxResults : undefined,
    nextToken: typeof input.NextToken === 'string' ? input.NextToken : undefined,
    defaultMaxResults: ctx.pageSize.default,
    maxMaxResults: ctx.pageSize.max,
  });
  if (isPageError(result)) {
    if (result.kind === 'invalid-token') throw cfnValidationError('Invalid NextToken: the token is not valid for this request.');
    throw cfnValidationError(`1 validation error detected: Value '${String(input.MaxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value between ${result.min} and ${result.max}`);
  }
  const page = result.items.map(shape);
  return result.nextToken === undefined ? { Summaries: page } : { Summaries: page, NextToken: result.nextToken };
}

function wireParameters(values: ReadonlyMap<string, string> | Record<string, string>): Array<{ ParameterKey: string; ParameterValue: string }> {
  const entries = values instanceof Map ? [...values] : Object.entries(values);
  return entries.map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
}

function driftSummary(ss: FakeStackSet): { DriftStatus: string; LastDriftCheckTimestamp?: Date } {
  if (ss.lastDriftCheck === undefined) return { DriftStatus: 'NOT_CHECKED' };
  const drifted = [...ss.instances.values()].some((i) => i.driftStatus === 'DRIFTED');
  return { DriftStatus: drifted ? 'DRIFTED' : 'IN_SYNC', LastDriftCheckTimestamp: ss.lastDriftCheck };
}

function instanceSummary(ss: FakeStackSet, i: FakeInstance): Record<string, unknown> {
  return {
    StackSetId: ss.id,
    Region: i.region,
    Account: i.account,
    StackId: i.stackId,
    Status: i.status,
    StatusReason: i.statusReason,
    StackInstanceStatus: { DetailedStatus: i.detailedStatus },
    OrganizationalUnitId: i.ouId,
    DriftStatus: i.driftStatus,
    LastDriftCheckTimestamp: i.lastDriftCheck,
    LastOperationId: i.lastOperationId,
  };
}

function operationSummary(op: FakeOperation): Record<string, unknown> {
  const failed = op.targets.filter((t) => t.status === 'FAILED').length;
  return {
    OperationId: op.id,
    Action: op.action,
    Status: op.status,
    CreationTimestamp: op.creationTimestamp,
    EndTimestamp: op.endTimestamp,
    StatusReason: op.statusReason,
    StatusDetails: { FailedStackInstancesCount: failed },
    OperationPreferences: op.preferences,
  };
}

function resultSummary(t: OperationTarget): Record<string, unknown> {
  const gate = t.status === 'SUCCEEDED' || t.status === 'FAILED' ? { Status: 'SKIPPED', StatusReason: 'Account gating is not configured' } : undefined;
  return { Account: t.account, Region: t.region, Status: t.status, StatusReason: t.statusReason, AccountGateResult: gate, OrganizationalUnitId: t.ouId };
}

const INSTANCE_FILTERS: Record<string, (i: FakeInstance, value: string) => boolean> = {
  DETAILED_STATUS: (i, v) => i.detailedStatus === v,
  LAST_OPERATION_ID: (i, v) => i.lastOperationId === v,
  DRIFT_STATUS: (i, v) => i.driftStatus === v,
};

export const STACKSETS_QUERIES: Readonly<Record<string, Handler>> = {
  DescribeOrganizationsAccess: (ctx) => ({ Status: ctx.organizationsAccess.enabled ? 'ENABLED' : 'DISABLED' }),

  DescribeStackSet: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const values: Record<string, string> = {};
    for (const p of ss.templateParameters) {
      const value = ss.parameters.get(p.key) ?? p.defaultValue;
      if (value !== undefined) values[p.key] = value;
    }
    const instances = [...ss.instances.values()];
    return {
      StackSet: {
        StackSetName: ss.name,
        StackSetId: ss.id,
        Description: ss.description,
        Status: ss.status,
        TemplateBody: ss.templateBody,
        Parameters: wireParameters(values),
        Capabilities: ss.capabilities,
        Tags: ss.tags,
        StackSetARN: ss.arn,
        AutoDeployment: ss.autoDeployment,
        PermissionModel: 'SERVICE_MANAGED',
        OrganizationalUnitIds: [...ss.targets.keys()],
        ManagedExecution: ss.managedExecution,
        Regions: [...new Set([...ss.targets.values()].flatMap((regions) => [...regions]))],
        StackSetDriftDetectionDetails: {
          ...driftSummary(ss),
          DriftDetectionStatus: ss.lastDriftCheck === undefined ? undefined : 'COMPLETED',
          TotalStackInstancesCount: instances.length,
          DriftedStackInstancesCount: instances.filter((i) => i.driftStatus === 'DRIFTED').length,
          InSyncStackInstancesCount: instances.filter((i) => i.driftStatus === 'IN_SYNC').length,
          InProgressStackInstancesCount: 0,
          FailedStackInstancesCount: instances.filter((i) => i.driftStatus === 'UNKNOWN').length,
        },
      },
    };
  },

  ListStackSets: (ctx, input) => {
    const status = input.Status;
    const all = ctx.seesOrgStackSets ? [...ctx.engine.stackSets.values(), ...ctx.engine.deletedStackSets] : [];
    const summaries = all
      .filter((ss) => status === undefined || ss.status === status)
      .map((ss) => ({
        StackSetName: ss.name,
        StackSetId: ss.id,
        Description: ss.description,
        Status: ss.status,
        AutoDeployment: ss.autoDeployment,
        PermissionModel: 'SERVICE_MANAGED',
        ...driftSummary(ss),
        ManagedExecution: ss.managedExecution,
      }));
    return paged(ctx, input, `ListStackSets:${String(status)}`, () => summaries);
  },

  ListStackInstances: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const filters = (input.Filters ?? []) as Array<{ Name?: string; Values?: string }>;
    if (filters.length > 3) throw cfnValidationError('Filters: at most 3 filters are allowed.');
    for (const f of filters) if (INSTANCE_FILTERS[f.Name ?? ''] === undefined) throw cfnValidationError(`Filter name ${String(f.Name)} is not valid.`);
    const account = input.StackInstanceAccount;
    const region = input.StackInstanceRegion;
    const instances = () =>
      [...ss.instances.values()].filter(
        (i) =>
          (account === undefined || i.account === account) &&
          (region === undefined || i.region === region) &&
          filters.every((f) => INSTANCE_FILTERS[f.Name ?? '']?.(i, f.Values ?? '') === true),
      );
    const listing = `ListStackInstances:${ss.id}:${JSON.stringify([filters, account, region])}`;
    return paged(ctx, input, listing, instances, (i) => instanceSummary(ss, i));
  },

  DescribeStackInstance: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const account = requireString(input, 'StackInstanceAccount');
    const region = requireString(input, 'StackInstanceRegion');
    const instance = ss.instances.get(instanceKey(account, region));
    if (instance === undefined) {
      throw sdkError(StackInstanceNotFoundException, 404, `Stack instance ${account}/${region} of StackSet ${ss.name} not found`);
    }
    const { StackSetId, Region, Account, StackId, Status, StatusReason, StackInstanceStatus, OrganizationalUnitId, DriftStatus, LastDriftCheckTimestamp, LastOperationId } =
      instanceSummary(ss, instance);
    return {
      StackInstance: {
        StackSetId, Region, Account, StackId, Status, StatusReason, StackInstanceStatus, OrganizationalUnitId,
        DriftStatus, LastDriftCheckTimestamp, LastOperationId,
        ParameterOverrides: wireParameters(instance.overrides),
      },
    };
  },

  DescribeStackSetOperation: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const op = findOperation(ss, input);
    return {
      StackSetOperation: {
        ...operationSummary(op),
        StackSetId: ss.id,
        RetainStacks: op.retainStacks,
        DeploymentTargets: op.deploymentTargets,
      },
    };
  },

  ListStackSetAutoDeploymentTargets: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const summaries = [...ss.targets].map(([OrganizationalUnitId, regions]) => ({ OrganizationalUnitId, Regions: [...regions] }));
    return paged(ctx, input, `ListStackSetAutoDeploymentTargets:${ss.id}`, () => summaries);
  },

  ListStackSetOperations: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    return paged(ctx, input, `ListStackSetOperations:${ss.id}`, () => [...ss.operations.values()].reverse(), operationSummary);
  },

  ListStackSetOperationResults: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const op = findOperation(ss, input);
    const filters = (input.Filters ?? []) as Array<{ Name?: string; Values?: string }>;
    for (const f of filters) if (f.Name !== 'OPERATION_RESULT_STATUS') throw cfnValidationError(`Filter name ${String(f.Name)} is not valid.`);
    const results = () => op.targets.filter((t) => filters.every((f) => t.status === f.Values));
    return paged(ctx, input, `ListStackSetOperationResults:${ss.id}:${op.id}:${JSON.stringify(filters)}`, results, resultSummary);
  },
};
