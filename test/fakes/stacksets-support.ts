/**
 * Input checks shared by the StackSets command handlers, each failing the way CloudFormation does:
 * stack set / operation lookup, OperationId format and reuse, one-operation-at-a-time, operation
 * preferences, template parameters and capabilities, and service-managed deployment targets
 * (OU subtree expansion, management account excluded, AccountFilterType, ≤ 50 OUs where AWS says so).
 */
import {
  InsufficientCapabilitiesException,
  OperationIdAlreadyExistsException,
  OperationInProgressException,
  OperationNotFoundException,
  StackSetNotFoundException,
} from '@aws-sdk/client-cloudformation';
import { cfnValidationError, copyData, sdkError } from './aws-errors';
import type { Paginator } from './paging';
import type { StackSetsEngine } from './stacksets-engine';
import type { FakeOperation, FakeStackSet, OperationPreferences, TemplateParameter, WireParameter } from './stacksets-model';
import { isFinished, readTemplateParameters } from './stacksets-model';

export type Input = Record<string, unknown>;

/** What a handler may use: the engine and whether this call can see the organization's stack sets. */
export interface StackSetsContext {
  readonly engine: StackSetsEngine;
  /** False for a delegated admin calling with CallAs SELF: it only sees its own (no) stack sets. */
  readonly seesOrgStackSets: boolean;
  readonly paginator: Paginator;
  /** Trusted access between StackSets and Organizations (ActivateOrganizationsAccess). */
  readonly organizationsAccess: { enabled: boolean };
  /** S3 objects that TemplateURL may name (`StackSetsFake.putTemplateObject`). */
  readonly templateObjects: ReadonlyMap<string, string>;
  readonly pageSize: { readonly default: number; readonly max: number };
}

export const MAX_OUS_PER_CALL = 50;
export const MAX_TEMPLATE_BODY_BYTES = 51_200;
export const MAX_TEMPLATE_URL_BYTES = 1_048_576;
const OPERATION_ID = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const OU_OR_ROOT = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

