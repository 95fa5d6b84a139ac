/**
 * The Organizations API over an `OrganizationFake`, with the service's semantics:
 * - List* operations paginate (MaxResults 1–20, default 20; out of range → InvalidInputException
 *   MAX_VALUE_EXCEEDED/MIN_VALUE_EXCEEDED), honour `OrganizationFake.setPageShape` (empty and short
 *   pages with a NextToken), and reject a token not issued for the same listing
 *   (InvalidInputException, Reason INVALID_NEXT_TOKEN).
 * - A malformed id → InvalidInputException (INVALID_PATTERN); a well-formed unknown parent →
 *   ParentNotFoundException; unknown child/OU/account → ChildNotFoundException /
 *   OrganizationalUnitNotFoundException / AccountNotFoundException.
 * - Throttling knob → TooManyRequestsException (Type "TooManyRequestsException").
 * Each handler returns a fresh deep copy, so the code under test cannot alter the fake's state.
 */
import {
  AccountNotFoundException,
  ChildNotFoundException,
  InvalidInputException,
  OrganizationalUnitNotFoundException,
  ParentNotFoundException,
  TooManyRequestsException,
} from '@aws-sdk/client-organizations';
import { ok, sdkError } from './aws-errors';
import type { OrganizationFake } from './organization-fake';
import { isPageError } from './paging';

type Input = Record<string, unknown>;
type Handler = (org: OrganizationFake, input: Input) => object;

const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ACCOUNT_ID = /^\d{12}$/;

function invalidInput(reason: string, message: string): InvalidInputException {
  return sdkError(InvalidInputException, 400, message, { Reason: reason });
}

function str(input: Input, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw invalidInput('INPUT_REQUIRED', `You must specify a value for ${field}.`);
  }
  return value;
}

function requireParent(org: OrganizationFake, input: Input): string {
  const parentId = str(input, 'ParentId');
  if (!ROOT_ID.test(parentId) && !OU_ID.test(parentId)) {
    throw invalidInput('INVALID_PATTERN', `Value '${parentId}' at 'parentId' failed to satisfy constraint.`);
  }
  if (!org.isParent(parentId)) {
    throw sdkError(ParentNotFoundException, 400, 'We can\'t find a root or OU with the ParentId that you specified.');
  }
  return parentId;
}

/**
 * Pages `items` for the request and returns `{ [field]: page.map(shape), NextToken }`. Shaping only the
 * page keeps listing a 10,000-account OU linear (the benchmark's organization).
 */
function paged<T>(org: OrganizationFake, input: Input, listing: string, field: string, items: () => readonly T[], shape: (item: T) => object = (x) => x as object): object {
  const result = org.paginator.page(items, {
    listing,
    maxResults: typeof input.MaxResults === 'number' ? input.MaxResults : undefined,
    nextToken: typeof input.NextToken === 'string' ? input.NextToken : undefined,
    defaultMaxResults: 20,
    maxMaxResults: 20,
  });
  if (isPageError(result)) {
    if (result.kind === 'invalid-token') throw invalidInput('INVALID_NEXT_TOKEN', 'The specified NextToken is not valid.');
    const reason = (input.MaxResults as number) < result.min ? 'MIN_VALUE_EXCEEDED' : 'MAX_VALUE_EXCEEDED';
    throw invalidInput(reason, `MaxResults must be between ${result.min} and ${result.max}.`);
  }
  const page = result.items.map(shape);
  return result.nextToken === undefined ? { [field]: page } : { [field]: page, NextToken: result.nextToken };
}

function arnPrefix(org: OrganizationFake): string {
  return `arn:aws:organizations::${org.managementAccountId}`;
}

function accountShape(org: OrganizationFake, id: string): object {
  const a = org.account(id);
  if (a === undefined) throw sdkError(AccountNotFoundException, 400, 'You specified an account that doesn\'t exist.');
  return {
    Id: a.id,
    Arn: `${arnPrefix(org)}:account/${org.organizationId}/${a.id}`,
    Email: a.email,
    Name: a.name,
    // Account.Status is deprecated in favour of State (removed after 2026-09-09, per the SDK's model):
    // an account whose State has no Status equivalent comes without Status.
    ...(a.status === 'ACTIVE' || a.status === 'SUSPENDED' || a.status === 'PENDING_CLOSURE' ? { Status: a.status } : {}),
    State: a.status,
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: a.joinedTimestamp,
  };
}

function ouShape(org: OrganizationFake, id: string): object {
  const ou = org.ou(id);
  if (ou === undefined) {
    throw sdkError(OrganizationalUnitNotFoundException, 400, 'We can\'t find an OU with the OrganizationalUnitId that you specified.');
  }
  return { Id: ou.id, Arn: `${arnPrefix(org)}:ou/${org.organizationId}/${ou.id}`, Name: ou.name };
}

