/**
 * The operations engine of the StackSets fake: queueing, deterministic progress, failure tolerance,
 * injected failures and drift. Auto-deployment lives in stacksets-auto-deployment.ts.
 *
 * Progress is a step function (`tick`): a started operation has its targets PENDING; one step makes
 * them RUNNING; the next step finishes them (SUCCEEDED / FAILED / CANCELLED) and ends the operation,
 * and a queued operation whose turn has come starts in that same step. So a poller sees
 * QUEUED → RUNNING → SUCCEEDED|FAILED, and instances PENDING → RUNNING → SUCCEEDED|FAILED.
 *
 * Failure tolerance is evaluated per Region as AWS documents (A4): FailureToleranceCount, or
 * FailureTolerancePercentage of the Region's targets rounded down (default 0). Within a Region targets
 * run in order, in batches of the concurrency (MaxConcurrentCount, or MaxConcurrentPercentage rounded
 * down but at least 1, default 1; in STRICT_FAILURE_TOLERANCE mode at most the failures still tolerated
 * + 1; in SOFT mode the full concurrency). A batch in flight always completes; once failures exceed the
 * tolerance the rest of that Region is CANCELLED and the operation FAILS; with RegionConcurrencyType
 * SEQUENTIAL (the default) later Regions are CANCELLED too, with PARALLEL they still run.
 * Simplifications: a whole operation finishes in one step (batches are not spread over ticks); at most
 * one operation runs per stack set at a time (managed execution queues every operation behind the
 * running one, in request order); auto-deployment operations run all targets at once, tolerance 0.
 */
import type { OrganizationFake } from './organization-fake';
import { reactToOrganizationChange } from './stacksets-auto-deployment';
import type { DriftStatus, FakeInstance, FakeOperation, FakeStackSet, OperationAction, OperationTarget } from './stacksets-model';
import { effectiveParameters, IdSource, instanceKey, isFinished, VirtualClock } from './stacksets-model';

export const DEFAULT_FAILURE_REASON =
  'ResourceLogicalId:ConfigRecorder, ResourceType:AWS::Config::ConfigurationRecorder, ResourceStatusReason:MaxNumberOfConfigurationRecordersExceededException';
export const CANCELLED_REASON = 'Cancelled since failure tolerance has exceeded';

/** Makes matching targets fail. Omitted fields match everything. */
export interface FailureRule {
  readonly stackSet?: string;
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
  readonly actions?: readonly OperationAction[];
  readonly reason?: string;
  /** Fail this many matching targets, then stop failing (default: always). */
  readonly times?: number;
}

export interface DriftRule {
  readonly stackSet?: string;
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
  readonly status: Exclude<DriftStatus, 'NOT_CHECKED'>;
}

function matches(rule: { stackSet?: string; accounts?: readonly string[]; regions?: readonly string[] }, ss: string, t: OperationTarget): boolean {
  return (
    (rule.stackSet === undefined || rule.stackSet === ss) &&
    (rule.accounts === undefined || rule.accounts.includes(t.account)) &&
    (rule.regions === undefined || rule.regions.includes(t.region))
  );
}

export class StackSetsEngine {
  readonly stackSets = new Map<string, FakeStackSet>();
  readonly deletedStackSets: FakeStackSet[] = [];
  readonly clock = new VirtualClock();
  readonly ids = new IdSource();
  private failures: Array<FailureRule & { used: number }> = [];
  private drifts: DriftRule[] = [];

  constructor(readonly org: OrganizationFake) {
    org.onChange((change) => reactToOrganizationChange(this, change));
  }

  addFailure(rule: FailureRule): void {
    this.failures.push({ ...rule, used: 0 });
  }

  addDrift(rule: DriftRule): void {
    this.drifts.push(rule);
  }

  clearInjections(): void {
    this.failures = [];
    this.drifts = [];
  }

  /** True when an operation of the stack set is running or queued. */
  busy(ss: FakeStackSet): boolean {
    return [...ss.operations.values()].some((op) => !isFinished(op.status));
  }

  /** Registers an operation: it starts now if the stack set is idle, else it queues. */
  submit(ss: FakeStackSet, op: FakeOperation): void {
    ss.operations.set(op.id, op);
    if (this.canStart(ss, op)) this.start(ss, op);
  }

  /** Moves every unfinished operation one step forward. */
  tick(): void {
    this.clock.advance(1);
    for (const ss of this.stackSets.values()) {
      for (const op of ss.operations.values()) {
        if (op.status === 'RUNNING' || op.status === 'STOPPING') this.step(ss, op);
      }
      const next = [...ss.operations.values()].find((op) => op.status === 'QUEUED');
      if (next !== undefined && this.canStart(ss, next)) this.start(ss, next);
    }
  }

