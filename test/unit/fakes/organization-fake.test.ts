import {
  AccountNotFoundException,
  ChildNotFoundException,
  CreateOrganizationalUnitCommand,
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  InvalidInputException,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  OrganizationsServiceException,
  ParentNotFoundException,
  TooManyRequestsException,
  paginateListChildren,
} from '@aws-sdk/client-organizations';
import type { AwsFakes, PageShape } from '../../fakes/index';
import { installAwsFakes, OrganizationFake } from '../../fakes/index';

/** Reads every page by hand, as careful code must: keep going while NextToken is set. */
async function allPages(client: OrganizationsClient, parentId: string, maxResults?: number) {
  const pages: string[][] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new ListChildrenCommand({ ParentId: parentId, ChildType: 'ACCOUNT', NextToken: token, MaxResults: maxResults }));
    pages.push((out.Children ?? []).map((c) => c.Id ?? ''));
    token = out.NextToken;
  } while (token !== undefined);
  return pages;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('OrganizationFake through the real OrganizationsClient', () => {
  let fakes: AwsFakes;
  let org: OrganizationFake;
  let client: OrganizationsClient;
  let workloads: string;
  let prod: string;

  beforeEach(() => {
    org = new OrganizationFake();
    workloads = org.addOu(org.rootId, 'Workloads');
    prod = org.addOuPath('Root/Workloads/Prod');
    for (let i = 0; i < 45; i += 1) org.addAccount(workloads);
    org.addAccount(prod, { id: '333333333333', name: 'prod-1' });
    fakes = installAwsFakes({ organization: org });
    client = new OrganizationsClient({});
  });

  afterEach(() => fakes.restore());

  it('describes the organization and its root like AWS', async () => {
    const { Organization } = await client.send(new DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({ Id: 'o-exampleorg1', FeatureSet: 'ALL', MasterAccountId: '111111111111' });
    const roots = await client.send(new ListRootsCommand({}));
    expect(roots.Roots).toEqual([expect.objectContaining({ Id: 'r-root', Name: 'Root' })]);
    expect(roots.NextToken).toBeUndefined();
    expect(roots.$metadata.httpStatusCode).toBe(200);
  });

  it.each<[string, PageShape, number | undefined, number[]]>([
    ['default page size 20', {}, undefined, [20, 20, 5]],
    ['MaxResults 7', {}, 7, [7, 7, 7, 7, 7, 7, 3]],
    ['short pages below MaxResults', { pageSizeCap: 15 }, 20, [15, 15, 15]],
    ['an empty first page', { emptyPages: 'first' }, undefined, [0, 20, 20, 5]],
    ['empty pages between pages', { emptyPages: 'interleaved', pageSizeCap: 16 }, undefined, [0, 16, 0, 16, 0, 13]],
  ])('paginates with %s and never loses or repeats an item', async (_name, shape, maxResults, sizes) => {
    org.setPageShape(shape);
    const pages = await allPages(client, workloads, maxResults);
    expect(pages.map((p) => p.length)).toEqual(sizes);
    expect(new Set(pages.flat())).toEqual(new Set(org.childAccountsOf(workloads)));
    expect(pages.flat()).toHaveLength(45);
  });

  it('works with the SDK paginator even across empty pages', async () => {
    org.setPageShape({ emptyPages: 'interleaved', pageSizeCap: 10 });
    const ids: string[] = [];
    for await (const page of paginateListChildren({ client }, { ParentId: workloads, ChildType: 'ORGANIZATIONAL_UNIT' })) {
      ids.push(...(page.Children ?? []).map((c) => c.Id ?? ''));
    }
    expect(ids).toEqual([prod]);
  });

  it.each([
    ['a made-up token', 'bm90LWEtdG9rZW4='],
    ['a token of another listing', 'other-listing'],
  ])('rejects %s with InvalidInputException INVALID_NEXT_TOKEN', async (_name, token) => {
    let nextToken = token;
    if (token === 'other-listing') {
      const first = await client.send(new ListAccountsCommand({ MaxResults: 1 }));
      nextToken = first.NextToken ?? '';
    }
    const error = await rejection(client.send(new ListChildrenCommand({ ParentId: workloads, ChildType: 'ACCOUNT', NextToken: nextToken })));
    expect(error).toBeInstanceOf(InvalidInputException);
    expect(error).toMatchObject({ name: 'InvalidInputException', Reason: 'INVALID_NEXT_TOKEN', $metadata: { httpStatusCode: 400 } });
  });

  it.each([0, 21])('rejects MaxResults %i (valid range 1-20)', async (maxResults) => {
    const error = await rejection(client.send(new ListAccountsCommand({ MaxResults: maxResults })));
    expect(error).toBeInstanceOf(InvalidInputException);
  });

  it.each([
    ['an unknown root', 'r-nope', ParentNotFoundException],
    ['an unknown OU', 'ou-root-99999999', ParentNotFoundException],
    ['a malformed id', 'Workloads', InvalidInputException],
  ])('fails a listing under %s', async (_name, parentId, errorClass) => {
    const error = await rejection(client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId })));
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(OrganizationsServiceException);
  });

  it('lists only the direct accounts of a parent, and follows moves', async () => {
    const direct = await client.send(new ListAccountsForParentCommand({ ParentId: prod }));
    expect(direct.Accounts?.map((a) => a.Id)).toEqual(['333333333333']);
    org.moveAccount('333333333333', org.rootId);
    const after = await client.send(new ListAccountsForParentCommand({ ParentId: prod }));
    expect(after.Accounts).toEqual([]);
    const parents = await client.send(new ListParentsCommand({ ChildId: '333333333333' }));
    expect(parents.Parents).toEqual([{ Id: 'r-root', Type: 'ROOT' }]);
  });

  it('describes OUs and accounts, and names what it cannot find', async () => {
    const ou = await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: prod }));
    expect(ou.OrganizationalUnit).toMatchObject({ Id: prod, Name: 'Prod' });
    const account = await client.send(new DescribeAccountCommand({ AccountId: '333333333333' }));
    expect(account.Account).toMatchObject({ Id: '333333333333', Name: 'prod-1', Status: 'ACTIVE' });
    expect(await rejection(client.send(new DescribeAccountCommand({ AccountId: '999999999999' })))).toBeInstanceOf(AccountNotFoundException);
    expect(await rejection(client.send(new ListParentsCommand({ ChildId: '999999999999' })))).toBeInstanceOf(ChildNotFoundException);
  });

  it('throttles the next calls of one operation and counts every attempt', async () => {
    org.throttle(2, ['ListChildren']);
    const call = () => client.send(new ListChildrenCommand({ ParentId: org.rootId, ChildType: 'ORGANIZATIONAL_UNIT' }));
    const first = await rejection(call());
    expect(first).toBeInstanceOf(TooManyRequestsException);
    expect(first).toMatchObject({ name: 'TooManyRequestsException', Type: 'TooManyRequestsException' });
    await expect(client.send(new ListRootsCommand({}))).resolves.toBeDefined();
    await expect(call()).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(call()).resolves.toMatchObject({ Children: [{ Id: workloads, Type: 'ORGANIZATIONAL_UNIT' }] });
    expect(org.callCount('ListChildren')).toBe(3);
    expect(org.calls('ListChildren').map((c) => c.throttled)).toEqual([true, true, false]);
    expect(org.mutatingCalls()).toEqual([]);
  });

  it('fails loudly on a command the fake does not support', async () => {
    await expect(client.send(new CreateOrganizationalUnitCommand({ ParentId: org.rootId, Name: 'X' }))).rejects.toThrow(
      /CreateOrganizationalUnitCommand is not supported/,
    );
  });

  it('resolves paths and subtrees for test scenarios', () => {
    expect(org.ouId('Root/Workloads/Prod')).toBe(prod);
    expect(org.pathOf(prod)).toBe('Root/Workloads/Prod');
    expect(org.accountsUnder(workloads)).toHaveLength(46);
    expect(org.ancestorsOf('333333333333')).toEqual([prod, workloads, org.rootId]);
  });
});
