/**
 * Whom `publish` shares the portfolio with: the config's `serviceCatalog.shareOus` (by default the
 * profiles' OUs) resolved against the organization. An OU share reaches its child OUs, so an OU
 * below another listed one is left out; the root becomes the ORGANIZATION node (`o-…`, not `r-…`).
 * https://docs.aws.amazon.com/servicecatalog/latest/dg/API_OrganizationNode.html
 */
import type { ConfigProblem } from '../deploy/config/config';
import { toConfigError } from '../deploy/config/config';
import type { DeployConfig } from '../deploy/config/config-types';
import type { OrgTree } from '../deploy/org/org-tree';
import { isWithin, resolveOuRef } from '../deploy/org/org-tree';
import { unresolvedOuProblem } from '../deploy/plan/targeting';

export interface ShareTarget {
  readonly type: 'ORGANIZATION' | 'ORGANIZATIONAL_UNIT';
  /** `o-…` or `ou-…`: the OrganizationNode value. */
  readonly value: string;
  readonly path: string;
}

export function resolveShareTargets(config: Pick<DeployConfig, 'file' | 'serviceCatalog'>, tree: OrgTree): ShareTarget[] {
  const problems: ConfigProblem[] = [];
  const ids: string[] = [];
  config.serviceCatalog.shareOus.forEach((ref, index) => {
    const path = `serviceCatalog.shareOus[${index}]`;
    const result = resolveOuRef(tree, ref);
    if (!result.ok) {
      problems.push(unresolvedOuProblem({ tree, path, ref, result }));
    } else if (result.node.id === tree.rootId && tree.organizationId === undefined) {
      problems.push({ path, message: 'shares with the whole organization, whose id (o-…) is unknown here.', fix: 'run against the organization (publish reads it), or write the snapshot again with `plan --save-org`.' });
    } else if (!ids.includes(result.node.id)) {
      ids.push(result.node.id);
    }
  });
  if (problems.length > 0) throw toConfigError(config.file, problems);
  return ids
    .filter((id) => !ids.some((other) => other !== id && isWithin(tree, id, other)))
    .map((id): ShareTarget => {
      const path = tree.nodes.get(id)?.path ?? id;
      return id === tree.rootId ? { type: 'ORGANIZATION', value: tree.organizationId ?? id, path } : { type: 'ORGANIZATIONAL_UNIT', value: id, path };
    });
}
