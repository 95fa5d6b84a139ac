/**
 * The tree of an in-memory organization (root, nested OUs, accounts, delegated administrators) and
 * the read-only queries on it that the Organizations handlers, the StackSets fake and test
 * assertions use. `OrganizationFake` (organization-fake.ts) adds the builder and the knobs.
 */

/**
 * The account's `State` (Organizations' newer field). `Status` is deprecated and carries only the
 * first three values; an account in one of the others comes without `Status` (aws-facts H).
 */
export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'PENDING_ACTIVATION' | 'CLOSED';

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

export interface OrganizationFakeOptions {
  readonly organizationId?: string;
  readonly rootId?: string;
  readonly managementAccountId?: string;
  readonly featureSet?: 'ALL' | 'CONSOLIDATED_BILLING';
}

export const STACKSETS_SERVICE_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com';

export class OrganizationTree {
  readonly organizationId: string;
  readonly rootId: string;
  readonly managementAccountId: string;
  readonly featureSet: 'ALL' | 'CONSOLIDATED_BILLING';

  protected readonly ous = new Map<string, FakeOu>();
  protected readonly accounts = new Map<string, FakeAccount>();
  protected readonly childOus = new Map<string, string[]>();
  protected readonly childAccounts = new Map<string, string[]>();
  protected readonly delegatedAdmins = new Map<string, Set<string>>();

  constructor(options: OrganizationFakeOptions = {}) {
    this.organizationId = options.organizationId ?? 'o-exampleorg1';
    this.rootId = options.rootId ?? 'r-root';
    this.managementAccountId = options.managementAccountId ?? '111111111111';
    this.featureSet = options.featureSet ?? 'ALL';
    this.childOus.set(this.rootId, []);
    this.childAccounts.set(this.rootId, []);
  }

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

  protected requireParent(parentId: string): void {
    if (!this.isParent(parentId)) throw new Error(`OrganizationFake: unknown parent ${parentId}`);
  }

  protected requireAccount(accountId: string): FakeAccount {
    const account = this.accounts.get(accountId);
    if (account === undefined) throw new Error(`OrganizationFake: unknown account ${accountId}`);
    return account;
  }
}
