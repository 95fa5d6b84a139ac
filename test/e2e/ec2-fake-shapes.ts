/**
 * The EC2 fake's stored data and its conversions to EC2's wire shapes, pagination and the
 * DescribeSecurityGroups filters, each as the EC2 API reference documents them.
 */
import type { Filter, IpPermission, RevokedSecurityGroupRule, SecurityGroupRule } from '@aws-sdk/client-ec2';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import type { IngressRule } from '../../src/ingress-rule';

export const FAKE_ACCOUNT_ID = '123456789012';

export interface StoredRule {
  readonly ruleId: string;
  readonly groupId: string;
  readonly isEgress: boolean;
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly prefixListId?: string;
  readonly referencedGroup?: { readonly groupId: string; readonly userId: string };
  readonly description?: string;
}

export interface StoredGroup {
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId: string;
  /** The owning account: another account's for a group shared into this one (VPC sharing). */
  readonly ownerId: string;
  tags: Record<string, string>;
  rules: StoredRule[];
}

export function ec2Error(code: string, message: string): EC2ServiceException {
  return new EC2ServiceException({ name: code, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

export function paginate<T>(items: readonly T[], maxResults: number | undefined, token: string | undefined): { page: T[]; NextToken?: string } {
  if (maxResults !== undefined && (maxResults < 5 || maxResults > 1000)) {
    throw ec2Error('InvalidParameterValue', `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`);
  }
  const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64').toString('utf8').replace('offset:', ''));
  if (!Number.isInteger(start)) throw ec2Error('InvalidParameterValue', 'The token is invalid.');
  const end = maxResults === undefined ? items.length : start + maxResults;
  const page = items.slice(start, end);
  return end < items.length ? { page, NextToken: Buffer.from(`offset:${end}`).toString('base64') } : { page };
}

/**
 * DescribeSecurityGroups filters (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html):
 * several filters must all match, several values of one filter any; values take `*` and `?` as
 * wildcards and compare case-sensitively. Only the filters the guardrail sends are modelled; any
 * other throws, so a new filter cannot pass untested.
 */
export function matchesFilters(group: StoredGroup, filters: readonly Filter[]): boolean {
  return filters.every((filter) => {
    const values = (filter.Values ?? []).map(wildcard);
    const name = filter.Name ?? '';
    const any = (candidates: readonly string[]): boolean => candidates.some((c) => values.some((v) => v.test(c)));
    if (name === 'owner-id') return any([group.ownerId]);
    if (name === 'group-id') return any([group.groupId]);
    if (name === 'tag-key') return any(Object.keys(group.tags));
    if (name.startsWith('tag:')) {
      const value = group.tags[name.slice('tag:'.length)];
      return value !== undefined && any([value]);
    }
    throw new TypeError(`Ec2Fake: DescribeSecurityGroups filter ${name} is not modelled`);
  });
}

function wildcard(value: string): RegExp {
  const escaped = value.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'su');
}

/** One line per rule (protocol, ports, source), the fake's notion of "the same rule". */
export function formatStored(r: Omit<StoredRule, 'ruleId'>): string {
  const source = r.cidrIpv4 ?? r.cidrIpv6 ?? r.prefixListId ?? `${r.referencedGroup?.userId}/${r.referencedGroup?.groupId}`;
  const ports = r.protocol === '-1' ? 'all' : `${r.protocol}:${r.fromPort}/${r.toPort}`;
  return `${ports}@${source}`;
}

export function toIngressRule(r: StoredRule): IngressRule {
  const source: IngressRule['source'] =
    r.cidrIpv4 !== undefined
      ? { kind: 'ipv4', cidr: r.cidrIpv4 }
      : r.cidrIpv6 !== undefined
        ? { kind: 'ipv6', cidr: r.cidrIpv6 }
        : r.prefixListId !== undefined
          ? { kind: 'prefix-list', prefixListId: r.prefixListId }
          : { kind: 'security-group', groupId: r.referencedGroup?.groupId ?? '', userId: r.referencedGroup?.userId ?? FAKE_ACCOUNT_ID };
  return { protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort, source };
}

/**
 * A rule's CIDR or prefix-list source and description under EC2's field names, which
 * SecurityGroupRule, RevokedSecurityGroupRule and SecurityGroupRuleRequest share (a referenced
 * group is named differently in each).
 */
export function wireSource(r: Pick<StoredRule, 'cidrIpv4' | 'cidrIpv6' | 'prefixListId' | 'description'>): { CidrIpv4?: string; CidrIpv6?: string; PrefixListId?: string; Description?: string } {
  return {
    ...(r.cidrIpv4 === undefined ? {} : { CidrIpv4: r.cidrIpv4 }),
    ...(r.cidrIpv6 === undefined ? {} : { CidrIpv6: r.cidrIpv6 }),
    ...(r.prefixListId === undefined ? {} : { PrefixListId: r.prefixListId }),
    ...(r.description === undefined ? {} : { Description: r.description }),
  };
}

export function toSecurityGroupRule(r: StoredRule, ownerId: string): SecurityGroupRule {
  return {
    SecurityGroupRuleId: r.ruleId,
    GroupId: r.groupId,
    GroupOwnerId: ownerId,
    IsEgress: r.isEgress,
    IpProtocol: r.protocol,
    FromPort: r.fromPort,
    ToPort: r.toPort,
    ...wireSource(r),
    ...(r.referencedGroup === undefined ? {} : { ReferencedGroupInfo: { GroupId: r.referencedGroup.groupId, UserId: r.referencedGroup.userId } }),
    Tags: [],
  };
}

/** A RevokedSecurityGroupRules entry: the rule as it was when revoked (API_RevokedSecurityGroupRule). */
export function toRevokedRule(r: StoredRule): RevokedSecurityGroupRule {
  return {
    SecurityGroupRuleId: r.ruleId,
    GroupId: r.groupId,
    IsEgress: r.isEgress,
    IpProtocol: r.protocol,
    FromPort: r.fromPort,
    ToPort: r.toPort,
    ...wireSource(r),
    ...(r.referencedGroup === undefined ? {} : { ReferencedGroupId: r.referencedGroup.groupId }),
  };
}

/** EC2 groups rules with one protocol and port range into one IpPermission; `-1` has no ports. */
export function toIpPermissions(rules: readonly StoredRule[]): IpPermission[] {
  const byPorts = new Map<string, IpPermission & Required<Pick<IpPermission, 'IpRanges' | 'Ipv6Ranges' | 'PrefixListIds' | 'UserIdGroupPairs'>>>();
  for (const r of rules) {
    const key = `${r.protocol}|${r.fromPort}|${r.toPort}`;
    let p = byPorts.get(key);
    if (p === undefined) {
      p = { IpProtocol: r.protocol, ...(r.protocol === '-1' ? {} : { FromPort: r.fromPort, ToPort: r.toPort }), IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
      byPorts.set(key, p);
    }
    const d = r.description === undefined ? {} : { Description: r.description };
    if (r.cidrIpv4 !== undefined) p.IpRanges.push({ CidrIp: r.cidrIpv4, ...d });
    if (r.cidrIpv6 !== undefined) p.Ipv6Ranges.push({ CidrIpv6: r.cidrIpv6, ...d });
    if (r.prefixListId !== undefined) p.PrefixListIds.push({ PrefixListId: r.prefixListId, ...d });
    if (r.referencedGroup !== undefined) p.UserIdGroupPairs.push({ GroupId: r.referencedGroup.groupId, UserId: r.referencedGroup.userId, ...d });
  }
  return [...byPorts.values()];
}
