/**
 * An in-memory CloudFormation stacks service (plain stacks, one account and region), served through
 * the real CloudFormationClient beside the StackSets fake (installAwsFakes). What it models, from the
 * API reference (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/):
 * - Stack statuses move as CloudFormation documents them (API_Stack.html, "Stack status codes" in the
 *   User Guide): CREATE_IN_PROGRESS → CREATE_COMPLETE, or on a resource failure ROLLBACK_IN_PROGRESS →
 *   ROLLBACK_COMPLETE (ROLLBACK_FAILED if the rollback fails); UPDATE_IN_PROGRESS →
 *   UPDATE_COMPLETE_CLEANUP_IN_PROGRESS → UPDATE_COMPLETE, or UPDATE_ROLLBACK_IN_PROGRESS →
 *   UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS → UPDATE_ROLLBACK_COMPLETE with the previous
 *   template, values and tags back (UPDATE_ROLLBACK_FAILED if that fails); DELETE_IN_PROGRESS →
 *   DELETE_COMPLETE or DELETE_FAILED. One step per `tick()` and per DescribeStacks call.
 * - Events (API_DescribeStackEvents.html): newest first, paged; every event of an operation carries
 *   the ClientRequestToken of the request that started it; a failed resource's event carries the
 *   reason (`failNext`), and the stack's own event says which resources failed.
 * - See stacks-commands.ts for the request checks and errors.
 *
 *   const stacks = fakes.stacks;
 *   stacks.failNext({ action: 'CREATE', resource: 'Aggregator', reason: 'OrganizationAccessDeniedException …' });
 *   stacks.stack('sg-guardrail-aggregator')?.status;  stacks.mutatingCalls();  stacks.settle();
 */
import { parse as parseYaml } from 'yaml';
import { cfnThrottlingError, ok } from './aws-errors';
import { CallRecorder } from './call-recorder';
import { Paginator } from './paging';
import { STACKS_HANDLERS } from './stacks-commands';
import { IdSource, VirtualClock } from './stacksets-model';

export type StackAction = 'CREATE' | 'UPDATE' | 'DELETE';

export interface StackFailureRule {
  readonly stack?: string;
  readonly action: StackAction;
  /** The failing resource's logical id (default: the template's last resource). */
  readonly resource?: string;
  readonly reason?: string;
  /** The rollback (or, for DELETE, nothing more) fails too: ROLLBACK_FAILED / UPDATE_ROLLBACK_FAILED. */
  readonly rollbackFails?: boolean;
}

export interface FakeStackEvent {
  readonly eventId: string;
  readonly logicalId: string;
  readonly resourceType: string;
  readonly status: string;
  readonly reason: string | undefined;
  readonly token: string | undefined;
  readonly timestamp: Date;
}

export interface StackSnapshot {
  templateBody: string;
  parameters: Map<string, string>;
  tags: Array<{ Key: string; Value: string }>;
}

export interface FakeStack extends StackSnapshot {
  readonly stackId: string;
  readonly name: string;
  status: string;
  statusReason: string | undefined;
  capabilities: string[];
  readonly creationTime: Date;
  lastUpdatedTime: Date | undefined;
  /** Oldest first (DescribeStackEvents answers newest first). */
  readonly events: FakeStackEvent[];
  /** ClientRequestToken → the operation it started, so a retried request is recognised. */
  readonly tokens: Map<string, string>;
  running: { action: StackAction; token: string | undefined; failure: StackFailureRule | undefined; phase: number; previous?: StackSnapshot } | undefined;
}

export const STACKS_MUTATING_OPERATIONS: ReadonlySet<string> = new Set(['CreateStack', 'UpdateStack', 'DeleteStack']);
export const DEFAULT_STACK_FAILURE_REASON = 'Resource handler returned message: "Access Denied" (HandlerErrorCode: AccessDenied)';

export class StacksFake {
  readonly recorder = new CallRecorder(STACKS_MUTATING_OPERATIONS);
  readonly paginator = new Paginator('stacks');
  readonly ids = new IdSource();
  readonly clock = new VirtualClock();
  /** Every stack ever created, deleted ones included (DescribeStacks by id still finds them). */
  readonly all: FakeStack[] = [];
  private readonly failures: StackFailureRule[] = [];

