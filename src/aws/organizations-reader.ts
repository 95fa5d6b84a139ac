/**
 * Reads the whole organization tree: the root, every OU, every account. Every listing is paginated
 * and followed to the end: Organizations may return an empty page with a NextToken ("Always check
 * the NextToken"), so only a missing NextToken ends a listing. Parents are walked breadth-first with
 * bounded concurrency; throttling (TooManyRequestsException) is retried with backoff.
 */
import {
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { OrgTree, OrgTreeInput } from '../deploy/org/org-tree';
import { buildOrgTree } from '../deploy/org/org-tree';
import { AwsCallError } from '../errors';
import { drainQueue, retryThrottled } from './retry';
import { sdkEnvironmentError } from './sdk-environment';
import type { RetryOptions } from './retry';

export interface ReadOrganizationOptions {
  /** Parents listed at once (default 4: Organizations throttles hard and publishes no TPS). */
  readonly concurrency?: number;
  readonly retry?: RetryOptions;
}

export interface OrganizationRead {
  readonly tree: OrgTree;
  /** API calls made (pages, not counting SDK-internal retries). */
  readonly calls: number;
}

/**
 * The largest page the List* operations accept (MaxResults 1–20). Left out, each operation uses its
 * own smaller default, so a 1,000-OU walk would take more calls and meet throttling sooner.
 */
export const ORGANIZATIONS_PAGE_SIZE = 20;

const FIX_ACCESS =
  'run from the management account or a CloudFormation StackSets delegated administrator, with organizations:Describe* and organizations:List* allowed.';

export async function readOrganization(client: OrganizationsClient, options: ReadOrganizationOptions = {}): Promise<OrganizationRead> {
  let calls = 0;
  const call = async <T>(operation: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await retryThrottled(() => {
        calls += 1;
        return send();
      }, options.retry);
    } catch (error) {
      throw wrapOrganizationsError(operation, error);
    }
  };
  const pages = async <T>(operation: string, fetch: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>): Promise<T[]> => {
    const all: T[] = [];
    let token: string | undefined;
    do {
      const current = token;
      const page = await call(operation, () => fetch(current));
      all.push(...(page.items ?? []));
      token = page.next;
    } while (token !== undefined && token !== '');
    return all;
  };

  const organization = await call('DescribeOrganization', () => client.send(new DescribeOrganizationCommand({})));
  const roots = await pages('ListRoots', async (NextToken) => {
    const r = await client.send(new ListRootsCommand({ NextToken, MaxResults: ORGANIZATIONS_PAGE_SIZE }));
    return { items: r.Roots, next: r.NextToken };
  });
  const root = roots[0];
  if (root?.Id === undefined) {
    throw new AwsCallError('the organization has no root.', { where: 'organizations:ListRoots', fix: 'check that AWS Organizations is enabled for this account.' });
  }
  const ous: { id: string; name: string; parentId: string }[] = [];
  const accounts: { id: string; name: string; parentId: string; status: string }[] = [];
  await drainQueue([root.Id], options.concurrency ?? 4, async (parentId, enqueue) => {
    const [children, direct] = await Promise.all([
      pages('ListOrganizationalUnitsForParent', async (NextToken) => {
        const r = await client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken, MaxResults: ORGANIZATIONS_PAGE_SIZE }));
        return { items: r.OrganizationalUnits, next: r.NextToken };
      }),
      pages('ListAccountsForParent', async (NextToken) => {
        const r = await client.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken, MaxResults: ORGANIZATIONS_PAGE_SIZE }));
        return { items: r.Accounts, next: r.NextToken };
      }),
    ]);
    for (const ou of children) {
      if (ou.Id === undefined) continue;
      ous.push({ id: ou.Id, name: ou.Name ?? ou.Id, parentId });
      enqueue(ou.Id);
    }
    for (const account of direct) {
      // State replaces the deprecated Status (PENDING_ACTIVATION and CLOSED exist only in State).
      if (account.Id !== undefined) accounts.push({ id: account.Id, name: account.Name ?? account.Id, parentId, status: account.State ?? account.Status ?? 'ACTIVE' });
    }
  });
  const input: OrgTreeInput = { root: { id: root.Id, name: root.Name ?? 'Root' }, ous, accounts, managementAccountId: organization.Organization?.MasterAccountId, featureSet: organization.Organization?.FeatureSet, organizationId: organization.Organization?.Id };
  return { tree: buildOrgTree(input), calls };
}

function wrapOrganizationsError(operation: string, error: unknown): AwsCallError {
  const environment = sdkEnvironmentError(`organizations:${operation}`, error);
  if (environment !== undefined) return environment;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const fix =
    name === 'AWSOrganizationsNotInUseException'
      ? 'this account is not in an organization; run from the management account of an AWS Organization.'
      : name === 'AccessDeniedException' || name === 'AccessDeniedForDependencyException'
        ? FIX_ACCESS
        : name === 'TooManyRequestsException'
          ? 'Organizations kept throttling; wait a minute and run again (lower concurrency with fewer parallel runs).'
          : 'check credentials (AWS_PROFILE), region (AWS_REGION) and network, then run again.';
  return new AwsCallError(`${name}: ${message}`, { where: `organizations:${operation}`, fix, cause: error });
}
