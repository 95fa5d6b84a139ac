/**
 * Fast subtree questions over an OrgTree, for planning and simulating at organization scale (1,000 OUs,
 * 10,000 accounts): the deployable accounts below a node are one contiguous slice of a depth-first list,
 * so "which accounts does an OU target reach" costs the size of the answer. Built once per tree.
 */
import type { OrgTree } from './org-tree';
import { isDeployable, nodesTopDown } from './org-tree';

export interface OrgIndex {
  readonly tree: OrgTree;
  /** Every deployable account, depth first: a subtree's accounts are the slice `range(node)`. */
  readonly accounts: readonly string[];
  /** The account's place in `accounts`; undefined for an account no StackSet deploys to. */
  position(account: string): number | undefined;
  /** The slice of `accounts` below a node, as [start, end); [0, 0] for a node not in the organization. */
  range(nodeId: string): readonly [number, number];
  /**
   * The accounts a service-managed StackSet reaches through this node: every deployable account of its
   * subtree (AWS: an OU target includes its child OUs; never the management account; suspended
   * accounts are skipped). Empty for a node not in the organization.
   */
  accountsUnder(nodeId: string): readonly string[];
  /** The node and its ancestors up to the root, nearest first. */
  ancestorsOf(nodeId: string): readonly string[];
  /** True if `ancestorId` is `nodeId` or one of its ancestors. */
  isWithin(nodeId: string, ancestorId: string): boolean;
}

const indexes = new WeakMap<OrgTree, OrgIndex>();

export function indexOrg(tree: OrgTree): OrgIndex {
  const cached = indexes.get(tree);
  if (cached !== undefined) return cached;
  const order = nodesTopDown(tree);
  const accounts: string[] = [];
  const start = new Map<string, number>();
  const end = new Map<string, number>();
  const depth = new Map<string, number>();
  // Depth-first: each node's own accounts, then its children's subtrees, so a subtree is one slice.
  const visit = (id: string, level: number): void => {
    const node = tree.nodes.get(id);
    if (node === undefined) return;
    start.set(id, accounts.length);
    depth.set(id, level);
    for (const account of node.accountIds) if (isDeployable(tree, account)) accounts.push(account);
    for (const child of node.childIds) visit(child, level + 1);
    end.set(id, accounts.length);
  };
  if (order.length > 0) visit(tree.rootId, 0);
  const ancestors = new Map<string, readonly string[]>();
  const positions = new Map(accounts.map((a, i) => [a, i]));
  const index: OrgIndex = {
    tree,
    accounts,
    position: (account) => positions.get(account),
    range: (id) => [start.get(id) ?? 0, end.get(id) ?? 0],
    accountsUnder: (id) => accounts.slice(start.get(id) ?? 0, end.get(id) ?? 0),
    ancestorsOf(id) {
      let list = ancestors.get(id);
      if (list === undefined) {
        const chain: string[] = [];
        for (let n: string | undefined = id; n !== undefined && tree.nodes.has(n); n = tree.nodes.get(n)?.parentId) chain.push(n);
        list = chain;
        ancestors.set(id, list);
      }
      return list;
    },
    isWithin(id, ancestorId) {
      const depthOf = depth.get(id);
      const depthOfAncestor = depth.get(ancestorId);
      if (depthOf === undefined || depthOfAncestor === undefined || depthOf < depthOfAncestor) return false;
      return index.ancestorsOf(id).includes(ancestorId);
    },
  };
  indexes.set(tree, index);
  return index;
}
