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
 *   org.calls('ListChildren'); org.callCount('ListRoots'); org.mutatingCalls();
 *
 * IDs are deterministic (`ou-root-00000001`, accounts `2000000000NN`) so outputs can be compared.
 * Simplifications: one root; no policies, handshakes or account creation; builder misuse (unknown
 * parent, duplicate OU name) throws a plain Error because it is a bug in the test, not an AWS error.
 */
import { CallRecorder } from './call-recorder';
import type { PageShape } from './paging';
import { Paginator } from './paging';

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';

export interface FakeAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly status: AccountStatus;
  readonly parentId: string;
  readonly joinedMethod: 'CREATED' | 'INVITED';
  readonly joinedTimestamp: Date;
}

export interface FakeOu {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
}

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

export interface OrganizationFakeOptions {
  readonly organizationId?: string;
  readonly rootId?: string;
  readonly managementAccountId?: string;
  readonly featureSet?: 'ALL' | 'CONSOLIDATED_BILLING';
}

export const STACKSETS_SERVICE_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com';

const ORGANIZATIONS_MUTATING = new Set<string>([]);
const JOINED = new Date('2024-01-01T00:00:00.000Z');

export class OrganizationFake {
  readonly organizationId: string;
  readonly rootId: string;
  readonly managementAccountId: string;
  readonly featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  readonly recorder = new CallRecorder(ORGANIZATIONS_MUTATING);
  readonly paginator = new Paginator('org');

  private readonly ous = new Map<string, FakeOu>();
  private readonly accounts = new Map<string, FakeAccount>();
  private readonly childOus = new Map<string, string[]>();
  private readonly childAccounts = new Map<string, string[]>();
  private readonly delegatedAdmins = new Map<string, Set<string>>();
  private readonly listeners: Array<(change: OrganizationChange) => void> = [];
  private ouCounter = 0;
  private accountCounter = 0;

  constructor(options: OrganizationFakeOptions = {}) {
    this.organizationId = options.organizationId ?? 'o-exampleorg1';
    this.rootId = options.rootId ?? 'r-root';
    this.managementAccountId = options.managementAccountId ?? '111111111111';
    this.featureSet = options.featureSet ?? 'ALL';
    this.childOus.set(this.rootId, []);
    this.childAccounts.set(this.rootId, []);
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

  // ---- queries (used by the API handlers, the StackSets fake and test assertions) -------------

  ou(id: string): FakeOu | undefined {
    return this.ous.get(id);
  }

  account(id: string): FakeAccount | undefined {
    return this.accounts.get(id);
  }

  isParent(id: string): boolean {
    return id === this.rootId || this.ous.has(id);
  }

  /** Direct child OUs of a parent, in creation order (a copy). */
  childOusOf(parentId: string): string[] {
    return [...(this.childOus.get(parentId) ?? [])];
  }

  /** Direct accounts of a parent, in the order they arrived (a copy). */
  childAccountsOf(parentId: string): string[] {
    return [...(this.childAccounts.get(parentId) ?? [])];
  }

  allAccountIds(): string[] {
    return [...this.accounts.keys()];
  }

  /** The OU id of a path like `Root/Workloads/Prod` (the root id for `Root`). */
  ouId(path: string): string {
    const [first, ...names] = path.split('/');
    let current = this.rootId;
    for (const name of names) {
      const next = this.childOusOf(current).find((id) => this.ous.get(id)?.name === name);
      if (first !== 'Root' || next === undefined) throw new Error(`OrganizationFake: no OU at ${path}`);
      current = next;
    }
    return current;
  }

  /** `Root/Workloads/Prod` for an OU id (`Root` for the root). */
  pathOf(parentId: string): string {
    const names: string[] = [];
    for (let id = parentId; id !== this.rootId; ) {
      const ou = this.ous.get(id);
      if (ou === undefined) throw new Error(`OrganizationFake: unknown OU ${parentId}`);
      names.unshift(ou.name);
      id = ou.parentId;
    }
    return ['Root', ...names].join('/');
  }

  /** The chain of parents of an account or OU, nearest first, ending with the root. */
  ancestorsOf(id: string): string[] {
    const chain: string[] = [];
    let parent = this.accounts.get(id)?.parentId ?? this.ous.get(id)?.parentId;
    while (parent !== undefined) {
      chain.push(parent);
      parent = parent === this.rootId ? undefined : this.ous.get(parent)?.parentId;
    }
    return chain;
  }

  /** Accounts directly in `parentId` and in all OUs below it. */
  accountsUnder(parentId: string): string[] {
    const result = [...this.childAccountsOf(parentId)];
    for (const child of this.childOusOf(parentId)) result.push(...this.accountsUnder(child));
    return result;
  }

  isDelegatedAdministrator(accountId: string, servicePrincipal = STACKSETS_SERVICE_PRINCIPAL): boolean {
    return this.delegatedAdmins.get(accountId)?.has(servicePrincipal) ?? false;
  }

  delegatedAdministrators(): Array<{ accountId: string; servicePrincipals: string[] }> {
    return [...this.delegatedAdmins].map(([accountId, set]) => ({ accountId, servicePrincipals: [...set] }));
  }

  private detach(account: FakeAccount): void {
    const siblings = this.childAccounts.get(account.parentId) ?? [];
    siblings.splice(siblings.indexOf(account.id), 1);
  }

  private requireParent(parentId: string): void {
    if (!this.isParent(parentId)) throw new Error(`OrganizationFake: unknown parent ${parentId}`);
  }

  private requireAccount(accountId: string): FakeAccount {
    const account = this.accounts.get(accountId);
    if (account === undefined) throw new Error(`OrganizationFake: unknown account ${accountId}`);
    return account;
  }

  private emit(change: OrganizationChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