  constructor(
    readonly accountId = '111111111111',
    readonly region = 'us-east-1',
    private readonly autoAdvance = true,
  ) {}

  handle(operation: string, input: Record<string, unknown>): Promise<object> {
    const call = this.recorder.record(operation, input);
    try {
      const handler = STACKS_HANDLERS[operation];
      if (handler === undefined) throw new Error(`StacksFake: unsupported operation ${operation}`);
      if (call.throttled) throw cfnThrottlingError();
      if (this.autoAdvance && operation === 'DescribeStacks') this.tick();
      return Promise.resolve(ok(handler(this, input)));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  // ---- state ----------------------------------------------------------------------------------

  /** The live stack of that name (not DELETE_COMPLETE), or the stack with that id, deleted or not. */
  find(nameOrId: string): FakeStack | undefined {
    if (nameOrId.startsWith('arn:')) return this.all.find((s) => s.stackId === nameOrId);
    return this.all.find((s) => s.name === nameOrId && s.status !== 'DELETE_COMPLETE');
  }

  stack(name: string): FakeStack | undefined {
    return this.find(name);
  }

  /** Puts a stack in any state, e.g. DELETE_FAILED or one made by someone else, as a test's starting point. */
  seed(options: { name: string; status?: string; statusReason?: string; templateBody?: string; parameters?: Record<string, string>; tags?: Record<string, string> }): FakeStack {
    const stack = this.newStack(options.name, {
      templateBody: options.templateBody ?? 'Resources:\n  Placeholder: { Type: AWS::CloudFormation::WaitConditionHandle }\n',
      parameters: new Map(Object.entries(options.parameters ?? {})),
      tags: Object.entries(options.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    });
    stack.status = options.status ?? 'CREATE_COMPLETE';
    stack.statusReason = options.statusReason;
    return stack;
  }

  newStack(name: string, snapshot: StackSnapshot): FakeStack {
    const stack: FakeStack = {
      ...snapshot,
      stackId: `arn:aws:cloudformation:${this.region}:${this.accountId}:stack/${name}/${this.ids.next()}`,
      name,
      status: 'CREATE_IN_PROGRESS',
      statusReason: undefined,
      capabilities: [],
      creationTime: this.clock.now(),
      lastUpdatedTime: undefined,
      events: [],
      tokens: new Map(),
      running: undefined,
    };
    this.all.push(stack);
    return stack;
  }

  // ---- operations -----------------------------------------------------------------------------

  /** Starts an operation: the stack's own *_IN_PROGRESS event, and whether an injected failure applies. */
  start(stack: FakeStack, action: StackAction, token: string | undefined, previous?: StackSnapshot): void {
    const index = this.failures.findIndex((f) => f.action === action && (f.stack === undefined || f.stack === stack.name));
    const failure = index < 0 ? undefined : this.failures.splice(index, 1)[0];
    stack.running = { action, token, failure, phase: 0, previous };
    if (token !== undefined) stack.tokens.set(token, action);
    if (action !== 'CREATE') stack.lastUpdatedTime = this.clock.now();
    this.setStatus(stack, `${action}_IN_PROGRESS`, 'User Initiated');
  }

  /** Moves every running operation one step. */
  tick(): void {
    this.clock.advance(5);
    for (const stack of this.all) if (stack.running !== undefined) this.step(stack);
  }

  settle(maxSteps = 20): void {
    for (let i = 0; i < maxSteps && this.all.some((s) => s.running !== undefined); i += 1) this.tick();
    if (this.all.some((s) => s.running !== undefined)) throw new Error('StacksFake: operations still running');
  }

  /** The next matching operation fails at one resource, with this reason (consumed once). */
  failNext(rule: StackFailureRule): void {
    this.failures.push(rule);
  }

  private step(stack: FakeStack): void {
    const run = stack.running;
    if (run === undefined) return;
    const resources = templateResources(stack.templateBody);
    const failing = run.failure === undefined ? undefined : (resources.find((r) => r.logicalId === run.failure?.resource) ?? resources[resources.length - 1]);
    const reason = run.failure?.reason ?? DEFAULT_STACK_FAILURE_REASON;
    const verb = run.action.toLowerCase();
    run.phase += 1;
    if (run.phase === 1) {
      const before = failing === undefined ? resources : resources.slice(0, resources.indexOf(failing));
      for (const r of before) this.event(stack, r, `${run.action}_COMPLETE`, undefined);
      if (failing === undefined) {
        this.finishOrCleanUp(stack);
        return;
      }
      this.event(stack, failing, `${run.action}_FAILED`, reason);
      const failed = `The following resource(s) failed to ${verb}: [${failing.logicalId}]. `;
      if (run.action === 'DELETE') return this.end(stack, 'DELETE_FAILED', failed);
      this.setStatus(stack, run.action === 'CREATE' ? 'ROLLBACK_IN_PROGRESS' : 'UPDATE_ROLLBACK_IN_PROGRESS', `${failed}Rollback requested by user.`);
      return;
    }
    if (run.failure === undefined) return this.end(stack, 'UPDATE_COMPLETE', undefined);
    if (run.action === 'CREATE') {
      // The rollback deletes what the create made, the failed resource included.
      const made = failing === undefined ? [] : resources.slice(0, resources.indexOf(failing) + 1);
      for (const r of made.reverse()) this.event(stack, r, 'DELETE_COMPLETE', undefined);
      return this.end(stack, run.failure.rollbackFails === true ? 'ROLLBACK_FAILED' : 'ROLLBACK_COMPLETE', undefined);
    }
    if (run.phase === 2) {
      if (run.failure.rollbackFails === true) return this.end(stack, 'UPDATE_ROLLBACK_FAILED', `The following resource(s) failed to update: [${failing?.logicalId ?? ''}].`);
      if (run.previous !== undefined) Object.assign(stack, run.previous);
      this.setStatus(stack, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', undefined);
      return;
    }
    this.end(stack, 'UPDATE_ROLLBACK_COMPLETE', undefined);
  }

  private finishOrCleanUp(stack: FakeStack): void {
    const action = stack.running?.action;
    if (action === 'UPDATE') this.setStatus(stack, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', undefined);
    else this.end(stack, `${action ?? 'CREATE'}_COMPLETE`, undefined);
  }

  private end(stack: FakeStack, status: string, reason: string | undefined): void {
    this.setStatus(stack, status, reason);
    stack.running = undefined;
  }

  private setStatus(stack: FakeStack, status: string, reason: string | undefined): void {
    stack.status = status;
    stack.statusReason = reason;
    this.event(stack, { logicalId: stack.name, type: 'AWS::CloudFormation::Stack' }, status, reason);
  }

  private event(stack: FakeStack, resource: { logicalId: string; type: string }, status: string, reason: string | undefined): void {
    stack.events.push({ eventId: this.ids.next(), logicalId: resource.logicalId, resourceType: resource.type, status, reason, token: stack.running?.token, timestamp: this.clock.now() });
  }

  // ---- call log -------------------------------------------------------------------------------

  calls(operation?: string) {
    return this.recorder.calls(operation);
  }

  mutatingCalls() {
    return this.recorder.mutatingCalls();
  }

  clearCalls(): void {
    this.recorder.clear();
  }

  throttle(count: number, operations?: readonly string[]): void {
    this.recorder.throttle(count, operations);
  }
}

/** The template's resources in order (logical id and type); short-form tags are tolerated. */
export function templateResources(body: string): Array<{ logicalId: string; type: string }> {
  let parsed: unknown;
  try {
    parsed = parseYaml(body, { logLevel: 'silent' });
  } catch {
    return [];
  }
  const section = typeof parsed === 'object' && parsed !== null ? (parsed as { Resources?: unknown }).Resources : undefined;
  if (typeof section !== 'object' || section === null) return [];
  return Object.entries(section as Record<string, { Type?: unknown }>).map(([logicalId, r]) => ({ logicalId, type: typeof r?.Type === 'string' ? r.Type : 'AWS::CloudFormation::CustomResource' }));
}
