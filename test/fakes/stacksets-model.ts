/**
 * The state of the StackSets fake: stack sets, their stack instances (account × Region, with
 * per-instance ParameterOverrides) and their operations (with per-target results), plus the small
 * pure helpers the engine and the handlers share (ids, the virtual clock, template parameters,
 * effective parameter values). Wire values (status enums, field names) are AWS's own.
 */
import { parse as parseYaml } from 'yaml';

export type OperationAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'DETECT_DRIFT';
export type OperationStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'STOPPING' | 'STOPPED';
export type ResultStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
export type InstanceStatus = 'CURRENT' | 'OUTDATED' | 'INOPERABLE';
export type DetailedStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'INOPERABLE';
export type DriftStatus = 'DRIFTED' | 'IN_SYNC' | 'NOT_CHECKED' | 'UNKNOWN';

/** A CloudFormation `Parameter` as sent on the wire. */
export interface WireParameter {
  readonly ParameterKey?: string;
  readonly ParameterValue?: string;
  readonly UsePreviousValue?: boolean;
}

export interface OperationPreferences {
  readonly RegionConcurrencyType?: 'SEQUENTIAL' | 'PARALLEL';
  readonly RegionOrder?: string[];
  readonly FailureToleranceCount?: number;
  readonly FailureTolerancePercentage?: number;
  readonly MaxConcurrentCount?: number;
  readonly MaxConcurrentPercentage?: number;
  readonly ConcurrencyMode?: 'STRICT_FAILURE_TOLERANCE' | 'SOFT_FAILURE_TOLERANCE';
}

export interface FakeInstance {
  readonly account: string;
  readonly region: string;
  /** The targeted OU through which the account is covered (nearest targeted ancestor). */
  ouId: string;
  /** ParameterOverrides of this instance, key → value. Auto-deployed instances have none. */
  overrides: Map<string, string>;
  status: InstanceStatus;
  detailedStatus: DetailedStatus;
  statusReason: string | undefined;
  driftStatus: DriftStatus;
  lastDriftCheck: Date | undefined;
  lastOperationId: string | undefined;
  readonly stackId: string;
  /** What the last successful deployment put in the account: template and resolved parameters. */
  deployed: { readonly templateBody: string; readonly parameters: Readonly<Record<string, string>> } | undefined;
}

export interface OperationTarget {
  readonly account: string;
  readonly region: string;
  readonly ouId: string;
  status: ResultStatus;
  statusReason: string | undefined;
}

/** What an operation does to each target when it succeeds. */
export type OperationEffect =
  | { readonly kind: 'create-instances'; readonly overrides: readonly WireParameter[] | undefined }
  | { readonly kind: 'update-instances'; readonly overrides: readonly WireParameter[] | undefined }
  | { readonly kind: 'update-stack-set' }
  | { readonly kind: 'delete-instances'; readonly retainStacks: boolean }
  | { readonly kind: 'detect-drift' };

export interface FakeOperation {
  readonly id: string;
  readonly stackSetName: string;
  readonly action: OperationAction;
  status: OperationStatus;
  readonly preferences: OperationPreferences;
  readonly retainStacks: boolean | undefined;
  readonly deploymentTargets: Readonly<Record<string, unknown>> | undefined;
  readonly creationTimestamp: Date;
  endTimestamp: Date | undefined;
  statusReason: string | undefined;
  readonly targets: OperationTarget[];
  readonly effect: OperationEffect;
  /** Started by auto-deployment (account added/moved/removed), not by an API call. */
  readonly autoDeployment: boolean;
  /** Operations (of DependsOn stack sets) that must finish before this one starts. */
  readonly waitsFor: readonly FakeOperation[];
  /** 0: just started (targets PENDING); 1: targets RUNNING; the next step finishes. */
  phase: number;
}

export interface TemplateParameter {
  readonly key: string;
  readonly defaultValue: string | undefined;
}

export interface FakeStackSet {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
  description: string | undefined;
  templateBody: string;
  templateParameters: TemplateParameter[];
  /** The stack set's own parameter values (as last set by Create/UpdateStackSet), key → value. */
  parameters: Map<string, string>;
  capabilities: string[];
  tags: Array<{ Key: string; Value: string }>;
  autoDeployment: { Enabled?: boolean; RetainStacksOnAccountRemoval?: boolean; DependsOn?: string[] };
  managedExecution: { Active: boolean };
  status: 'ACTIVE' | 'DELETED';
  /**
   * Deployment targets: OU (or root) id → Regions, as added by CreateStackInstances and removed by
   * DeleteStackInstances. DescribeStackSet.OrganizationalUnitIds / Regions and
   * ListStackSetAutoDeploymentTargets read it; auto-deployment covers accounts below these OUs.
   */
  readonly targets: Map<string, Set<string>>;
  readonly instances: Map<string, FakeInstance>;
  readonly operations: Map<string, FakeOperation>;
  lastDriftCheck: Date | undefined;
}

export function instanceKey(account: string, region: string): string {
  return `${account}/${region}`;
}

/** Deterministic UUID-shaped ids (valid OperationIds and stack set id suffixes). */
export class IdSource {
  private counter = 0;

  next(): string {
    this.counter += 1;
    return `00000000-0000-4000-8000-${this.counter.toString(16).padStart(12, '0')}`;
  }
}

/** A virtual clock: time moves only when the fake ticks, so timestamps are reproducible. */
export class VirtualClock {
  private millis = Date.parse('2025-01-01T00:00:00.000Z');

  now(): Date {
    return new Date(this.millis);
  }

  advance(seconds: number): void {
    this.millis += seconds * 1000;
  }
}

/** Reads the Parameters section of a JSON or YAML template (short-form tags are tolerated). */
export function readTemplateParameters(templateBody: string): TemplateParameter[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(templateBody);
  } catch {
    try {
      parsed = parseYaml(templateBody, { logLevel: 'silent' });
    } catch {
      return undefined;
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const section = (parsed as { Parameters?: unknown }).Parameters ?? {};
  if (typeof section !== 'object' || section === null) return undefined;
  return Object.entries(section as Record<string, { Default?: unknown }>).map(([key, spec]) => ({
    key,
    defaultValue: spec?.Default === undefined ? undefined : stringValue(spec.Default),
  }));
}

function stringValue(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

/** The values an instance deploys with: template defaults ← stack set values ← instance overrides. */
export function effectiveParameters(stackSet: FakeStackSet, instance: FakeInstance | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of stackSet.templateParameters) {
    const value = instance?.overrides.get(p.key) ?? stackSet.parameters.get(p.key) ?? p.defaultValue;
    if (value !== undefined) values[p.key] = value;
  }
  return values;
}

/** Adds or removes Regions of OUs in a stack set's deployment targets. */
export function editTargets(ss: FakeStackSet, ous: readonly string[], regions: readonly string[], add: boolean): void {
  for (const ou of ous) {
    const set = ss.targets.get(ou) ?? new Set<string>();
    for (const region of regions) {
      if (add) set.add(region);
      else set.delete(region);
    }
    if (set.size > 0) ss.targets.set(ou, set);
    else ss.targets.delete(ou);
  }
}

export function isFinished(status: OperationStatus): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED' || status === 'STOPPED';
}
