/**
 * Which OUs each stack set targets. StackSets deploy to an OU *and all its descendants*, so a profile
 * naming OU P while another names C inside P must not target P itself: it targets the largest OUs
 * inside P whose subtrees hold no other profile's OU. Accounts directly in such a P then have no
 * safe target (targeting P would reach C); they are reported, never silently covered or dropped.
 */
import type { ConfigProblem } from '../config/config';
import { toConfigError } from '../config/config';
import type { DeployConfig } from '../config/config-types';
import type { OrgTree, OuResolution } from '../org/org-tree';
import { isDeployable, nodesTopDown, quotedPath, resolveOuRef } from '../org/org-tree';

export interface ResolvedOus {
  /** Profile name → node ids it names (as resolved, deduplicated). */
  readonly profileOus: ReadonlyMap<string, readonly string[]>;
  readonly skipOus: readonly string[];
}

/** Resolves every OU reference of the config; all unknown references fail together, with suggestions. */
export function resolveConfigOus(config: DeployConfig, tree: OrgTree): ResolvedOus {
  const problems: ConfigProblem[] = [];
  const resolve = (ref: string, path: string): string | undefined => {
    const result = resolveOuRef(tree, ref);
    if (result.ok) return result.node.id;
    problems.push(unresolvedOuProblem({ tree, path, ref, result }));
    return undefined;
  };
  const owner = new Map<string, { profile: string; ref: string }>();
  const profileOus = new Map<string, string[]>();
  for (const profile of config.profiles) {
    const ids: string[] = [];
    profile.ous.forEach((ref, index) => {
      const path = `profiles.${profile.name}.ous[${index}]`;
      const id = resolve(ref, path);
      if (id === undefined) return;
      const first = owner.get(id);
      if (first !== undefined && first.profile !== profile.name) {
        problems.push({
          path,
          message: `"${ref}" is the same OU as "${first.ref}" in profile "${first.profile}"; an OU gets exactly one profile.`,
          fix: 'remove it from one of the two profiles (a child OU of it may go in another profile).',
        });
        return;
      }
      owner.set(id, { profile: profile.name, ref });
      if (!ids.includes(id)) ids.push(id);
    });
    profileOus.set(profile.name, ids);
  }
  // A skip OU not in the organization skips nothing: a plan warning (config-warnings.ts), not an error.
  const skipOus = config.baseline.skipOus.flatMap((ref, index) => {
    const result = resolveOuRef(tree, ref);
    if (result.ok) return [result.node.id];
    // A missing skip OU skips nothing (a plan warning, config-warnings.ts); a path naming several
    // OUs must be written exactly, or the baseline could go where a recorder exists already.
    if ('ambiguous' in result) problems.push(unresolvedOuProblem({ tree, path: `baseline.skipOus[${index}]`, ref, result }));
    return [];
  });
  if (problems.length > 0) throw toConfigError(config.file, problems);
  return { profileOus, skipOus: [...new Set(skipOus)] };
}

/** The config problem for an OU reference that names no OU, or several (a name with "/"). */
export function unresolvedOuProblem(options: { tree: OrgTree; path: string; ref: string; result: Exclude<OuResolution, { ok: true }> }): ConfigProblem {
  const { tree, path, ref, result } = options;
  if ('ambiguous' in result) {
    return {
      path,
      message: `"${ref}" names ${result.ambiguous.length} OUs, because an OU name contains "/": ${result.ambiguous.map((n) => `${n.id} (${quotedPath(tree, n.id)})`).join(', ')}.`,
      fix: 'write the id of the one you mean (ou-…).',
    };
  }
  return {
    path,
    message: `OU "${ref}" does not exist in the organization.`,
    fix: result.suggestions.length === 0 ? 'write an OU id (ou-…), a root id (r-…) or a path like Root/Workloads.' : `did you mean ${result.suggestions.map((s) => `"${s}"`).join(', ')}?`,
  };
}

export interface Uncovered {
  /** The OU whose direct accounts no target can reach safely. */
  readonly nodeId: string;
  readonly label: string;
  readonly accountIds: readonly string[];
}

export interface Targets {
  /** Label → the maximal OUs whose whole subtree carries that label, top-down order. */
  readonly targets: ReadonlyMap<string, readonly string[]>;
  readonly uncovered: readonly Uncovered[];
  /** node id → label of its nearest labelled ancestor-or-self. */
  readonly ownerOf: ReadonlyMap<string, string>;
}

/**
 * Labels each node by its nearest labelled ancestor-or-self, then returns for each label the
 * maximal subtrees carrying only that label. O(nodes).
 */
export function computeTargets(tree: OrgTree, labelOf: (nodeId: string) => string | undefined): Targets {
  const order = nodesTopDown(tree);
  const ownerOf = new Map<string, string>();
  for (const id of order) {
    const node = tree.nodes.get(id);
    const own = labelOf(id) ?? (node?.parentId === undefined ? undefined : ownerOf.get(node.parentId));
    if (own !== undefined) ownerOf.set(id, own);
  }
  // pure: the label every node of the subtree carries; undefined = unlabelled; MIXED = not one label.
  const MIXED = '\u0000mixed';
  const pure = new Map<string, string | undefined>();
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const id = order[i] as string;
    const own = ownerOf.get(id);
    const node = tree.nodes.get(id);
    const same = (node?.childIds ?? []).every((c) => pure.get(c) === own);
    pure.set(id, same ? own : MIXED);
  }
  const targets = new Map<string, string[]>();
  const uncovered: Uncovered[] = [];
  for (const id of order) {
    const node = tree.nodes.get(id);
    const label = pure.get(id);
    if (node === undefined) continue;
    if (label !== undefined && label !== MIXED) {
      const parentPure = node.parentId === undefined ? MIXED : pure.get(node.parentId);
      if (parentPure !== label) targets.set(label, [...(targets.get(label) ?? []), id]);
    }
    const own = ownerOf.get(id);
    if (label === MIXED && own !== undefined) {
      const accountIds = node.accountIds.filter((a) => isDeployable(tree, a));
      if (accountIds.length > 0) uncovered.push({ nodeId: id, label: own, accountIds });
    }
  }
  return { targets, uncovered, ownerOf };
}

export const BASELINE_LABEL = 'baseline';
const SKIP_LABEL = 'skip';

/** The rule stack sets' targets: one label per profile. */
export function computeRuleTargets(tree: OrgTree, ous: ResolvedOus): Targets {
  const named = new Map<string, string>();
  for (const [profile, ids] of ous.profileOus) for (const id of ids) named.set(id, profile);
  return computeTargets(tree, (id) => named.get(id));
}

/** The baseline's targets: every profile OU, minus the skipped subtrees (a skip wins over a profile below it). */
export function computeBaselineTargets(tree: OrgTree, ous: ResolvedOus): Targets {
  const included = new Set([...ous.profileOus.values()].flat());
  const skipped = new Set(ous.skipOus);
  const skipOwner = computeTargets(tree, (id) => (skipped.has(id) ? SKIP_LABEL : undefined)).ownerOf;
  const result = computeTargets(tree, (id) => (skipOwner.get(id) === SKIP_LABEL ? SKIP_LABEL : included.has(id) ? BASELINE_LABEL : undefined));
  return {
    targets: new Map([...result.targets].filter(([label]) => label === BASELINE_LABEL)),
    uncovered: result.uncovered.filter((u) => u.label === BASELINE_LABEL),
    ownerOf: result.ownerOf,
  };
}
