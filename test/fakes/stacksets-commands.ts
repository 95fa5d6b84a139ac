/**
 * The mutating StackSets commands. Each instance operation returns an OperationId (the given one or a
 * generated one) and starts or queues an operation in the engine; CreateStackSet / DeleteStackSet
 * act at once, as on AWS. Simplifications (documented, deliberate): SERVICE_MANAGED only; TemplateURL
 * only for objects registered with `putTemplateObject`; an unknown OU is a synchronous ValidationError; CreateStackInstances on an
 * existing instance redeploys it with the new overrides; DeleteStackSet of an unknown (or already
 * deleted) name answers StackSetNotFoundException — AWS's API reference does not list it for
 * DeleteStackSet, so the fake takes the stricter answer: a resumed prune must tolerate it either way.
 * Deployment targets are tracked per OU and Region: CreateStackInstances adds them,
 * DeleteStackInstances removes them. As AWS documents, UpdateStackSet with DeploymentTargets/Regions
 * marks every instance OUTDATED and then updates only the targeted ones. UpdateStackSet cannot change
 * ManagedExecution while it also sends a template or parameter values (InvalidOperationException).
 * CreateStackSet needs trusted access and an all-features organization, else AWS's "You must enable organizations access…" error.
 * The checks on OperationId, preferences, templates and targets are in stacksets-support.ts.
 */
import { InvalidOperationException, NameAlreadyExistsException, OperationInProgressException, StackInstanceNotFoundException, StackSetNotEmptyException } from '@aws-sdk/client-cloudformation';
import { cfnValidationError, copyData, sdkError } from './aws-errors';
import type { FakeOperation, FakeStackSet, OperationAction, OperationTarget, WireParameter } from './stacksets-model';
import { editTargets, instanceKey } from './stacksets-model';
import type { Input, StackSetsContext } from './stacksets-support';
import {
  admitOperation,
  checkCapabilities,
  findOperation,
  findStackSet,
  readPreferences,
  readRegions,
  readTemplate,
  requireString,
  resolveStackSetParameters,
  resolveTargets,
  unfinished,
} from './stacksets-support';

type Handler = (ctx: StackSetsContext, input: Input) => object;
const STACK_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;

function requireServiceManagedCaller(ctx: StackSetsContext): void {
  if (!ctx.seesOrgStackSets) {
    throw cfnValidationError('StackSets with SERVICE_MANAGED permissions can be managed only from the management account, or by a delegated administrator with CallAs DELEGATED_ADMIN.');
  }
}

function readAutoDeployment(ctx: StackSetsContext, input: Input): FakeStackSet['autoDeployment'] {
  const auto = input.AutoDeployment as FakeStackSet['autoDeployment'];
  if (auto.RetainStacksOnAccountRemoval !== undefined && auto.Enabled !== true) {
    throw cfnValidationError('RetainStacksOnAccountRemoval can be specified only if Enabled is true.');
  }
  for (const arn of auto.DependsOn ?? []) {
    if (![...ctx.engine.stackSets.values()].some((s) => s.arn === arn)) throw cfnValidationError(`AutoDeployment.DependsOn: StackSet ${arn} not found`);
  }
  return copyData(auto);
}

function newOperation(ctx: StackSetsContext, ss: FakeStackSet, input: Input, spec: { id: string; action: OperationAction; targets: OperationTarget[]; effect: FakeOperation['effect'] }): object {
  const op: FakeOperation = {
    id: spec.id,
    stackSetName: ss.name,
    action: spec.action,
    status: 'QUEUED',
    preferences: readPreferences(input),
    retainStacks: typeof input.RetainStacks === 'boolean' ? input.RetainStacks : undefined,
    deploymentTargets: input.DeploymentTargets === undefined ? undefined : copyData(input.DeploymentTargets as Record<string, unknown>),
    creationTimestamp: ctx.engine.clock.now(),
    endTimestamp: undefined,
    statusReason: undefined,
    targets: spec.targets,
    effect: spec.effect,
    autoDeployment: false,
    waitsFor: [],
    phase: 0,
  };
  ctx.engine.submit(ss, op);
  return { OperationId: op.id };
}

function pending(account: string, region: string, ouId: string): OperationTarget {
  return { account, region, ouId, status: 'PENDING', statusReason: undefined };
}

function checkOverrideKeys(ss: FakeStackSet, overrides: readonly WireParameter[] | undefined): void {
  const unknown = (overrides ?? []).map((p) => p.ParameterKey ?? '').filter((k) => !ss.templateParameters.some((t) => t.key === k));
  if (unknown.length > 0) throw cfnValidationError(`ParameterOverrides: [${unknown.join(', ')}] do not exist in the stack set template`);
}

