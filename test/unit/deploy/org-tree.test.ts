import { parseDeployConfig } from '../../../src/deploy/config/config';
import { buildOrgTree, countReachableAccounts, quotedPath, resolveOuRef } from '../../../src/deploy/org/org-tree';
import { resolveConfigOus } from '../../../src/deploy/plan/targeting';

const TREE = buildOrgTree({
  root: { id: 'r-ab12', name: 'Root' },
  ous: [
    { id: 'ou-ab12-11111111', name: 'Workloads', parentId: 'r-ab12' },
    { id: 'ou-ab12-22222222', name: 'Prod', parentId: 'ou-ab12-11111111' },
  ],
  accounts: [
    { id: '111111111111', name: 'management', parentId: 'r-ab12' },
    { id: '222222222222', name: 'a', parentId: 'ou-ab12-11111111' },
    { id: '333333333333', name: 'b', parentId: 'ou-ab12-22222222' },
    { id: '444444444444', name: 'c', parentId: 'ou-ab12-22222222', status: 'SUSPENDED' },
    { id: '555555555555', name: 'd', parentId: 'ou-ab12-22222222', status: 'PENDING_CLOSURE' },
  ],
  managementAccountId: '111111111111',
});

describe('org tree', () => {
  it('counts the accounts a target reaches: not the management account, not suspended or closing ones', () => {
    expect(Object.fromEntries(countReachableAccounts(TREE))).toEqual({ 'r-ab12': 2, 'ou-ab12-11111111': 2, 'ou-ab12-22222222': 1 });
  });

  it.each([
    ['Root/Workloads/Prod', 'ou-ab12-22222222'],
    ['ou-ab12-11111111', 'ou-ab12-11111111'],
    ['r-ab12', 'r-ab12'],
  ])('resolves %s', (ref, id) => {
    const result = resolveOuRef(TREE, ref);
    expect(result.ok && result.node.id).toBe(id);
  });

  it.each([
    ['Root/Workloads/prod', ['Root/Workloads/Prod', 'Root/Workloads', 'Root']],
    ['ou-ab12-11111112', ['ou-ab12-11111111', 'ou-ab12-22222222', 'r-ab12']],
  ])('suggests the closest for an unknown %s', (ref, suggestions) => {
    expect(resolveOuRef(TREE, ref)).toEqual({ ok: false, suggestions });
  });

  it('refuses a path that names two OUs (an OU name may contain "/"), naming both with their ids', () => {
    const tree = buildOrgTree({
      root: { id: 'r-ab12', name: 'Root' },
      ous: [
        { id: 'ou-ab12-11111111', name: 'A', parentId: 'r-ab12' },
        { id: 'ou-ab12-22222222', name: 'B', parentId: 'ou-ab12-11111111' },
        { id: 'ou-ab12-33333333', name: 'A/B', parentId: 'r-ab12' },
      ],
      accounts: [],
    });
    const result = resolveOuRef(tree, 'Root/A/B');
    expect(!result.ok && 'ambiguous' in result && result.ambiguous.map((n) => n.id).sort()).toEqual(['ou-ab12-22222222', 'ou-ab12-33333333']);
    expect(quotedPath(tree, 'ou-ab12-33333333')).toBe('Root › "A/B"');
    expect(quotedPath(tree, 'ou-ab12-22222222')).toBe('Root › "A" › "B"');
    expect(() => resolveConfigOus(parseDeployConfig('regions: [us-east-1]\nprofiles:\n  web: { allowedIngress: "443", ous: [Root/A/B] }', 'org.yaml'), tree)).toThrow(
      /org\.yaml:profiles\.web\.ous\[0\]: "Root\/A\/B" names 2 OUs, because an OU name contains "\/": ou-ab12-22222222 \(Root › "A" › "B"\), ou-ab12-33333333 \(Root › "A\/B"\)\. Fix: write the id of the one you mean/,
    );
  });
});