  private canStart(ss: FakeStackSet, op: FakeOperation): boolean {
    const running = [...ss.operations.values()].some((o) => o.status === 'RUNNING' || o.status === 'STOPPING');
    const earlierQueued = [...ss.operations.values()].find((o) => o.status === 'QUEUED');
    return !running && (earlierQueued === undefined || earlierQueued === op) && op.waitsFor.every((w) => isFinished(w.status));
  }

  private start(ss: FakeStackSet, op: FakeOperation): void {
    op.status = 'RUNNING';
    op.phase = 0;
    for (const target of op.targets) {
      const key = instanceKey(target.account, target.region);
      let instance = ss.instances.get(key);
      if (instance === undefined) {
        if (op.effect.kind !== 'create-instances') continue;
        instance = this.newInstance(ss, target);
        ss.instances.set(key, instance);
      }
      instance.ouId = target.ouId;
      if (op.effect.kind === 'create-instances' || op.effect.kind === 'update-instances') {
        applyOverrides(instance, op.effect.overrides);
      }
      if (op.effect.kind !== 'detect-drift') {
        instance.status = instance.status === 'INOPERABLE' ? 'INOPERABLE' : 'OUTDATED';
        instance.detailedStatus = 'PENDING';
        instance.statusReason = undefined;
      }
      instance.lastOperationId = op.id;
    }
  }

  private step(ss: FakeStackSet, op: FakeOperation): void {
    if (op.status === 'STOPPING') {
      for (const t of op.targets.filter((x) => x.status === 'PENDING' || x.status === 'RUNNING')) this.cancel(ss, op, t, 'Cancelled since the operation was stopped');
      this.finish(op, 'STOPPED');
      return;
    }
    if (op.phase === 0) {
      op.phase = 1;
      for (const target of op.targets) {
        target.status = 'RUNNING';
        const instance = ss.instances.get(instanceKey(target.account, target.region));
        if (instance !== undefined && op.effect.kind !== 'detect-drift') instance.detailedStatus = 'RUNNING';
      }
      return;
    }
    const failedRegions = this.runTargets(ss, op);
    if (op.effect.kind === 'detect-drift') ss.lastDriftCheck = this.clock.now();
    this.finish(op, failedRegions.length > 0 ? 'FAILED' : 'SUCCEEDED');
    if (failedRegions.length > 0) op.statusReason = `Failure tolerance exceeded in ${failedRegions.join(', ')}`;
  }

  /** Attempts every target Region by Region; returns the Regions whose tolerance was exceeded. */
  private runTargets(ss: FakeStackSet, op: FakeOperation): string[] {
    const regions = regionOrder(op);
    const parallel = op.autoDeployment || op.preferences.RegionConcurrencyType === 'PARALLEL';
    const failedRegions: string[] = [];
    for (const region of regions) {
      const targets = op.targets.filter((t) => t.region === region);
      const tolerance = op.autoDeployment ? 0 : toleranceFor(op, targets.length);
      let failures = 0;
      let next = 0;
      // Targets run in batches of the current concurrency; a batch in flight always finishes, and
      // once failures exceed the tolerance the rest of the Region is cancelled.
      while (next < targets.length && failures <= tolerance && (parallel || failedRegions.length === 0)) {
        const batch = targets.slice(next, next + concurrencyFor(op, targets.length, tolerance - failures));
        next += batch.length;
        for (const target of batch) {
          const reason = this.injectedFailure(ss.name, op.action, target);
          if (reason === undefined) this.succeed(ss, op, target);
          else {
            failures += 1;
            this.fail(ss, op, target, reason);
          }
        }
      }
      for (const target of targets.slice(next)) this.cancel(ss, op, target, CANCELLED_REASON);
      if (failures > tolerance) failedRegions.push(region);
    }
    return failedRegions;
  }

  private injectedFailure(stackSet: string, action: OperationAction, target: OperationTarget): string | undefined {
    const rule = this.failures.find(
      (r) => matches(r, stackSet, target) && (r.actions === undefined || r.actions.includes(action)) && (r.times === undefined || r.used < r.times),
    );
    if (rule === undefined) return undefined;
    rule.used += 1;
    return rule.reason ?? DEFAULT_FAILURE_REASON;
  }

  private succeed(ss: FakeStackSet, op: FakeOperation, target: OperationTarget): void {
    target.status = 'SUCCEEDED';
    const key = instanceKey(target.account, target.region);
    const instance = ss.instances.get(key);
    if (instance === undefined) return;
    switch (op.effect.kind) {
      case 'delete-instances':
        ss.instances.delete(key);
        return;
      case 'detect-drift': {
        const rule = this.drifts.find((r) => matches(r, ss.name, target));
        instance.driftStatus = rule?.status ?? 'IN_SYNC';
        instance.lastDriftCheck = this.clock.now();
        return;
      }
      case 'create-instances':
      case 'update-instances':
      case 'update-stack-set':
        instance.status = 'CURRENT';
        instance.detailedStatus = 'SUCCEEDED';
        instance.statusReason = undefined;
        instance.deployed = { templateBody: ss.templateBody, parameters: effectiveParameters(ss, instance) };
        return;
    }
  }