export const STACKSETS_COMMANDS: Readonly<Record<string, Handler>> = {
  CreateStackSet: (ctx, input) => {
    const name = requireString(input, 'StackSetName');
    if (name.length > 128 || !STACK_SET_NAME.test(name)) throw cfnValidationError(`Stack set name ${name} must match [a-zA-Z][-a-zA-Z0-9]*.`);
    if (input.PermissionModel !== 'SERVICE_MANAGED') throw cfnValidationError('This fake supports PermissionModel SERVICE_MANAGED only.');
    requireServiceManagedCaller(ctx);
    if (!ctx.organizationsAccess.enabled || ctx.engine.org.featureSet !== 'ALL') {
      // AWS A1: service-managed needs all features and trusted access; AWS gives this one message.
      throw cfnValidationError('You must enable organizations access to operate a service managed stack set');
    }
    if (input.AutoDeployment === undefined) throw cfnValidationError('AutoDeployment is required for stack sets with SERVICE_MANAGED permissions.');
    if ([...ctx.engine.stackSets.values()].some((s) => s.name === name)) throw sdkError(NameAlreadyExistsException, 409, `StackSet ${name} already exists`);
    const template = readTemplate(ctx, input);
    const capabilities = (input.Capabilities ?? []) as string[];
    checkCapabilities(template.body, capabilities);
    const uuid = ctx.engine.ids.next();
    const ss: FakeStackSet = {
      name,
      id: `${name}:${uuid}`,
      arn: `arn:aws:cloudformation:us-east-1:${ctx.engine.org.managementAccountId}:stackset/${name}:${uuid}`,
      description: typeof input.Description === 'string' ? input.Description : undefined,
      templateBody: template.body,
      templateParameters: template.parameters,
      parameters: resolveStackSetParameters(template.parameters, (input.Parameters ?? []) as WireParameter[], new Map()),
      capabilities: [...capabilities],
      tags: copyData((input.Tags ?? []) as FakeStackSet['tags']),
      autoDeployment: readAutoDeployment(ctx, input),
      managedExecution: { Active: (input.ManagedExecution as { Active?: boolean } | undefined)?.Active === true },
      status: 'ACTIVE',
      targets: new Map(),
      instances: new Map(),
      operations: new Map(),
      lastDriftCheck: undefined,
    };
    ctx.engine.stackSets.set(ss.id, ss);
    return { StackSetId: ss.id };
  },

  UpdateStackSet: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const hasTargets = input.DeploymentTargets !== undefined || input.Regions !== undefined;
    if (input.AutoDeployment !== undefined && hasTargets) throw cfnValidationError('You cannot specify AutoDeployment together with DeploymentTargets or Regions.');
    const active = (input.ManagedExecution as { Active?: boolean } | undefined)?.Active;
    if (active !== undefined && active !== ss.managedExecution.Active && unfinished(ss).length > 0) {
      throw sdkError(InvalidOperationException, 400, 'You can\'t modify your StackSet\'s execution configuration while there are running or queued operations.');
    }
    const newTemplate = input.TemplateBody !== undefined || input.TemplateURL !== undefined;
    // AWS refuses a ManagedExecution change beside a template or parameter update (the error seen in
    // hashicorp/terraform-provider-aws#35031 and aws-cloudformation/rain#748), even with the same body.
    const newValues = ((input.Parameters ?? []) as WireParameter[]).some((p) => p.UsePreviousValue !== true);
    if (active !== undefined && active !== ss.managedExecution.Active && (newTemplate || newValues)) {
      throw sdkError(InvalidOperationException, 400, 'Cannot update ManagedExecution while updating StackSet Template or Parameters');
    }
    if (newTemplate === (input.UsePreviousTemplate === true)) {
      throw cfnValidationError('Specify exactly one of TemplateBody, TemplateURL or UsePreviousTemplate.');
    }
    const template = newTemplate ? readTemplate(ctx, input) : { body: ss.templateBody, parameters: ss.templateParameters };
    const capabilities = (input.Capabilities ?? ss.capabilities) as string[];
    checkCapabilities(template.body, capabilities);
    const parameters = resolveStackSetParameters(template.parameters, input.Parameters as WireParameter[] | undefined, ss.parameters);
    let selected = [...ss.instances.values()];
    if (hasTargets) {
      const targets = resolveTargets(ctx, input, { create: false, limitOus: false });
      const regions = readRegions(input);
      const accounts = new Set(targets.accounts.map((a) => a.account));
      selected = selected.filter((i) => accounts.has(i.account) && regions.includes(i.region));
    }
    const id = admitOperation(ctx, ss, input);
    Object.assign(ss, { templateBody: template.body, templateParameters: template.parameters, parameters, capabilities: [...capabilities] });
    if (typeof input.Description === 'string') ss.description = input.Description;
    if (input.Tags !== undefined) ss.tags = copyData(input.Tags as FakeStackSet['tags']);
    if (input.AutoDeployment !== undefined) ss.autoDeployment = readAutoDeployment(ctx, input);
    if (active !== undefined) ss.managedExecution = { Active: active };
    // AWS marks every instance OUTDATED, then updates only the targeted ones.
    for (const i of ss.instances.values()) if (i.status === 'CURRENT') i.status = 'OUTDATED';
    const targets = selected.filter((i) => i.status !== 'INOPERABLE').map((i) => pending(i.account, i.region, i.ouId));
    return newOperation(ctx, ss, input, { id, action: 'UPDATE', targets, effect: { kind: 'update-stack-set' } });
  },

  DeleteStackSet: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    if (unfinished(ss).length > 0) throw sdkError(OperationInProgressException, 409, 'Another Operation on StackSet is in progress.');
    if (ss.instances.size > 0) throw sdkError(StackSetNotEmptyException, 409, `StackSet ${ss.name} is not empty: it still has ${ss.instances.size} stack instances.`);
    ss.status = 'DELETED';
    ctx.engine.stackSets.delete(ss.id);
    ctx.engine.deletedStackSets.push(ss);
    return {};
  },

  CreateStackInstances: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const targets = resolveTargets(ctx, input, { create: true, limitOus: true });
    const regions = readRegions(input);
    const overrides = input.ParameterOverrides as WireParameter[] | undefined;
    checkOverrideKeys(ss, overrides);
    const id = admitOperation(ctx, ss, input);
    editTargets(ss, targets.ous, regions, true);
    const opTargets = regions.flatMap((region) => targets.accounts.map((a) => pending(a.account, region, a.ouId)));
    return newOperation(ctx, ss, input, { id, action: 'CREATE', targets: opTargets, effect: { kind: 'create-instances', overrides } });
  },

  UpdateStackInstances: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const targets = resolveTargets(ctx, input, { create: false, limitOus: true });
    const regions = readRegions(input);
    const overrides = input.ParameterOverrides as WireParameter[] | undefined;
    checkOverrideKeys(ss, overrides);
    const id = admitOperation(ctx, ss, input);
    const opTargets = regions.flatMap((region) =>
      targets.accounts.filter((a) => ss.instances.has(instanceKey(a.account, region))).map((a) => pending(a.account, region, a.ouId)),
    );
    if (opTargets.length === 0) throw sdkError(StackInstanceNotFoundException, 404, `No stack instances of StackSet ${ss.name} in the given targets and Regions`);
    return newOperation(ctx, ss, input, { id, action: 'UPDATE', targets: opTargets, effect: { kind: 'update-instances', overrides } });
  },

  DeleteStackInstances: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    if (typeof input.RetainStacks !== 'boolean') throw cfnValidationError('1 validation error detected: Value null at \'retainStacks\' failed to satisfy constraint: Member must not be null');
    // By OU, AWS deletes the instances of every account below it, also those a narrower target inside
    // it reached (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStackInstances.html).
    // Only the OUs named stop being targets; what AWS does to a nested target is not documented, and
    // the fake keeps it listed (so a planner that forgets to deploy it again is caught).
    const targets = resolveTargets(ctx, input, { create: false, limitOus: false });
    const regions = readRegions(input);
    const id = admitOperation(ctx, ss, input);
    const opTargets = regions.flatMap((region) =>
      targets.accounts.filter((a) => ss.instances.has(instanceKey(a.account, region))).map((a) => pending(a.account, region, ss.instances.get(instanceKey(a.account, region))?.ouId ?? a.ouId)),
    );
    editTargets(ss, targets.ous, regions, false);
    return newOperation(ctx, ss, input, { id, action: 'DELETE', targets: opTargets, effect: { kind: 'delete-instances', retainStacks: input.RetainStacks } });
  },

  DetectStackSetDrift: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const id = admitOperation(ctx, ss, input);
    const targets = [...ss.instances.values()].map((i) => pending(i.account, i.region, i.ouId));
    return newOperation(ctx, ss, input, { id, action: 'DETECT_DRIFT', targets, effect: { kind: 'detect-drift' } });
  },

  ActivateOrganizationsAccess: (ctx) => {
    requireServiceManagedCaller(ctx);
    ctx.organizationsAccess.enabled = true;
    return {};
  },

  StopStackSetOperation: (ctx, input) => {
    const ss = findStackSet(ctx, input);
    const op = findOperation(ss, input);
    if (op.status === 'RUNNING') op.status = 'STOPPING';
    else if (op.status === 'QUEUED') {
      op.status = 'STOPPED';
      op.endTimestamp = ctx.engine.clock.now();
      for (const t of op.targets) Object.assign(t, { status: 'CANCELLED', statusReason: 'Cancelled since the operation was stopped' });
    } else throw sdkError(InvalidOperationException, 400, `Operation ${op.id} is ${op.status} and cannot be stopped.`);
    return {};
  },
};
