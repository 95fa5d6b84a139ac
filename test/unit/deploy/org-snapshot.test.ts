/** The organization snapshot: the tree survives the round trip, and the writer is deterministic. */
import fc from 'fast-check';
import { ORG_SNAPSHOT_SCHEMA, orgTreeFromSnapshot, parseOrgSnapshot, renderOrgSnapshot, toOrgSnapshot } from '../../../src/deploy/org/org-snapshot';
import type { OrgTree } from '../../../src/deploy/org/org-tree';
import { buildOrgTree } from '../../../src/deploy/org/org-tree';
import Ajv from 'ajv';
import { orgFromPaths } from './fixtures';

const SAVED = new Date('2026-05-01T12:00:00.000Z');
const plain = (tree: OrgTree) => ({
  rootId: tree.rootId,
  nodes: [...tree.nodes.values()].map((n) => ({ ...n })),
  accounts: [...tree.accounts.values()].sort((a, b) => a.id.localeCompare(b.id)),
  managementAccountId: tree.managementAccountId,
  featureSet: tree.featureSet,
  organizationId: tree.organizationId,
});

describe('org snapshot', () => {
  it('is a valid schema under strict ajv', () => {
    expect(() => new Ajv({ strict: true }).compile(ORG_SNAPSHOT_SCHEMA)).not.toThrow();
  });

  it('round-trips a tree: same nodes, paths, accounts and organization', () => {
    const tree = orgFromPaths({ 'Root/Workloads': 2, 'Root/Workloads/Prod': 1, 'Root/Sandbox': 0 });
    const withOrg = buildOrgTree({
      root: { id: tree.rootId, name: 'Root' },
      ous: [...tree.nodes.values()].filter((n) => n.parentId !== undefined).map((n) => ({ id: n.id, name: n.name, parentId: n.parentId as string })),
      accounts: [...tree.accounts.values()].map((a, i) => ({ ...a, status: i === 1 ? 'SUSPENDED' : a.status })),
      managementAccountId: tree.managementAccountId,
      featureSet: 'ALL',
      organizationId: 'o-abcdef1234',
    });
    const text = renderOrgSnapshot(toOrgSnapshot(withOrg, SAVED));
    expect(plain(orgTreeFromSnapshot(parseOrgSnapshot(text, 'org.json')))).toEqual(plain(withOrg));
    expect(renderOrgSnapshot(toOrgSnapshot(orgTreeFromSnapshot(parseOrgSnapshot(text, 'org.json')), SAVED))).toBe(text);
  });

  it('round-trips any tree (property; the seed is printed on failure)', () => {
    const name = fc.constantFrom('A', 'B', 'Prod', 'Dev', 'Mail');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(name, { minLength: 1, maxLength: 4 }), fc.nat(2)), { maxLength: 8 }), (specs) => {
        const tree = orgFromPaths(Object.fromEntries(specs.map(([parts, n]) => [`Root/${parts.join('/')}`, n])));
        const back = orgTreeFromSnapshot(parseOrgSnapshot(renderOrgSnapshot(toOrgSnapshot(tree, SAVED)), 'org.json'));
        expect(plain(back)).toEqual(plain(tree));
      }),
      { numRuns: 200, verbose: true },
    );
  });
});
