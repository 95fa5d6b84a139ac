/**
 * An in-memory AWS Organization for tests: one root, nested OUs, accounts (the management account
 * sits in the root), delegated administrators. Build it with the builder methods, hand it to
 * `installAwsFakes`, and the real `OrganizationsClient` answers from it (see organization-api.ts for
 * the commands and their semantics).
 *
 *   const org = new OrganizationFake();                      // management account 111111111111 in r-root
 *   const workloads = org.addOu(org.rootId, 'Workloads');
 *   const prod = org.addOuPath('Root/Workloads/Prod');       // creates missing OUs on the way
 *   const ids = org.addTree({ 'Root/Sandbox': ['444444444444'], 'Root/Sandbox/Dev': 3 }); // path → OU id
 *   org.addAccount(prod, { id: '222222222222', name: 'prod-1' });
 *   org.moveAccount('222222222222', workloads);              // StackSets auto-deployment reacts
 *   org.setPageShape({ emptyPages: 'interleaved', pageSizeCap: 1 });
 *   org.throttle(2, ['ListChildren']);                       // next 2 ListChildren: TooManyRequests
 *   org.calls('ListChildren'); org.callCount('ListRoots'); org.mutatingCalls(); org.clearCalls();
 *   org.ouId('Root/Workloads'); org.pathOf(prod); org.accountsUnder(workloads); org.ancestorsOf(id);
 *
 * IDs are deterministic (`ou-root-00000001`, accounts `2000000000NN`) so outputs can be compared.
 * Simplifications: one root; no policies, handshakes or account creation; builder misuse (unknown
 * parent, duplicate OU name) throws a plain Error because it is a bug in the test, not an AWS error.
 */
import { CallRecorder } from './call-recorder';
import type { AccountStatus, FakeAccount, OrganizationFakeOptions } from './organization-tree';
import { OrganizationTree, STACKSETS_SERVICE_PRINCIPAL } from './organization-tree';
import type { PageShape } from './paging';
import { Paginator } from './paging';

export type { AccountStatus, FakeAccount, FakeOu, OrganizationFakeOptions } from './organization-tree';
export { STACKSETS_SERVICE_PRINCIPAL } from './organization-tree';

export interface AddAccountOptions {
  readonly id?: string;
  readonly name?: string;
  readonly email?: string;
  readonly status?: AccountStatus;
}

/** What changed in the tree; the StackSets fake listens to drive auto-deployment. */
export type OrganizationChange =
  | { readonly kind: 'account-added'; readonly accountId: string; readonly to: string }
  | { readonly kind: 'account-moved'; readonly accountId: string; readonly from: string; readonly to: string }
  | { readonly kind: 'account-removed'; readonly accountId: string; readonly from: string };

const ORGANIZATIONS_MUTATING = new Set<string>([]);
const JOINED = new Date('2024-01-01T00:00:00.000Z');

export class OrganizationFake extends OrganizationTree {
  readonly recorder = new CallRecorder(ORGANIZATIONS_MUTATING);
  readonly paginator = new Paginator('org');

  private readonly listeners: Array<(change: OrganizationChange) => void> = [];
  private ouCounter = 0;
  private accountCounter = 0;

  constructor(options: OrganizationFakeOptions = {}) {
    super(options);
    this.addAccount(this.rootId, { id: this.managementAccountId, name: 'management' });
  }

  // ---- builder -------------------------------------------------------------------------------

  /** Adds an OU under `parentId` (root or OU); returns its id. */
  addOu(parentId: string, name: string, options: { id?: string } = {}): string {
    this.requireParent(parentId);
    if (this.childOusOf(parentId).some((id) => this.ous.get(id)?.name === name)) {
      throw new Error(`OrganizationFake: ${parentId} already has an OU named ${name}`);
    }
    this.ouCounter += 1;
    const id = options.id ?? `ou-${this.rootId.slice(2)}-${this.ouCounter.toString().padStart(8, '0')}`;
    if (this.ous.has(id)) throw new Error(`OrganizationFake: duplicate OU id ${id}`);
    this.ous.set(id, { id, name, parentId });
    this.childOus.set(id, []);
    this.childAccounts.set(id, []);
    this.childOus.get(parentId)?.push(id);
    return id;
  }

