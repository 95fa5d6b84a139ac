/**
 * An in-memory CloudFormation StackSets service (SERVICE_MANAGED stack sets) linked to an
 * `OrganizationFake`: OU targets expand to the accounts of the OU and all OUs below it, minus the
 * management account; auto-deployment reacts to `org.addAccount / moveAccount / removeAccount` with
 * instances that carry the stack set's DEFAULT values, never an OU's overrides (AWS fact A2).
 *
 *   const org = new OrganizationFake();
 *   const stackSets = new StackSetsFake(org);                // caller = management account
 *   const fakes = installAwsFakes({ organization: org, stackSets });
 *   // … the code under test sends real SDK commands …
 *   stackSets.tick();            // one step: QUEUED→RUNNING, targets PENDING→RUNNING→SUCCEEDED/FAILED
 *   stackSets.settle();          // steps until no operation is queued or running
 *   stackSets.failInstances({ accounts: ['222222222222'], regions: ['eu-west-1'] });
 *   stackSets.setDrift({ accounts: ['222222222222'], status: 'DRIFTED' });
 *   stackSets.throttle(1, ['ListStackInstances']);
 *   stackSets.calls('CreateStackInstances')[0]?.input; stackSets.mutatingCalls(); stackSets.callAsValues();
 *   stackSets.instance('rule-web', '222222222222', 'us-east-1')?.deployed?.parameters;
 *
 * Progress: besides `tick()`, the first page of each DescribeStackSetOperation, ListStackInstances,
 * ListStackSetOperations and ListStackSetOperationResults call advances one step first (option
 * `autoAdvanceOn`, `[]` to step only by hand), so a poller sees RUNNING then SUCCEEDED.
 * CallAs: the caller is the management account unless `callerAccountId` names another account.
 * CallAs DELEGATED_ADMIN is accepted only when that account is registered in the organization as a
 * delegated administrator for StackSets (else ValidationError "Account used is not a delegated
 * administrator"); a delegated admin calling with CallAs SELF sees no stack sets and cannot create one.
 * See stacksets-engine.ts, stacksets-commands.ts and stacksets-queries.ts for the simplifications.
 */
import { cfnThrottlingError, cfnValidationError, ok } from './aws-errors';
import { CallRecorder } from './call-recorder';
import type { OrganizationFake } from './organization-fake';
import type { PageShape } from './paging';
import { Paginator } from './paging';
import { STACKSETS_COMMANDS } from './stacksets-commands';
import type { DriftRule, FailureRule } from './stacksets-engine';
import { StackSetsEngine } from './stacksets-engine';
import type { FakeInstance, FakeOperation, FakeStackSet } from './stacksets-model';
import { effectiveParameters, instanceKey, isFinished } from './stacksets-model';
import { STACKSETS_QUERIES } from './stacksets-queries';
import type { Input, StackSetsContext } from './stacksets-support';

export const STACKSETS_MUTATING_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(STACKSETS_COMMANDS));

export const DEFAULT_AUTO_ADVANCE_ON: readonly string[] = [
  'DescribeStackSetOperation',
  'ListStackInstances',
  'ListStackSetOperations',
  'ListStackSetOperationResults',
];

export interface StackSetsFakeOptions {
  /** The account the code under test runs as (default: the organization's management account). */
  readonly callerAccountId?: string;
  /** Read operations whose first page advances the engine one step (default DEFAULT_AUTO_ADVANCE_ON). */
  readonly autoAdvanceOn?: readonly string[];
  /** Default page size of List* operations (AWS: 100). Lower it to exercise pagination. */
  readonly defaultPageSize?: number;
  /**
   * Whether trusted access with Organizations is activated (default true). When false,
   * CreateStackSet answers "ValidationError: You must enable organizations access to operate a
   * service managed stack set" until ActivateOrganizationsAccess is called.
   */
  readonly organizationsAccess?: boolean;
}

export class StackSetsFake {
  readonly engine: StackSetsEngine;
  readonly recorder = new CallRecorder(STACKSETS_MUTATING_OPERATIONS);
  readonly paginator = new Paginator('cfn');
  private readonly callerAccountId: string;
  private readonly autoAdvanceOn: ReadonlySet<string>;
  private readonly defaultPageSize: number;
  private readonly organizationsAccess: { enabled: boolean };
  private readonly templateObjects = new Map<string, string>();

  constructor(
    readonly org: OrganizationFake,
    options: StackSetsFakeOptions = {},
  ) {
    this.engine = new StackSetsEngine(org);
    this.callerAccountId = options.callerAccountId ?? org.managementAccountId;
    this.autoAdvanceOn = new Set(options.autoAdvanceOn ?? DEFAULT_AUTO_ADVANCE_ON);
    this.defaultPageSize = options.defaultPageSize ?? 100;
    this.organizationsAccess = { enabled: options.organizationsAccess ?? true };
  }

