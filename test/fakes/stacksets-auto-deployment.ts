/**
 * Auto-deployment (AWS A1/A2): when the test adds, moves or removes an account in the
 * `OrganizationFake`, every stack set with `AutoDeployment.Enabled` reacts as StackSets does:
 * - an account that lands under one of the stack set's target OUs (at any depth, never the
 *   management account) gets a CREATE operation for the stack set's Regions, with NO
 *   ParameterOverrides: it deploys the stack set's default values, whatever overrides the
 *   existing instances of that OU carry;
 * - an account that leaves all target OUs (or the organization) gets a DELETE operation
 *   (RetainStacks = RetainStacksOnAccountRemoval);
 * - an account moving between two target OUs of the same stack set keeps its instances.
 * These operations always queue (no OperationInProgressException), ignore OperationPreferences, and
 * wait for the operations the same change started on the stack sets named in `DependsOn`.
 */
import type { OrganizationChange } from './organization-fake';
import type { StackSetsEngine } from './stacksets-engine';
import type { FakeOperation, FakeStackSet, OperationAction } from './stacksets-model';

/** The targeted OU covering an account: its nearest ancestor among the stack set's target OUs. */
export function coveringOu(engine: StackSetsEngine, ss: FakeStackSet, accountId: string): string | undefined {
  if (accountId === engine.org.managementAccountId) return undefined;
  return engine.org.ancestorsOf(accountId).find((id) => ss.targetOus.has(id));
}

export function reactToOrganizationChange(engine: StackSetsEngine, change: OrganizationChange): void {
  const created = new Map<string, FakeOperation>();
  for (const ss of engine.stackSets.values()) {
    if (ss.autoDeployment.Enabled !== true) continue;
    const regions = [...ss.regions];
    const existing = [...ss.instances.values()].filter((i) => i.account === change.accountId);
    const ou = change.kind === 'account-removed' ? undefined : coveringOu(engine, ss, change.accountId);
    let op: FakeOperation | undefined;
    if (ou !== undefined && existing.length > 0) {
      for (const instance of existing) instance.ouId = ou;
    } else if (ou !== undefined && regions.length > 0) {
      const targets = regions.map((region) => ({ account: change.accountId, region, ouId: ou }));
      op = submitAutoOperation(engine, ss, { action: 'CREATE', targets, effect: { kind: 'create-instances', overrides: undefined } }, created);
    } else if (ou === undefined && existing.length > 0) {
      const retainStacks = ss.autoDeployment.RetainStacksOnAccountRemoval === true;
      const targets = existing.map((i) => ({ account: i.account, region: i.region, ouId: i.ouId }));
      op = submitAutoOperation(engine, ss, { action: 'DELETE', targets, effect: { kind: 'delete-instances', retainStacks } }, created);
    }
    if (op !== undefined) created.set(ss.arn, op);
  }
}

interface AutoOperationSpec {
  readonly action: OperationAction;
  readonly targets: ReadonlyArray<{ account: string; region: string; ouId: string }>;
  readonly effect: FakeOperation['effect'];
}

function submitAutoOperation(
  engine: StackSetsEngine,
  ss: FakeStackSet,
  spec: AutoOperationSpec,
  createdByThisChange: ReadonlyMap<string, FakeOperation>,
): FakeOperation {
  const op: FakeOperation = {
    id: engine.ids.next(),
    stackSetName: ss.name,
    action: spec.action,
    status: 'QUEUED',
    preferences: {},
    retainStacks: spec.effect.kind === 'delete-instances' ? spec.effect.retainStacks : undefined,
    deploymentTargets: undefined,
    creationTimestamp: engine.clock.now(),
    endTimestamp: undefined,
    statusReason: undefined,
    targets: spec.targets.map((t) => ({ ...t, status: 'PENDING', statusReason: undefined })),
    effect: spec.effect,
    autoDeployment: true,
    waitsFor: (ss.autoDeployment.DependsOn ?? []).flatMap((arn) => createdByThisChange.get(arn) ?? []),
    phase: 0,
  };
  engine.submit(ss, op);
  return op;
}