  /** Ensures every OU of a path like `Root/Workloads/Prod` exists; returns the last OU's id. */
  addOuPath(path: string): string {
    const [first, ...names] = path.split('/');
    if (first !== 'Root') throw new Error(`OrganizationFake: paths start with Root/, got ${path}`);
    let parent = this.rootId;
    for (const name of names) {
      const existing = this.childOusOf(parent).find((id) => this.ous.get(id)?.name === name);
      parent = existing ?? this.addOu(parent, name);
    }
    return parent;
  }

  /**
   * Builds OUs and accounts from a compact spec: path → account ids, or a number of generated
   * accounts. `{ 'Root/Workloads': ['222222222222'], 'Root/Workloads/Prod': 3 }`. Returns path → OU id.
   */
  addTree(spec: Readonly<Record<string, readonly string[] | number>>): Record<string, string> {
    const ids: Record<string, string> = {};
    for (const [path, accounts] of Object.entries(spec)) {
      const ouId = path === 'Root' ? this.rootId : this.addOuPath(path);
      ids[path] = ouId;
      if (typeof accounts === 'number') for (let i = 0; i < accounts; i += 1) this.addAccount(ouId);
      else for (const id of accounts) this.addAccount(ouId, { id });
    }
    return ids;
  }

  /** Adds an account under `parentId`; returns its id. Fires `account-added` (auto-deployment). */
  addAccount(parentId: string, options: AddAccountOptions = {}): string {
    this.requireParent(parentId);
    this.accountCounter += 1;
    const id = options.id ?? (200000000000 + this.accountCounter).toString();
    if (!/^\d{12}$/.test(id)) throw new Error(`OrganizationFake: account ids have 12 digits, got ${id}`);
    if (this.accounts.has(id)) throw new Error(`OrganizationFake: duplicate account ${id}`);
    const name = options.name ?? `account-${id}`;
    this.accounts.set(id, {
      id,
      name,
      email: options.email ?? `${name}@example.com`,
      status: options.status ?? 'ACTIVE',
      parentId,
      joinedMethod: id === this.managementAccountId ? 'CREATED' : 'INVITED',
      joinedTimestamp: JOINED,
    });
    this.childAccounts.get(parentId)?.push(id);
    this.emit({ kind: 'account-added', accountId: id, to: parentId });
    return id;
  }

  /** Moves an account to another parent (MoveAccount). Fires `account-moved`. */
  moveAccount(accountId: string, destinationParentId: string): void {
    const account = this.requireAccount(accountId);
    this.requireParent(destinationParentId);
    const from = account.parentId;
    if (from === destinationParentId) return;
    this.detach(account);
    this.accounts.set(accountId, { ...account, parentId: destinationParentId });
    this.childAccounts.get(destinationParentId)?.push(accountId);
    this.emit({ kind: 'account-moved', accountId, from, to: destinationParentId });
  }

  /** Removes an account from the organization (RemoveAccountFromOrganization). */
  removeAccount(accountId: string): void {
    const account = this.requireAccount(accountId);
    if (accountId === this.managementAccountId) throw new Error('OrganizationFake: the management account cannot leave');
    this.detach(account);
    this.accounts.delete(accountId);
    this.emit({ kind: 'account-removed', accountId, from: account.parentId });
  }

  registerDelegatedAdministrator(accountId: string, servicePrincipal = STACKSETS_SERVICE_PRINCIPAL): void {
    this.requireAccount(accountId);
    const principals = this.delegatedAdmins.get(accountId) ?? new Set<string>();
    principals.add(servicePrincipal);
    this.delegatedAdmins.set(accountId, principals);
  }

  // ---- knobs ---------------------------------------------------------------------------------

  setPageShape(shape: PageShape): void {
    this.paginator.shape = shape;
  }

  throttle(count: number, operations?: readonly string[]): void {
    this.recorder.throttle(count, operations);
  }

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

  /** Forgets the call log (not the organization), e.g. after seeding a scenario. */
  clearCalls(): void {
    this.recorder.clear();
  }

  onChange(listener: (change: OrganizationChange) => void): void {
    this.listeners.push(listener);
  }

  private detach(account: FakeAccount): void {
    const siblings = this.childAccounts.get(account.parentId) ?? [];
    siblings.splice(siblings.indexOf(account.id), 1);
  }

  private emit(change: OrganizationChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