  private fail(ss: FakeStackSet, op: FakeOperation, target: OperationTarget, reason: string): void {
    target.status = 'FAILED';
    target.statusReason = reason;
    const instance = ss.instances.get(instanceKey(target.account, target.region));
    if (instance === undefined) return;
    if (op.effect.kind === 'detect-drift') {
      instance.driftStatus = 'UNKNOWN';
      return;
    }
    const deleting = op.effect.kind === 'delete-instances';
    instance.status = deleting ? 'INOPERABLE' : 'OUTDATED';
    instance.detailedStatus = deleting ? 'INOPERABLE' : 'FAILED';
    instance.statusReason = reason;
  }

  private cancel(ss: FakeStackSet, op: FakeOperation, target: OperationTarget, reason: string): void {
    target.status = 'CANCELLED';
    target.statusReason = reason;
    const instance = ss.instances.get(instanceKey(target.account, target.region));
    if (instance === undefined || op.effect.kind === 'detect-drift') return;
    instance.detailedStatus = 'CANCELLED';
    instance.statusReason = reason;
  }

  private finish(op: FakeOperation, status: 'SUCCEEDED' | 'FAILED' | 'STOPPED'): void {
    op.status = status;
    op.endTimestamp = this.clock.now();
  }

  newInstance(ss: FakeStackSet, target: { account: string; region: string; ouId: string }): FakeInstance {
    return {
      account: target.account,
      region: target.region,
      ouId: target.ouId,
      overrides: new Map(),
      status: 'OUTDATED',
      detailedStatus: 'PENDING',
      statusReason: undefined,
      driftStatus: 'NOT_CHECKED',
      lastDriftCheck: undefined,
      lastOperationId: undefined,
      stackId: `arn:aws:cloudformation:${target.region}:${target.account}:stack/StackSet-${ss.name}-${this.ids.next()}/${this.ids.next()}`,
      deployed: undefined,
    };
  }
}

function applyOverrides(instance: FakeInstance, overrides: readonly { ParameterKey?: string; ParameterValue?: string; UsePreviousValue?: boolean }[] | undefined): void {
  // AWS A2: omitted list → keep all; a key absent from a given list → reverts to the stack set value.
  if (overrides === undefined) return;
  const next = new Map<string, string>();
  for (const p of overrides) {
    if (p.ParameterKey === undefined) continue;
    const value = p.UsePreviousValue === true ? instance.overrides.get(p.ParameterKey) : p.ParameterValue;
    if (value !== undefined) next.set(p.ParameterKey, value);
  }
  instance.overrides = next;
}

function regionOrder(op: FakeOperation): string[] {
  const inTargets = [...new Set(op.targets.map((t) => t.region))];
  const preferred = (op.preferences.RegionOrder ?? []).filter((r) => inTargets.includes(r));
  return [...preferred, ...inTargets.filter((r) => !preferred.includes(r))];
}

/**
 * Targets attempted at once in a Region: MaxConcurrentCount, or MaxConcurrentPercentage of the
 * Region's targets rounded down but at least 1 (default 1); with STRICT_FAILURE_TOLERANCE (the
 * default mode) never more than the failures still tolerated + 1, so it shrinks as failures occur.
 */
export function concurrencyFor(op: FakeOperation, regionTargetCount: number, stillTolerated: number): number {
  const { MaxConcurrentCount, MaxConcurrentPercentage, ConcurrencyMode } = op.preferences;
  let concurrency = 1;
  if (MaxConcurrentCount !== undefined) concurrency = MaxConcurrentCount;
  else if (MaxConcurrentPercentage !== undefined) concurrency = Math.max(1, Math.floor((MaxConcurrentPercentage * regionTargetCount) / 100));
  if (op.autoDeployment) concurrency = regionTargetCount;
  else if (ConcurrencyMode !== 'SOFT_FAILURE_TOLERANCE') concurrency = Math.min(concurrency, stillTolerated + 1);
  return Math.max(1, concurrency);
}

/** Failures allowed per Region: the count, or the percentage of the Region's targets rounded down. */
export function toleranceFor(op: FakeOperation, regionTargetCount: number): number {
  const { FailureToleranceCount, FailureTolerancePercentage } = op.preferences;
  if (FailureToleranceCount !== undefined) return FailureToleranceCount;
  if (FailureTolerancePercentage !== undefined) return Math.floor((FailureTolerancePercentage * regionTargetCount) / 100);
  return 0;
}