  /** Records, throttles, validates CallAs, maybe advances, then answers one CloudFormation command. */
  handle(operation: string, input: Input): Promise<object> {
    const call = this.recorder.record(operation, input);
    try {
      const handler = STACKSETS_COMMANDS[operation] ?? STACKSETS_QUERIES[operation];
      if (handler === undefined) throw new Error(`StackSetsFake: unsupported operation ${operation}`);
      if (call.throttled) throw cfnThrottlingError();
      const ctx = this.context(input.CallAs);
      if (this.autoAdvanceOn.has(operation) && input.NextToken === undefined) this.engine.tick();
      return Promise.resolve(ok(handler(ctx, input)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private context(callAs: unknown): StackSetsContext {
    if (callAs !== undefined && callAs !== 'SELF' && callAs !== 'DELEGATED_ADMIN') {
      throw cfnValidationError(`1 validation error detected: Value '${JSON.stringify(callAs)}' at 'callAs' failed to satisfy constraint: Member must satisfy enum value set: [SELF, DELEGATED_ADMIN]`);
    }
    const isManagement = this.callerAccountId === this.org.managementAccountId;
    if (callAs === 'DELEGATED_ADMIN' && (isManagement || !this.org.isDelegatedAdministrator(this.callerAccountId))) {
      throw cfnValidationError('Account used is not a delegated administrator');
    }
    return {
      engine: this.engine,
      paginator: this.paginator,
      organizationsAccess: this.organizationsAccess,
      templateObjects: this.templateObjects,
      seesOrgStackSets: isManagement || callAs === 'DELEGATED_ADMIN',
      pageSize: { default: this.defaultPageSize, max: 100 },
    };
  }

  // ---- progress ------------------------------------------------------------------------------

  /** Moves every queued or running operation one step forward. */
  tick(steps = 1): void {
    for (let i = 0; i < steps; i += 1) this.engine.tick();
  }

  /** Steps until no operation is queued or running (fails loudly if that never happens). */
  settle(maxSteps = 1000): void {
    for (let i = 0; i < maxSteps; i += 1) {
      if (this.unfinishedOperations().length === 0) return;
      this.engine.tick();
    }
    throw new Error(`StackSetsFake: operations still unfinished after ${maxSteps} steps`);
  }

  // ---- injection knobs -----------------------------------------------------------------------

  /** Makes `url` a readable S3 object holding `templateBody`, for CreateStackSet/UpdateStackSet TemplateURL. */
  putTemplateObject(url: string, templateBody: string): void {
    this.templateObjects.set(url, templateBody);
  }

  /** Targets matching the rule fail with its StatusReason (default: the ConfigRecorder quota error). */
  failInstances(rule: FailureRule = {}): void {
    this.engine.addFailure(rule);
  }

  /** The next drift detection reports matching instances with this drift status (others IN_SYNC). */
  setDrift(rule: DriftRule): void {
    this.engine.addDrift(rule);
  }

  clearInjections(): void {
    this.engine.clearInjections();
  }

  throttle(count: number, operations?: readonly string[]): void {
    this.recorder.throttle(count, operations);
  }

  setPageShape(shape: PageShape): void {
    this.paginator.shape = shape;
  }

  // ---- call log ------------------------------------------------------------------------------

  calls(operation?: string) {
    return this.recorder.calls(operation);
  }

  callCount(operation: string): number {
    return this.recorder.callCount(operation);
  }

  callCounts() {
    return this.recorder.callCounts();
  }

  mutatingCalls() {
    return this.recorder.mutatingCalls();
  }

  /** Calls sent without CallAs: empty when the code passes it everywhere. */
  callsWithoutCallAs() {
    return this.recorder.calls().filter((c) => c.callAs === undefined);
  }

  /** Forgets the call log (not the stack sets), e.g. after seeding a scenario through the API. */
  clearCalls(): void {
    this.recorder.clear();
  }

  /** The distinct CallAs values sent (undefined = omitted), e.g. to assert DELEGATED_ADMIN everywhere. */
  callAsValues(): Array<string | undefined> {
    return [...new Set(this.recorder.calls().map((c) => c.callAs))];
  }

  // ---- state, for assertions and for seeding scenarios ---------------------------------------

  stackSet(name: string): FakeStackSet | undefined {
    return [...this.engine.stackSets.values()].find((s) => s.name === name);
  }

  stackSetNames(): string[] {
    return [...this.engine.stackSets.values()].map((s) => s.name);
  }

  instances(stackSetName: string): FakeInstance[] {
    return [...(this.stackSet(stackSetName)?.instances.values() ?? [])];
  }

  instance(stackSetName: string, account: string, region: string): FakeInstance | undefined {
    return this.stackSet(stackSetName)?.instances.get(instanceKey(account, region));
  }

  /** Template defaults ← stack set values ← the instance's overrides: what a (re)deploy would use. */
  effectiveParameters(stackSetName: string, account: string, region: string): Record<string, string> {
    const ss = this.stackSet(stackSetName);
    if (ss === undefined) throw new Error(`StackSetsFake: no stack set ${stackSetName}`);
    return effectiveParameters(ss, ss.instances.get(instanceKey(account, region)));
  }

  operations(stackSetName: string): FakeOperation[] {
    return [...(this.stackSet(stackSetName)?.operations.values() ?? [])];
  }

  unfinishedOperations(): FakeOperation[] {
    return [...this.engine.stackSets.values()].flatMap((s) => [...s.operations.values()].filter((op) => !isFinished(op.status)));
  }
}
