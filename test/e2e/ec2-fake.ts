/**
 * An in-memory EC2 that keeps the semantics the guardrail relies on: rule ids (sgr-…), canonical
 * CIDRs, whole-call InvalidPermission.Duplicate / InvalidSecurityGroupRuleId.NotFound /
 * InvalidPermission.NotFound errors, the 60-rules-per-group limit counted separately for IPv4 and
 * IPv6 (SG and prefix-list references count for both), InvalidGroup.NotFound (also for a
 * referenced group), InvalidPrefixListID.NotFound for a prefix list deleted with
 * deletePrefixList (any other pl-… exists), and NextToken pagination. Not modelled: the default-VPC partial revoke by IpPermissions, prefix lists counting
 * as their max entries, egress writes.
 */
import type {
  AuthorizeSecurityGroupIngressCommandInput,
  AuthorizeSecurityGroupIngressCommandOutput,
  DescribeSecurityGroupRulesCommandInput,
  DescribeSecurityGroupRulesCommandOutput,
  DescribeSecurityGroupsCommandInput,
  DescribeSecurityGroupsCommandOutput,
  IpPermission,
  RevokeSecurityGroupIngressCommandInput,
  RevokeSecurityGroupIngressCommandOutput,
  SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { parseCidr } from '../../src/cidr';
import type { IngressRule } from '../../src/ingress-rule';
import { formatRule, normalizePorts, normalizeProtocol, sortRules } from '../../src/ingress-rule';
import { parseAllowedIngress } from '../../src/rule-parameters';

export const FAKE_ACCOUNT_ID = '123456789012';
export const WRITE_OPERATIONS = ['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress'] as const;

export type Ec2Operation = 'DescribeSecurityGroups' | 'DescribeSecurityGroupRules' | (typeof WRITE_OPERATIONS)[number];

interface StoredRule {
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

interface StoredGroup {
  readonly groupId: string;
  readonly groupName: string;
  readonly vpcId: string;
  tags: Record<string, string>;
  rules: StoredRule[];
}

export interface Ec2FakeOptions {
  /** Inbound rules per group and IP family (EC2 default 60). */
  readonly rulesPerGroup?: number;
}

export interface GroupInit {
  readonly groupId?: string;
  readonly groupName?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Ingress rules in the allowedIngress grammar, one source each; `@self` references the group. */
  readonly ingress?: readonly string[];
}

export function ec2Error(code: string, message: string): EC2ServiceException {
  return new EC2ServiceException({ name: code, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

export class Ec2Fake {
  /** Every call, in order, with its input. */
  readonly calls: { operation: Ec2Operation; input: unknown }[] = [];
  private readonly groups = new Map<string, StoredGroup>();
  private readonly failures: { operation: Ec2Operation; error?: Error; before?: () => void }[] = [];
  private readonly rulesPerGroup: number;
  private readonly deletedPrefixLists = new Set<string>();
  private nextRule = 1;
  private nextGroup = 1;

  constructor(options: Ec2FakeOptions = {}) {
    this.rulesPerGroup = options.rulesPerGroup ?? 60;
  }

  /** Creates a group with the default egress rule (all traffic to 0.0.0.0/0) and the given ingress. */
  addGroup(init: GroupInit = {}): string {
    const groupId = init.groupId ?? `sg-${(this.nextGroup++).toString(16).padStart(17, '0')}`;
    const group: StoredGroup = { groupId, groupName: init.groupName ?? groupId, vpcId: 'vpc-0123456789abcdef0', tags: { ...init.tags }, rules: [] };
    this.groups.set(groupId, group);
    group.rules.push(this.stored(groupId, true, { protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' }));
    for (const entry of init.ingress ?? []) {
      for (const rule of parseAllowedIngress(entry.replace('@self', `@${FAKE_ACCOUNT_ID}/${groupId}`), [])) {
        const s = rule.source;
        const source =
          s.kind === 'ipv4' ? { cidrIpv4: s.cidr } : s.kind === 'ipv6' ? { cidrIpv6: s.cidr } : s.kind === 'prefix-list' ? { prefixListId: s.prefixListId } : { referencedGroup: { groupId: s.groupId, userId: s.userId ?? FAKE_ACCOUNT_ID } };
        const stored = this.stored(groupId, false, { protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, ...source });
        // EC2 never holds two identical rules (InvalidPermission.Duplicate), so a repeated seed is one rule.
        if (!group.rules.some((r) => !r.isEgress && formatStored(r) === formatStored(stored))) group.rules.push(stored);
      }
    }
    return groupId;
  }

  deleteGroup(groupId: string): void {
    this.groups.delete(groupId);
  }

  /** From now on, a rule naming this prefix list fails as EC2 fails for one that does not exist. */
  deletePrefixList(prefixListId: string): void {
    this.deletedPrefixLists.add(prefixListId);
  }

  /** The group's ingress rules in the allowedIngress grammar, sorted by key. */
  ingressOf(groupId: string): string[] {
    return sortRules(this.group(groupId).rules.filter((r) => !r.isEgress).map(toIngressRule)).map(formatRule);
  }

  /** The group's egress rules in the grammar (the guardrail never touches them). */
  egressOf(groupId: string): string[] {
    return sortRules(this.group(groupId).rules.filter((r) => r.isEgress).map(toIngressRule)).map(formatRule);
  }

  /** Number of write calls so far. */
  writeCount(): number {
    return this.calls.filter((c) => (WRITE_OPERATIONS as readonly string[]).includes(c.operation)).length;
  }

  /** The next call of `operation` throws `error` (e.g. ec2Error('UnauthorizedOperation', …)). */
  failNext(operation: Ec2Operation, error: Error): void {
    this.failures.push({ operation, error });
  }

  /** Runs `change` just before the next call of `operation`: someone else edits the group meanwhile. */
  beforeNext(operation: Ec2Operation, change: () => void): void {
    this.failures.push({ operation, before: change });
  }

  /** Adds ingress rules (grammar entries) as another actor would, outside the guardrail. */
  authorizeOutOfBand(groupId: string, entries: readonly string[]): void {
    const permissions = entries.flatMap((entry) => parseAllowedIngress(entry, [])).map((r) => ({
      IpProtocol: r.protocol,
      FromPort: r.fromPort,
      ToPort: r.toPort,
      ...(r.source.kind === 'ipv4' ? { IpRanges: [{ CidrIp: r.source.cidr }] } : r.source.kind === 'ipv6' ? { Ipv6Ranges: [{ CidrIpv6: r.source.cidr }] } : {}),
    }));
    const group = this.group(groupId);
    group.rules.push(...permissions.flatMap((p) => this.expand(groupId, p)));
  }

  /** Revokes ingress rules (grammar entries) as another actor would. */
  revokeOutOfBand(groupId: string, entries: readonly string[]): void {
    const gone = new Set(entries.flatMap((entry) => parseAllowedIngress(entry, [])).map(formatRule));
    const group = this.group(groupId);
    group.rules = group.rules.filter((r) => r.isEgress || !gone.has(formatRule(toIngressRule(r))));
  }

  describeSecurityGroups(input: DescribeSecurityGroupsCommandInput): DescribeSecurityGroupsCommandOutput {
    this.enter('DescribeSecurityGroups', input);
    if (input.GroupIds !== undefined && input.MaxResults !== undefined) {
      throw ec2Error('InvalidParameterCombination', 'The parameter groupIds cannot be used with the parameter maxResults');
    }
    const selected = input.GroupIds === undefined ? [...this.groups.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : 1)) : input.GroupIds.map((id) => this.group(id));
    const { page, NextToken } = paginate(selected, input.MaxResults, input.NextToken);
    return {
      $metadata: {},
      SecurityGroups: page.map((g) => ({
        GroupId: g.groupId,
        GroupName: g.groupName,
        Description: g.groupName,
        OwnerId: FAKE_ACCOUNT_ID,
        VpcId: g.vpcId,
        Tags: Object.entries(g.tags).map(([Key, Value]) => ({ Key, Value })),
        IpPermissions: toIpPermissions(g.rules.filter((r) => !r.isEgress)),
        IpPermissionsEgress: toIpPermissions(g.rules.filter((r) => r.isEgress)),
      })),
      ...(NextToken === undefined ? {} : { NextToken }),
    };
  }

  describeSecurityGroupRules(input: DescribeSecurityGroupRulesCommandInput): DescribeSecurityGroupRulesCommandOutput {
    this.enter('DescribeSecurityGroupRules', input);
    let rules = [...this.groups.values()].flatMap((g) => g.rules);
    for (const filter of input.Filters ?? []) {
      if (filter.Name !== 'group-id') throw new TypeError(`Ec2Fake: filter ${filter.Name} is not modelled`);
      rules = rules.filter((r) => (filter.Values ?? []).includes(r.groupId));
    }
    if (input.SecurityGroupRuleIds !== undefined) rules = rules.filter((r) => input.SecurityGroupRuleIds?.includes(r.ruleId));
    const { page, NextToken } = paginate(rules, input.MaxResults, input.NextToken);
    return { $metadata: {}, SecurityGroupRules: page.map(toSecurityGroupRule), ...(NextToken === undefined ? {} : { NextToken }) };
  }

  authorizeSecurityGroupIngress(input: AuthorizeSecurityGroupIngressCommandInput): AuthorizeSecurityGroupIngressCommandOutput {
    this.enter('AuthorizeSecurityGroupIngress', input);
    const group = this.group(input.GroupId ?? '');
    const added = (input.IpPermissions ?? []).flatMap((p) => this.expand(group.groupId, p));
    if (added.length === 0) throw ec2Error('MissingParameter', 'The request must contain the parameter ipPermissions');
    const existing = new Set(group.rules.filter((r) => !r.isEgress).map(formatStored));
    for (const rule of added) {
      const text = formatStored(rule);
      if (existing.has(text)) throw ec2Error('InvalidPermission.Duplicate', `the specified rule "${text}" already exists`);
      existing.add(text);
    }
    const after = [...group.rules.filter((r) => !r.isEgress), ...added];
    const countsFor = (family: 'v4' | 'v6'): number => after.filter((r) => (family === 'v4' ? r.cidrIpv6 === undefined : r.cidrIpv4 === undefined)).length;
    if (countsFor('v4') > this.rulesPerGroup || countsFor('v6') > this.rulesPerGroup) {
      throw ec2Error('RulesPerSecurityGroupLimitExceeded', 'The maximum number of rules per security group has been reached.');
    }
    group.rules.push(...added);
    return { $metadata: {}, Return: true, SecurityGroupRules: added.map(toSecurityGroupRule) };
  }

  revokeSecurityGroupIngress(input: RevokeSecurityGroupIngressCommandInput): RevokeSecurityGroupIngressCommandOutput {
    this.enter('RevokeSecurityGroupIngress', input);
    const group = this.group(input.GroupId ?? '');
    const ingress = group.rules.filter((r) => !r.isEgress);
    let doomed: StoredRule[];
    if (input.SecurityGroupRuleIds !== undefined) {
      doomed = input.SecurityGroupRuleIds.map((id) => {
        const rule = ingress.find((r) => r.ruleId === id);
        if (rule === undefined) throw ec2Error('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
        return rule;
      });
    } else {
      // Non-default VPC semantics: every permission must match exactly, or nothing is revoked.
      doomed = (input.IpPermissions ?? []).flatMap((p) => this.expand(group.groupId, p)).map((wanted) => {
        const rule = ingress.find((r) => formatStored(r) === formatStored(wanted));
        if (rule === undefined) throw ec2Error('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
        return rule;
      });
    }
    const ids = new Set(doomed.map((r) => r.ruleId));
    group.rules = group.rules.filter((r) => !ids.has(r.ruleId));
    return { $metadata: {}, Return: true, RevokedSecurityGroupRules: doomed.map((r) => ({ SecurityGroupRuleId: r.ruleId, GroupId: r.groupId, IsEgress: false })) };
  }

  private enter(operation: Ec2Operation, input: unknown): void {
    this.calls.push({ operation, input: structuredClone(input) });
    const index = this.failures.findIndex((f) => f.operation === operation);
    if (index >= 0) {
      const [failure] = this.failures.splice(index, 1);
      failure?.before?.();
      if (failure?.error !== undefined) throw failure.error;
    }
  }

  private group(groupId: string): StoredGroup {
    const group = this.groups.get(groupId);
    if (group === undefined) throw ec2Error('InvalidGroup.NotFound', `The security group '${groupId}' does not exist`);
    return group;
  }

  /** One stored rule per source of the permission, validated and canonicalized as EC2 does. */
  private expand(groupId: string, p: IpPermission): StoredRule[] {
    const protocol = normalizeProtocol(p.IpProtocol ?? '');
    if (protocol === '') throw ec2Error('MissingParameter', 'The request must contain the parameter ipProtocol');
    if ((protocol === 'tcp' || protocol === 'udp') && (p.FromPort === undefined || p.ToPort === undefined)) {
      throw ec2Error('InvalidParameterValue', `Invalid value for portRange. Must specify both from and to ports with TCP/UDP.`);
    }
    const base = { protocol, ...normalizePorts(protocol, p.FromPort, p.ToPort) };
    const cidr = (text: string | undefined): string => {
      const parsed = parseCidr(text ?? '');
      if (parsed === undefined) throw ec2Error('InvalidParameterValue', `CIDR block ${text} is malformed`);
      return parsed.canonical;
    };
    const d = (description: string | undefined): { description?: string } => (description === undefined ? {} : { description });
    return [
      ...(p.IpRanges ?? []).map((r) => this.stored(groupId, false, { ...base, cidrIpv4: cidr(r.CidrIp), ...d(r.Description) })),
      ...(p.Ipv6Ranges ?? []).map((r) => this.stored(groupId, false, { ...base, cidrIpv6: cidr(r.CidrIpv6), ...d(r.Description) })),
      ...(p.PrefixListIds ?? []).map((r) => {
        const prefixListId = r.PrefixListId ?? '';
        if (this.deletedPrefixLists.has(prefixListId)) throw ec2Error('InvalidPrefixListID.NotFound', `The prefix list ID '${prefixListId}' does not exist`);
        return this.stored(groupId, false, { ...base, prefixListId, ...d(r.Description) });
      }),
      ...(p.UserIdGroupPairs ?? []).map((pair) => {
        const refId = pair.GroupId ?? '';
        const userId = pair.UserId ?? FAKE_ACCOUNT_ID;
        if (userId === FAKE_ACCOUNT_ID) this.group(refId);
        return this.stored(groupId, false, { ...base, referencedGroup: { groupId: refId, userId }, ...d(pair.Description) });
      }),
    ];
  }

  private stored(groupId: string, isEgress: boolean, rule: Omit<StoredRule, 'ruleId' | 'groupId' | 'isEgress'>): StoredRule {
    return { ruleId: `sgr-${(this.nextRule++).toString(16).padStart(17, '0')}`, groupId, isEgress, ...rule };
  }
}

function paginate<T>(items: readonly T[], maxResults: number | undefined, token: string | undefined): { page: T[]; NextToken?: string } {
  if (maxResults !== undefined && (maxResults < 5 || maxResults > 1000)) {
    throw ec2Error('InvalidParameterValue', `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.`);
  }
  const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64').toString('utf8').replace('offset:', ''));
  if (!Number.isInteger(start)) throw ec2Error('InvalidParameterValue', 'The token is invalid.');
  const end = maxResults === undefined ? items.length : start + maxResults;
  const page = items.slice(start, end);
  return end < items.length ? { page, NextToken: Buffer.from(`offset:${end}`).toString('base64') } : { page };
}

function formatStored(r: Omit<StoredRule, 'ruleId'>): string {
  const source = r.cidrIpv4 ?? r.cidrIpv6 ?? r.prefixListId ?? `${r.referencedGroup?.userId}/${r.referencedGroup?.groupId}`;
  const ports = r.protocol === '-1' ? 'all' : `${r.protocol}:${r.fromPort}/${r.toPort}`;
  return `${ports}@${source}`;
}

function toIngressRule(r: StoredRule): IngressRule {
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

function toSecurityGroupRule(r: StoredRule): SecurityGroupRule {
  return {
    SecurityGroupRuleId: r.ruleId,
    GroupId: r.groupId,
    GroupOwnerId: FAKE_ACCOUNT_ID,
    IsEgress: r.isEgress,
    IpProtocol: r.protocol,
    FromPort: r.fromPort,
    ToPort: r.toPort,
    ...(r.cidrIpv4 === undefined ? {} : { CidrIpv4: r.cidrIpv4 }),
    ...(r.cidrIpv6 === undefined ? {} : { CidrIpv6: r.cidrIpv6 }),
    ...(r.prefixListId === undefined ? {} : { PrefixListId: r.prefixListId }),
    ...(r.referencedGroup === undefined ? {} : { ReferencedGroupInfo: { GroupId: r.referencedGroup.groupId, UserId: r.referencedGroup.userId } }),
    ...(r.description === undefined ? {} : { Description: r.description }),
    Tags: [],
  };
}

/** EC2 groups rules with one protocol and port range into one IpPermission; `-1` has no ports. */
function toIpPermissions(rules: readonly StoredRule[]): IpPermission[] {
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
