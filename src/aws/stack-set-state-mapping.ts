/** DescribeStackSet + ListStackInstances answers as the planner's plain StackSetState. */
import type { StackInstanceSummary, StackSet } from '@aws-sdk/client-cloudformation';
import type { StackInstanceState, StackSetState } from '../deploy/plan/stack-set-state';

export function toStackSetState(name: string, s: StackSet, summaries: readonly StackInstanceSummary[]): StackSetState {
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
    organizationalUnitIds: s.OrganizationalUnitIds ?? [],
    regions: s.Regions ?? [],
    instances,
  };
}