export const ORGANIZATIONS_HANDLERS: Readonly<Record<string, Handler>> = {
  DescribeOrganization: (org) => ({
    Organization: {
      Id: org.organizationId,
      Arn: `${arnPrefix(org)}:organization/${org.organizationId}`,
      FeatureSet: org.featureSet,
      MasterAccountArn: `${arnPrefix(org)}:account/${org.organizationId}/${org.managementAccountId}`,
      MasterAccountId: org.managementAccountId,
      MasterAccountEmail: org.account(org.managementAccountId)?.email,
      AvailablePolicyTypes: [],
    },
  }),
  ListRoots: (org, input) =>
    paged(org, input, 'ListRoots', 'Roots', () => [
      { Id: org.rootId, Arn: `${arnPrefix(org)}:root/${org.organizationId}/${org.rootId}`, Name: 'Root', PolicyTypes: [] },
    ]),
  ListOrganizationalUnitsForParent: (org, input) => {
    const parentId = requireParent(org, input);
    return paged(org, input, `ListOrganizationalUnitsForParent:${parentId}`, 'OrganizationalUnits', () => org.childOusOf(parentId), (id) => ouShape(org, id));
  },
  ListAccountsForParent: (org, input) => {
    const parentId = requireParent(org, input);
    return paged(org, input, `ListAccountsForParent:${parentId}`, 'Accounts', () => org.childAccountsOf(parentId), (id) => accountShape(org, id));
  },
  ListChildren: (org, input) => {
    const parentId = requireParent(org, input);
    const childType = input.ChildType;
    if (childType !== 'ACCOUNT' && childType !== 'ORGANIZATIONAL_UNIT') {
      throw invalidInput('INVALID_ENUM', `ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT, got ${String(childType)}.`);
    }
    const ids = () => (childType === 'ACCOUNT' ? org.childAccountsOf(parentId) : org.childOusOf(parentId));
    return paged(org, input, `ListChildren:${parentId}:${childType}`, 'Children', ids, (Id) => ({ Id, Type: childType }));
  },
  ListAccounts: (org, input) =>
    paged(org, input, 'ListAccounts', 'Accounts', () => org.allAccountIds(), (id) => accountShape(org, id)),
  ListParents: (org, input) => {
    const childId = str(input, 'ChildId');
    if (!ACCOUNT_ID.test(childId) && !OU_ID.test(childId)) {
      throw invalidInput('INVALID_PATTERN', `Value '${childId}' at 'childId' failed to satisfy constraint.`);
    }
    const parentId = org.account(childId)?.parentId ?? org.ou(childId)?.parentId;
    if (parentId === undefined) throw sdkError(ChildNotFoundException, 400, 'We can\'t find an organizational unit (OU) or AWS account with the ChildId that you specified.');
    const type = parentId === org.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT';
    return paged(org, input, `ListParents:${childId}`, 'Parents', () => [{ Id: parentId, Type: type }]);
  },
  DescribeOrganizationalUnit: (org, input) => {
    const id = str(input, 'OrganizationalUnitId');
    if (!OU_ID.test(id)) throw invalidInput('INVALID_PATTERN', `Value '${id}' at 'organizationalUnitId' failed to satisfy constraint.`);
    return { OrganizationalUnit: ouShape(org, id) };
  },
  DescribeAccount: (org, input) => {
    const id = str(input, 'AccountId');
    if (!ACCOUNT_ID.test(id)) throw invalidInput('INVALID_PATTERN', `Value '${id}' at 'accountId' failed to satisfy constraint.`);
    return { Account: accountShape(org, id) };
  },
  ListDelegatedAdministrators: (org, input) => {
    const principal = typeof input.ServicePrincipal === 'string' ? input.ServicePrincipal : undefined;
    const admins = org
      .delegatedAdministrators()
      .filter((d) => principal === undefined || d.servicePrincipals.includes(principal))
      .map((d) => ({ ...(accountShape(org, d.accountId) as Record<string, unknown>), DelegationEnabledDate: new Date('2024-01-02T00:00:00.000Z') }));
    return paged(org, input, `ListDelegatedAdministrators:${principal ?? ''}`, 'DelegatedAdministrators', () => admins);
  },
};

/** Records, throttles, then answers one Organizations command. */
export function handleOrganizationsCommand(org: OrganizationFake, operation: string, input: Input): Promise<object> {
  const call = org.recorder.record(operation, input);
  const handler = ORGANIZATIONS_HANDLERS[operation];
  try {
    if (handler === undefined) throw new Error(`OrganizationFake: unsupported operation ${operation}`);
    if (call.throttled) {
      throw sdkError(TooManyRequestsException, 400, 'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.', {
        Type: 'TooManyRequestsException',
      });
    }
    return Promise.resolve(ok(handler(org, input)));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
