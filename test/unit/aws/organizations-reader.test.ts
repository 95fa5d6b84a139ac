import {
  AccessDeniedException,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { ORGANIZATIONS_PAGE_SIZE, readOrganization } from '../../../src/aws/organizations-reader';
import { isDeployable } from '../../../src/deploy/org/org-tree';
import { AwsCallError } from '../../../src/errors';

const org = mockClient(OrganizationsClient);
const noSleep = { sleep: async () => undefined };

beforeEach(() => {
  org.reset();
  org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-1', MasterAccountId: '111111111111' } });
  org.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-ab12', Name: 'Root' }] });
  org.on(ListOrganizationalUnitsForParentCommand).resolves({ OrganizationalUnits: [] });
  org.on(ListAccountsForParentCommand).resolves({ Accounts: [] });
});

describe('readOrganization', () => {
  it('follows NextToken through empty pages and builds paths', async () => {
    org
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12', NextToken: undefined })
      .resolves({ OrganizationalUnits: [], NextToken: 't1' })
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12', NextToken: 't1' })
      .resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-11111111', Name: 'Workloads' }], NextToken: 't2' })
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12', NextToken: 't2' })
      .resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-22222222', Name: 'Sandbox' }] })
      .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-ab12-11111111' })
      .resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-33333333', Name: 'Prod' }] });
    org
      .on(ListAccountsForParentCommand, { ParentId: 'r-ab12' })
      .resolves({ Accounts: [{ Id: '111111111111', Name: 'management', Status: 'ACTIVE' }] })
      .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-33333333', NextToken: undefined })
      .resolves({ Accounts: [], NextToken: 'a1' })
      .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-33333333', NextToken: 'a1' })
      .resolves({ Accounts: [{ Id: '222222222222', Name: 'prod-1', Status: 'ACTIVE' }] });

    const { tree, calls } = await readOrganization(new OrganizationsClient({}), { retry: noSleep });

    expect([...tree.nodes.values()].map((n) => n.path).sort()).toEqual(['Root', 'Root/Sandbox', 'Root/Workloads', 'Root/Workloads/Prod']);
    expect(tree.nodes.get('ou-ab12-33333333')?.accountIds).toEqual(['222222222222']);
    expect(tree.managementAccountId).toBe('111111111111');
    expect(org.commandCalls(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12' }).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 't1', 't2']);
    expect(org.commandCalls(ListAccountsForParentCommand, { ParentId: 'ou-ab12-33333333' }).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'a1']);
    // 1 DescribeOrganization + 1 ListRoots + OUs (3 root pages + 1 per other parent) + accounts (1 + 1 + 1 + 2)
    expect(calls).toBe(1 + 1 + (3 + 3) + (1 + 1 + 1 + 2));
  });

  it.each([
    [{ State: 'PENDING_ACTIVATION' }, 'PENDING_ACTIVATION', false],
    [{ State: 'SUSPENDED', Status: 'SUSPENDED' }, 'SUSPENDED', false],
    [{ State: 'ACTIVE', Status: 'SUSPENDED' }, 'ACTIVE', true],
    [{ Status: 'SUSPENDED' }, 'SUSPENDED', false],
    [{}, 'ACTIVE', true],
  ] as const)('reads Account.State first (Status is deprecated): %p → %p', async (fields, status, deployable) => {
    org.on(ListAccountsForParentCommand, { ParentId: 'r-ab12' }).resolves({ Accounts: [{ Id: '222222222222', Name: 'a', ...fields }] });
    const { tree } = await readOrganization(new OrganizationsClient({}), { retry: noSleep });
    expect(tree.accounts.get('222222222222')?.status).toBe(status);
    expect(isDeployable(tree, '222222222222')).toBe(deployable);
  });

  it('asks for the largest page (MaxResults 20) on every listing, not the per-operation default', async () => {
    org.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12' }).resolves({ OrganizationalUnits: [{ Id: 'ou-ab12-11111111', Name: 'Workloads' }] });
    await readOrganization(new OrganizationsClient({}), { retry: noSleep });
    const sizes = [
      ...org.commandCalls(ListRootsCommand).map((c) => c.args[0].input.MaxResults),
      ...org.commandCalls(ListOrganizationalUnitsForParentCommand).map((c) => c.args[0].input.MaxResults),
      ...org.commandCalls(ListAccountsForParentCommand).map((c) => c.args[0].input.MaxResults),
    ];
    expect(sizes).toEqual([ORGANIZATIONS_PAGE_SIZE, ORGANIZATIONS_PAGE_SIZE, ORGANIZATIONS_PAGE_SIZE, ORGANIZATIONS_PAGE_SIZE, ORGANIZATIONS_PAGE_SIZE]);
    expect(ORGANIZATIONS_PAGE_SIZE).toBe(20);
  });

  it('retries TooManyRequestsException', async () => {
    org
      .on(ListAccountsForParentCommand)
      .rejectsOnce(new TooManyRequestsException({ $metadata: {}, message: 'slow down' }))
      .resolves({ Accounts: [{ Id: '111111111111', Name: 'm' }] });
    const { tree } = await readOrganization(new OrganizationsClient({}), { retry: noSleep });
    expect(tree.nodes.get('r-ab12')?.accountIds).toEqual(['111111111111']);
    expect(org.commandCalls(ListAccountsForParentCommand)).toHaveLength(2);
  });

  it('names the operation and the fix on access denied', async () => {
    org.on(ListRootsCommand).rejects(new AccessDeniedException({ $metadata: {}, message: 'no' }));
    const read = readOrganization(new OrganizationsClient({}), { retry: noSleep });
    await expect(read).rejects.toThrow(AwsCallError);
    await expect(readOrganization(new OrganizationsClient({}), { retry: noSleep })).rejects.toThrow(/organizations:ListRoots: AccessDeniedException.*Fix: run from the management account/);
  });

  it('keeps at most `concurrency` parents in flight', async () => {
    const children = Array.from({ length: 12 }, (_, i) => ({ Id: `ou-ab12-${String(i).padStart(8, '0')}`, Name: `ou${i}` }));
    org.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12' }).resolves({ OrganizationalUnits: children });
    let inFlight = 0;
    let peak = 0;
    org.on(ListAccountsForParentCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return { Accounts: [] };
    });
    const { tree } = await readOrganization(new OrganizationsClient({}), { concurrency: 3, retry: noSleep });
    expect(tree.nodes.size).toBe(13);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });
});
