/** DescribeStackSet + ListStackInstances answers as the planner's plain StackSetState. */
import type { StackInstanceSummary, StackSet, StackSetAutoDeploymentTargetSummary, StackSetOperationSummary } from '@aws-sdk/client-cloudformation';
import type { StackInstanceState, StackSetState } from '../deploy/plan/stack-set-state';

export interface StackSetAnswers {
  readonly name: string;
  readonly stackSet: StackSet;
  readonly instances: readonly StackInstanceSummary[];
  readonly targets: readonly StackSetAutoDeploymentTargetSummary[];
  /** A page of ListStackSetOperations. */
  readonly operations: readonly StackSetOperationSummary[];
}

export function toStackSetState({ name, stackSet: s, instances: summaries, targets, operations }: StackSetAnswers): StackSetState {
  const instances = summaries.map(
    (i): StackInstanceState => ({
      account: i.Account ?? '',
      region: i.Region ?? '',
      ouId: i.OrganizationalUnitId,
      status: i.Status ?? 'UNKNOWN',
      detailedStatus: i.StackInstanceStatus?.DetailedStatus,
      statusReason: i.StatusReason,
      driftStatus: i.DriftStatus,
      lastOperationId: i.LastOperationId,
    }),
  );
  return {
    name,
    id: s.StackSetId ?? name,
    arn: s.StackSetARN ?? '',
    permissionModel: s.PermissionModel,
    templateBody: s.TemplateBody ?? '',
    parameters: Object.fromEntries((s.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? ''])),
    capabilities: s.Capabilities ?? [],
    autoDeployment:
      s.AutoDeployment === undefined
        ? undefined
        : { enabled: s.AutoDeployment.Enabled === true, retainStacksOnAccountRemoval: s.AutoDeployment.RetainStacksOnAccountRemoval === true, dependsOn: s.AutoDeployment.DependsOn ?? [] },
    managedExecutionActive: s.ManagedExecution?.Active === true,
    description: s.Description,
    targets: targets.flatMap((t) => (t.OrganizationalUnitId === undefined ? [] : [{ ouId: t.OrganizationalUnitId, regions: t.Regions ?? [] }])),
    latestOperationId: newestOperation(operations),
    instances,
  };
}

/** The operation created last (whatever order the page comes in), ties broken by id for determinism. */
function newestOperation(operations: readonly StackSetOperationSummary[]): string | undefined {
  let newest: StackSetOperationSummary | undefined;
  for (const op of operations) {
    if (op.OperationId === undefined) continue;
    const t = op.CreationTimestamp?.getTime() ?? 0;
    const n = newest?.CreationTimestamp?.getTime() ?? -1;
    if (newest === undefined || t > n || (t === n && op.OperationId > (newest.OperationId ?? ''))) newest = op;
  }
  return newest?.OperationId;
}
