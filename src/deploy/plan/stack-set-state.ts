/** The current StackSets as plain data, read by src/aws/stack-sets.ts; the planner's third input. */

export interface AutoDeploymentState {
  readonly enabled: boolean;
  readonly retainStacksOnAccountRemoval: boolean;
  /** ARNs of the stack sets auto-deployment waits for. */
  readonly dependsOn: readonly string[];
}

export interface StackInstanceState {
  readonly account: string;
  readonly region: string;
  /** The OU the instance was deployed through (service-managed). */
  readonly ouId: string | undefined;
  /** CURRENT | OUTDATED | INOPERABLE. */
  readonly status: string;
  /** PENDING | RUNNING | SUCCEEDED | FAILED | CANCELLED | INOPERABLE | SKIPPED_SUSPENDED_ACCOUNT | FAILED_IMPORT. */
  readonly detailedStatus: string | undefined;
  readonly statusReason: string | undefined;
  /** DRIFTED | IN_SYNC | NOT_CHECKED | UNKNOWN. */
  readonly driftStatus: string | undefined;
  /** The last operation that acted on the instance (ListStackInstances), e.g. a failed redeploy. */
  readonly lastOperationId?: string;
}

export interface StackSetState {
  readonly name: string;
  /** `name:uuid`; tells a re-created stack set from the old one. */
  readonly id: string;
  readonly arn: string;
  readonly permissionModel: string | undefined;
  readonly templateBody: string;
  /** The stack set's own parameter values. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly capabilities: readonly string[];
  readonly autoDeployment: AutoDeploymentState | undefined;
  readonly managedExecutionActive: boolean;
  /** OUs the stack set targets (DescribeStackSet), including OUs without accounts. */
  readonly organizationalUnitIds: readonly string[];
  /** Regions the stack set has instances in, when the API reports them. */
  readonly regions: readonly string[];
  readonly instances: readonly StackInstanceState[];
}

/** The (OU, region) pairs a stack set currently targets. OUs without accounts have no instances: they
 *  count as targeted in the stack set's regions. */
export function currentTargetPairs(state: StackSetState): Map<string, Set<string>> {
  const pairs = new Map<string, Set<string>>();
  const add = (ou: string, region: string): void => {
    const regions = pairs.get(ou) ?? new Set<string>();
    regions.add(region);
    pairs.set(ou, regions);
  };
  for (const instance of state.instances) if (instance.ouId !== undefined) add(instance.ouId, instance.region);
  const knownRegions = state.regions.length > 0 ? state.regions : [...new Set(state.instances.map((i) => i.region))];
  for (const ou of state.organizationalUnitIds) if (!pairs.has(ou)) for (const region of knownRegions) add(ou, region);
  return pairs;
}
