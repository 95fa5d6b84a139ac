/**
 * The organization as plain data: the root, the OUs with their paths, the accounts. Built once from
 * the Organizations API (src/aws/organizations-reader.ts) or a test fixture; the planner only reads it.
 */
import { closestMatches } from './closest';

export interface OrgNode {
  /** `r-…` for the root, `ou-…` for an OU. */
  readonly id: string;
  readonly name: string;
  readonly parentId: string | undefined;
  /** Names from the root, e.g. `Root/Workloads/Prod`. */
  readonly path: string;
  readonly childIds: readonly string[];
  /** Accounts directly in this node (not in child OUs). */
  readonly accountIds: readonly string[];
}

export interface OrgAccount {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  /** Account.State (Status only where State is missing). */
  readonly status: string;
}

export interface OrgTree {
  readonly rootId: string;
  readonly nodes: ReadonlyMap<string, OrgNode>;
  readonly accounts: ReadonlyMap<string, OrgAccount>;
  readonly managementAccountId: string | undefined;
  /** `ALL` or `CONSOLIDATED_BILLING`; service-managed StackSets need ALL. */
  readonly featureSet?: string;
  /** `o-…`: what a share with the whole organization names (Service Catalog's ORGANIZATION node). */
  readonly organizationId?: string;
}

export interface OrgTreeInput {
  readonly root: { readonly id: string; readonly name: string };
  readonly ous: readonly { readonly id: string; readonly name: string; readonly parentId: string }[];
  readonly accounts: readonly { readonly id: string; readonly name: string; readonly parentId: string; readonly status?: string }[];
  readonly managementAccountId?: string;
  readonly featureSet?: string;
  readonly organizationId?: string;
}

/** Builds the tree; children and accounts are sorted (by name, by id) so every output is deterministic. */
export function buildOrgTree(input: OrgTreeInput): OrgTree {
  const children = new Map<string, { id: string; name: string }[]>();
  const accountsOf = new Map<string, string[]>();
  for (const ou of input.ous) children.set(ou.parentId, [...(children.get(ou.parentId) ?? []), ou]);
  for (const account of input.accounts) accountsOf.set(account.parentId, [...(accountsOf.get(account.parentId) ?? []), account.id]);
  const nodes = new Map<string, OrgNode>();
  const visit = ({ id, name }: { id: string; name: string }, parentId: string | undefined, path: string): void => {
    const kids = [...(children.get(id) ?? [])].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    nodes.set(id, { id, name, parentId, path, childIds: kids.map((k) => k.id), accountIds: [...(accountsOf.get(id) ?? [])].sort() });
    for (const kid of kids) visit(kid, id, `${path}/${kid.name}`);
  };
  visit(input.root, undefined, input.root.name);
  const accounts = new Map<string, OrgAccount>();
  for (const a of input.accounts) {
    if (nodes.has(a.parentId)) accounts.set(a.id, { id: a.id, name: a.name, parentId: a.parentId, status: a.status ?? 'ACTIVE' });
  }
  return {
    rootId: input.root.id,
    nodes,
    accounts,
    managementAccountId: input.managementAccountId,
    featureSet: input.featureSet,
    ...(input.organizationId === undefined ? {} : { organizationId: input.organizationId }),
  };
}

export type OuResolution =
  | { readonly ok: true; readonly node: OrgNode }
  | { readonly ok: false; readonly suggestions: readonly string[] }
  /** A path that names several OUs: OU names may contain "/", so `Root/A/B` may be B in A or "A/B" in Root. */
  | { readonly ok: false; readonly ambiguous: readonly OrgNode[] };

const ID_REF = /^(?:r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

/** Resolves an OU given by id (`ou-…`, `r-…`) or path (`Root/Workloads`); suggests the closest paths. */
export function resolveOuRef(tree: OrgTree, ref: string): OuResolution {
  if (ID_REF.test(ref)) {
    const node = tree.nodes.get(ref);
    if (node !== undefined) return { ok: true, node };
    return { ok: false, suggestions: closestMatches(ref, tree.nodes.keys()) };
  }
  const paths = pathIndex(tree);
  const nodes = paths.get(ref) ?? [];
  const [node] = nodes;
  if (nodes.length > 1) return { ok: false, ambiguous: nodes };
  if (node !== undefined) return { ok: true, node };
  return { ok: false, suggestions: closestMatches(ref, paths.keys()) };
}

const pathIndexes = new WeakMap<OrgTree, Map<string, OrgNode[]>>();
function pathIndex(tree: OrgTree): Map<string, OrgNode[]> {
  let index = pathIndexes.get(tree);
  if (index === undefined) {
    index = new Map();
    for (const n of tree.nodes.values()) index.set(n.path, [...(index.get(n.path) ?? []), n]);
    pathIndexes.set(tree, index);
  }
  return index;
}

/** The path with each name quoted, unambiguous even when a name contains "/": `Root › "A/B" › "C"`. */
export function quotedPath(tree: OrgTree, id: string): string {
  const names: string[] = [];
  for (let n = tree.nodes.get(id); n !== undefined; n = n.parentId === undefined ? undefined : tree.nodes.get(n.parentId)) names.unshift(n.parentId === undefined ? n.name : JSON.stringify(n.name));
  return names.join(' › ');
}

/** Node ids from the root down (parents before children), in sibling order. */
export function nodesTopDown(tree: OrgTree): string[] {
  const order: string[] = [];
  const stack = [tree.rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    order.push(id);
    const node = tree.nodes.get(id);
    if (node !== undefined) for (let i = node.childIds.length - 1; i >= 0; i -= 1) stack.push(node.childIds[i] as string);
  }
  return order;
}

/** True if `ancestorId` is `id` or one of its ancestors. */
export function isWithin(tree: OrgTree, id: string, ancestorId: string): boolean {
  for (let current: string | undefined = id; current !== undefined; current = tree.nodes.get(current)?.parentId) {
    if (current === ancestorId) return true;
  }
  return false;
}

/**
 * True if a service-managed StackSet deploys to the account: never the management account (A9), and
 * only an ACTIVE one (Account.State): a SUSPENDED, PENDING_CLOSURE or CLOSED account is skipped
 * (SKIPPED_SUSPENDED_ACCOUNT), and a PENDING_ACTIVATION one cannot run stacks yet.
 */
export function isDeployable(tree: OrgTree, accountId: string): boolean {
  const status = tree.accounts.get(accountId)?.status ?? 'ACTIVE';
  return accountId !== tree.managementAccountId && status === 'ACTIVE';
}

/** Accounts a StackSet targeting this node reaches: the subtree's deployable accounts. */
export function countReachableAccounts(tree: OrgTree): Map<string, number> {
  const counts = new Map<string, number>();
  const order = nodesTopDown(tree);
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const node = tree.nodes.get(order[i] as string);
    if (node === undefined) continue;
    const own = node.accountIds.filter((a) => isDeployable(tree, a)).length;
    counts.set(node.id, node.childIds.reduce((sum, c) => sum + (counts.get(c) ?? 0), own));
  }
  return counts;
}
