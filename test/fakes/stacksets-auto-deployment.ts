/**
 * Auto-deployment (AWS A1/A2): when the test adds, moves or removes an account in the
 * `OrganizationFake`, every stack set with `AutoDeployment.Enabled` reacts as StackSets does:
 * - an account that lands under an OU the stack set targets (at any depth, never the management
 *   account) gets a CREATE operation for each Region those targets deploy to, with NO
 *   ParameterOverrides: it deploys the stack set's default values, whatever overrides the
 *   existing instances of that OU carry;
 * - an account that leaves the targets (or the organization) gets a DELETE operation for the
 *   Regions it no longer belongs to (RetainStacks = RetainStacksOnAccountRemoval), queued before
 *   the CREATE of its new place;
 * - an account moving between two targets covering the same Regions keeps its instances.
 * These operations always queue (no OperationInProgressException), ignore OperationPreferences, and
 * wait for the operations the same change started on the stack sets named in `DependsOn`.
 */
import type { OrganizationChange } from './organization-fake';
import type { StackSetsEngine } from './stacksets-engine';
import type { FakeOperation, FakeStackSet, OperationAction } from './stacksets-model';

/**
 * Where a stack set covers an account: for each Region, the nearest ancestor OU targeted in that
 * Region. Empty for the management account (AWS A9) and for accounts outside every target.
 */
export function coverage(engine: StackSetsEngine, ss: FakeStackSet, accountId: string): Map<string, string> {
  const byRegion = new Map<string, string>();
  if (accountId === engine.org.managementAccountId) return byRegion;
  for (const ou of engine.org.ancestorsOf(accountId)) {
    for (const region of ss.targets.get(ou) ?? []) if (!byRegion.has(region)) byRegion.set(region, ou);
  }
  return byRegion;
}

export function reactToOrganizationChange(engine: StackSetsEngine, change: OrganizationChange): void {
  const created = new Map<string, FakeOperation>();
  for (const ss of engine.stackSets.values()) {
    if (ss.autoDeployment.Enabled !== true) continue;
    const wanted = change.kind === 'account-removed' ? new Map<string, string>() : coverage(engine, ss, change.accountId);
    const existing = [...ss.instances.values()].filter((i) => i.account === change.accountId);
    for (const instance of existing) instance.ouId = wanted.get(instance.region) ?? instance.ouId;
    const leaving = existing.filter((i) => !wanted.has(i.region)).map((i) => ({ account: i.account, region: i.region, ouId: i.ouId }));
    const arriving = [...wanted]
      .filter(([region]) => !existing.some((i) => i.region === region))
      .map(([region, ouId]) => ({ account: change.accountId, region, ouId }));
    // AWS runs the delete for the old place, then queues the create for the new one.
    if (leaving.length > 0) {
      const retainStacks = ss.autoDeployment.RetainStacksOnAccountRemoval === true;
      created.set(ss.arn, submitAutoOperation(engine, ss, { action: 'DELETE', targets: leaving, effect: { kind: 'delete-instances', retainStacks } }, created));
    }
    if (arriving.length > 0) {
      created.set(ss.arn, submitAutoOperation(engine, ss, { action: 'CREATE', targets: arriving, effect: { kind: 'create-instances', overrides: undefined } }, created));
    }
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
