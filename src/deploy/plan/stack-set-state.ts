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

/** One auto-deployment target: an OU (or root) and the regions it deploys to. */
export interface TargetState {
  readonly ouId: string;
  readonly regions: readonly string[];
}

export interface StackSetState {
  readonly name: string;
  /** `name:uuid`; tells a re-created stack set from the old one. */
  readonly id: string;
  readonly arn: string;
  /** Carries the ownership mark (ownership.ts). */
  readonly description: string | undefined;
  readonly permissionModel: string | undefined;
  readonly templateBody: string;
  /** The stack set's own parameter values. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly capabilities: readonly string[];
  readonly autoDeployment: AutoDeploymentState | undefined;
  readonly managedExecutionActive: boolean;
  /**
   * The exact OU → regions pairs the stack set targets (ListStackSetAutoDeploymentTargets), OUs without
   * accounts included. DescribeStackSet's OrganizationalUnitIds and Regions cannot say which OU is
   * targeted in which region, and Regions lists only regions that hold instances (aws-facts H).
   */
  readonly targets: readonly TargetState[];
  /**
   * The newest operation on the stack set (ListStackSetOperations), whatever started it. Every
   * OperationId the plan derives includes it, so an id never repeats once anything happened.
   */
  readonly latestOperationId: string | undefined;
  readonly instances: readonly StackInstanceState[];
}

/** A stack set as ListStackSets shows it: enough to tell whose it is (ownership.ts). */
export interface StackSetSummary {
  readonly name: string;
  readonly description: string | undefined;
}

/** OU id → regions. */
export type PairMap = ReadonlyMap<string, ReadonlySet<string>>;