export function requireString(input: Input, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw cfnValidationError(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

export function findStackSet(ctx: StackSetsContext, input: Input): FakeStackSet {
  const name = requireString(input, 'StackSetName');
  const ss = ctx.seesOrgStackSets
    ? [...ctx.engine.stackSets.values()].find((s) => s.name === name || s.id === name)
    : undefined;
  if (ss === undefined) throw sdkError(StackSetNotFoundException, 404, `StackSet ${name} not found`);
  return ss;
}

export function findOperation(ss: FakeStackSet, input: Input): FakeOperation {
  const id = requireString(input, 'OperationId');
  const op = ss.operations.get(id);
  if (op === undefined) throw sdkError(OperationNotFoundException, 404, `Operation ${id} not found`);
  return op;
}

/**
 * The OperationId of a new operation, after AWS's checks: format (ValidationError); then, without
 * managed execution, one operation at a time (OperationInProgressException) — checked BEFORE reuse,
 * because AWS answers a retry of a still-running operation's id with OperationInProgressException
 * (hashicorp/terraform-provider-aws#28675, #41388); then reuse of an id (OperationIdAlreadyExistsException).
 */
export function admitOperation(ctx: StackSetsContext, ss: FakeStackSet, input: Input): string {
  const given = input.OperationId;
  if (given !== undefined && (typeof given !== 'string' || given.length > 128 || !OPERATION_ID.test(given))) {
    throw cfnValidationError(
      `1 validation error detected: Value '${JSON.stringify(given)}' at 'operationId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9][-a-zA-Z0-9]*`,
    );
  }
  if (ctx.engine.busy(ss) && !ss.managedExecution.Active) {
    throw sdkError(
      OperationInProgressException,
      409,
      `Another Operation on StackSet ${ss.arn} is in progress`,
    );
  }
  if (typeof given === 'string' && ss.operations.has(given)) {
    throw sdkError(OperationIdAlreadyExistsException, 409, 'The specified operation ID already exists.');
  }
  return typeof given === 'string' ? given : ctx.engine.ids.next();
}

export function readPreferences(input: Input): OperationPreferences {
  const p = (input.OperationPreferences ?? {}) as OperationPreferences;
  if (p.FailureToleranceCount !== undefined && p.FailureTolerancePercentage !== undefined) {
    throw cfnValidationError('You can specify either FailureToleranceCount or FailureTolerancePercentage, but not both.');
  }
  if (p.MaxConcurrentCount !== undefined && p.MaxConcurrentPercentage !== undefined) {
    throw cfnValidationError('You can specify either MaxConcurrentCount or MaxConcurrentPercentage, but not both.');
  }
  for (const field of ['FailureTolerancePercentage', 'MaxConcurrentPercentage'] as const) {
    const v = p[field];
    if (v !== undefined && (v < 0 || v > 100)) throw cfnValidationError(`${field} must be between 0 and 100.`);
  }
  if (p.MaxConcurrentCount !== undefined && p.MaxConcurrentCount < 1) throw cfnValidationError('MaxConcurrentCount must be at least 1.');
  const strict = p.ConcurrencyMode !== 'SOFT_FAILURE_TOLERANCE';
  if (strict && p.MaxConcurrentCount !== undefined && p.FailureToleranceCount !== undefined && p.MaxConcurrentCount > p.FailureToleranceCount + 1) {
    throw cfnValidationError('MaxConcurrentCount must be at most FailureToleranceCount + 1 with STRICT_FAILURE_TOLERANCE.');
  }
  return copyData(p);
}

/**
 * The template of a Create/UpdateStackSet call and its parameters: exactly one of TemplateBody
 * (≤ 51,200 bytes) or TemplateURL (an object registered with `StackSetsFake.putTemplateObject`,
 * ≤ 1 MB), and it must parse.
 */
export function readTemplate(ctx: StackSetsContext, input: Input): { body: string; parameters: TemplateParameter[] } {
  const { TemplateBody: inline, TemplateURL: url } = input;
  if ((inline === undefined) === (url === undefined)) throw cfnValidationError('Specify exactly one of TemplateBody or TemplateURL.');
  if (url !== undefined) {
    const object = typeof url === 'string' ? ctx.templateObjects.get(url) : undefined;
    if (object === undefined) throw cfnValidationError('TemplateURL must reference a valid S3 object to which you have access.');
    if (Buffer.byteLength(object, 'utf8') > MAX_TEMPLATE_URL_BYTES) throw cfnValidationError(`Template may not exceed ${MAX_TEMPLATE_URL_BYTES} bytes in size.`);
    return parseTemplate(object);
  }
  if (typeof inline !== 'string' || inline === '') throw cfnValidationError('TemplateBody must not be empty.');
  if (Buffer.byteLength(inline, 'utf8') > MAX_TEMPLATE_BODY_BYTES) {
    throw cfnValidationError(
      `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TEMPLATE_BODY_BYTES}`,
    );
  }
  return parseTemplate(inline);
}

function parseTemplate(body: string): { body: string; parameters: TemplateParameter[] } {
  const parameters = readTemplateParameters(body);
  if (parameters === undefined) throw cfnValidationError('Template format error: not a JSON or YAML template');
  return { body, parameters };
}

/** CAPABILITY_IAM for IAM resources, CAPABILITY_NAMED_IAM when they carry custom names. */
export function checkCapabilities(body: string, capabilities: readonly string[]): void {
  if (!body.includes('AWS::IAM::')) return;
  const named = /"?\b(RoleName|UserName|GroupName|ManagedPolicyName|InstanceProfileName)"?\s*:/.test(body);
  const required = named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM';
  const ok = capabilities.includes('CAPABILITY_NAMED_IAM') || (!named && capabilities.includes('CAPABILITY_IAM'));
  if (!ok) throw sdkError(InsufficientCapabilitiesException, 400, `Requires capabilities : [${required}]`);
}

/** The stack set's parameter values after applying `given` (UsePreviousValue keeps `previous`). */
export function resolveStackSetParameters(
  template: readonly TemplateParameter[],
  given: readonly WireParameter[] | undefined,
  previous: ReadonlyMap<string, string>,
): Map<string, string> {
  const known = new Set(template.map((p) => p.key));
  const unknown = (given ?? []).map((p) => p.ParameterKey ?? '').filter((k) => !known.has(k));
  if (unknown.length > 0) throw cfnValidationError(`Parameters: [${unknown.join(', ')}] do not exist in the template`);
  const values = new Map<string, string>();
  for (const p of template) {
    const sent = given?.find((g) => g.ParameterKey === p.key);
    const value = sent === undefined ? (given === undefined ? previous.get(p.key) : undefined) : sent.UsePreviousValue === true ? previous.get(p.key) : sent.ParameterValue;
    if (value !== undefined) values.set(p.key, value);
  }
  const missing = template.filter((p) => p.defaultValue === undefined && !values.has(p.key)).map((p) => p.key);
  if (missing.length > 0) throw cfnValidationError(`Parameters: [${missing.join(', ')}] must have values`);
  return values;
}

export function readRegions(input: Input): string[] {
  const regions = input.Regions;
  if (!Array.isArray(regions) || regions.length === 0) throw cfnValidationError('Regions must contain at least one Region.');
  for (const r of regions) if (typeof r !== 'string' || !REGION.test(r)) throw cfnValidationError(`Region ${String(r)} is not valid.`);
  return [...new Set(regions as string[])];
}

export interface ResolvedTargets {
  readonly ous: string[];
  /** Every account covered, with the requested OU covering it (its nearest requested ancestor). */
  readonly accounts: Array<{ account: string; ouId: string }>;
}

/** Expands DeploymentTargets of a service-managed stack set into accounts (AWS A7, A9). */
export function resolveTargets(ctx: StackSetsContext, input: Input, opts: { create: boolean; limitOus: boolean }): ResolvedTargets {
  if (input.Accounts !== undefined) {
    throw cfnValidationError('Accounts can be specified only for stack sets with SELF_MANAGED permissions; use DeploymentTargets.');
  }
  const targets = (input.DeploymentTargets ?? {}) as { OrganizationalUnitIds?: string[]; Accounts?: string[]; AccountFilterType?: string; AccountsUrl?: string };
  const ous = targets.OrganizationalUnitIds ?? [];
  if (ous.length === 0) throw cfnValidationError('DeploymentTargets.OrganizationalUnitIds is required for stack sets with SERVICE_MANAGED permissions.');
  if (opts.limitOus && ous.length > MAX_OUS_PER_CALL) {
    throw cfnValidationError(`1 validation error detected: Value at 'deploymentTargets.organizationalUnitIds' failed to satisfy constraint: Member must have length less than or equal to ${MAX_OUS_PER_CALL}`);
  }
  if (targets.AccountsUrl !== undefined) throw cfnValidationError('This fake does not support DeploymentTargets.AccountsUrl.');
  const org = ctx.engine.org;
  for (const ou of ous) {
    if (!OU_OR_ROOT.test(ou) || !org.isParent(ou)) throw cfnValidationError(`OrganizationalUnitId ${ou} is not valid or does not exist in the organization.`);
  }
  const listed = targets.Accounts ?? [];
  const filter = targets.AccountFilterType ?? (listed.length > 0 ? undefined : 'NONE');
  if (filter === undefined && opts.create) throw cfnValidationError('AccountFilterType is required when DeploymentTargets has both OrganizationalUnitIds and Accounts.');
  if (filter === 'UNION' && opts.create) throw cfnValidationError('AccountFilterType UNION is not supported for CreateStackInstances.');
  const requested = new Set(ous);
  const covered = new Map<string, string>();
  for (const ou of ous) {
    for (const account of org.accountsUnder(ou)) {
      if (account === org.managementAccountId || covered.has(account)) continue;
      covered.set(account, org.ancestorsOf(account).find((id) => requested.has(id)) ?? ou);
    }
  }
  let accounts = [...covered].map(([account, ouId]) => ({ account, ouId }));
  if (filter === 'INTERSECTION') accounts = accounts.filter((a) => listed.includes(a.account));
  if (filter === 'DIFFERENCE') accounts = accounts.filter((a) => !listed.includes(a.account));
  return { ous: [...new Set(ous)], accounts };
}

export function unfinished(ss: FakeStackSet): FakeOperation[] {
  return [...ss.operations.values()].filter((op) => !isFinished(op.status));
}
