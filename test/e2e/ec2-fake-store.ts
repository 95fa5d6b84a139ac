/**
 * The EC2 fake's state: groups and their rules, created and validated as EC2 does, and the edits
 * another actor (a console user, a pipeline) makes outside the guardrail. ec2-fake.ts serves the API
 * calls on top of it.
 */
import type { IpPermission, SecurityGroupRuleRequest } from '@aws-sdk/client-ec2';
import { parseCidr } from '../../src/cidr';
import type { IngressRule } from '../../src/ingress-rule';
import { formatRule, normalizePorts, normalizeProtocol, sortRules } from '../../src/ingress-rule';
import { parseAllowedIngress } from '../../src/rule-parameters';
import type { StoredGroup, StoredRule } from './ec2-fake-shapes';
import { ec2Error, FAKE_ACCOUNT_ID, formatStored, toIngressRule, wireSource } from './ec2-fake-shapes';

export interface GroupInit {
  readonly groupId?: string;
  readonly groupName?: string;
  /** Default: this account. Another account's id makes a group shared into this account. */
  readonly ownerId?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Ingress rules in the allowedIngress grammar, one source each; `@self` references the group. */
  readonly ingress?: readonly string[];
}

export class Ec2Store {
  protected readonly groups = new Map<string, StoredGroup>();
  protected readonly rulesPerGroup: number;
  private readonly deletedPrefixLists = new Set<string>();
  private nextRule = 1;
  private nextGroup = 1;

  constructor(rulesPerGroup: number) {
    this.rulesPerGroup = rulesPerGroup;
  }

  /** Creates a group with the default egress rule (all traffic to 0.0.0.0/0) and the given ingress. */
  addGroup(init: GroupInit = {}): string {
    const groupId = init.groupId ?? `sg-${(this.nextGroup++).toString(16).padStart(17, '0')}`;
    const ownerId = init.ownerId ?? FAKE_ACCOUNT_ID;
    const group: StoredGroup = { groupId, groupName: init.groupName ?? groupId, vpcId: 'vpc-0123456789abcdef0', ownerId, tags: { ...init.tags }, rules: [] };
    this.groups.set(groupId, group);
    group.rules.push(this.stored(groupId, true, { protocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' }));
    for (const entry of init.ingress ?? []) {
      for (const rule of parseAllowedIngress(entry.replace('@self', `@${ownerId}/${groupId}`), [])) {
        const stored = this.stored(groupId, false, { protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, ...storedSource(rule) });
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

  /** The id of the group's ingress rule written as `entry` in the grammar. */
  ruleIdOf(groupId: string, entry: string): string {
    const [wanted] = parseAllowedIngress(entry, []);
    const rule = this.group(groupId).rules.find((r) => !r.isEgress && wanted !== undefined && formatRule(toIngressRule(r)) === formatRule(wanted));
    if (rule === undefined) throw new TypeError(`Ec2Fake: ${groupId} has no rule ${entry}`);
    return rule.ruleId;
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

  /** Another actor's ModifySecurityGroupRules: the rule `from` becomes `to` under the same id. Returns the id. */
  modifyOutOfBand(groupId: string, from: string, to: string): string {
    const ruleId = this.ruleIdOf(groupId, from);
    const [rule] = parseAllowedIngress(to, []);
    if (rule === undefined) throw new TypeError(`Ec2Fake: ${to} is no rule`);
    const s = storedSource(rule);
    const group = s.referencedGroup === undefined ? {} : { ReferencedGroupId: s.referencedGroup.groupId };
    this.modifyRule(groupId, ruleId, { IpProtocol: rule.protocol, FromPort: rule.fromPort, ToPort: rule.toPort, ...wireSource(s), ...group });
    return ruleId;
  }

  /**
   * ModifySecurityGroupRules for one rule: the rule changes in place and keeps its id and direction
   * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySecurityGroupRules.html).
   */
  protected modifyRule(groupId: string, ruleId: string, request: SecurityGroupRuleRequest): void {
    const group = this.group(groupId);
    const index = group.rules.findIndex((r) => r.ruleId === ruleId);
    const old = group.rules[index];
    if (old === undefined) throw ec2Error('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${ruleId}' does not exist`);
    const permission: IpPermission = {
      IpProtocol: request.IpProtocol,
      FromPort: request.FromPort,
      ToPort: request.ToPort,
      ...(request.CidrIpv4 === undefined ? {} : { IpRanges: [{ CidrIp: request.CidrIpv4, Description: request.Description }] }),
      ...(request.CidrIpv6 === undefined ? {} : { Ipv6Ranges: [{ CidrIpv6: request.CidrIpv6, Description: request.Description }] }),
      ...(request.PrefixListId === undefined ? {} : { PrefixListIds: [{ PrefixListId: request.PrefixListId, Description: request.Description }] }),
      ...(request.ReferencedGroupId === undefined ? {} : { UserIdGroupPairs: [{ GroupId: request.ReferencedGroupId, Description: request.Description }] }),
    };
    const [fresh, extra] = this.expand(groupId, permission);
    if (fresh === undefined || extra !== undefined) throw ec2Error('InvalidParameterValue', 'A security group rule names exactly one source.');
    const changed: StoredRule = { ...fresh, ruleId, isEgress: old.isEgress };
    if (group.rules.some((r) => r.ruleId !== ruleId && r.isEgress === old.isEgress && formatStored(r) === formatStored(changed))) {
      throw ec2Error('InvalidPermission.Duplicate', `the specified rule "${formatStored(changed)}" already exists`);
    }
    group.rules[index] = changed;
  }

  protected group(groupId: string): StoredGroup {
    const group = this.groups.get(groupId);
    if (group === undefined) throw ec2Error('InvalidGroup.NotFound', `The security group '${groupId}' does not exist`);
    return group;
  }

  /** One stored rule per source of the permission, validated and canonicalized as EC2 does. */
  protected expand(groupId: string, p: IpPermission): StoredRule[] {
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

function storedSource(rule: IngressRule): Pick<StoredRule, 'cidrIpv4' | 'cidrIpv6' | 'prefixListId' | 'referencedGroup'> {
  const s = rule.source;
  if (s.kind === 'ipv4') return { cidrIpv4: s.cidr };
  if (s.kind === 'ipv6') return { cidrIpv6: s.cidr };
  if (s.kind === 'prefix-list') return { prefixListId: s.prefixListId };
  return { referencedGroup: { groupId: s.groupId, userId: s.userId ?? FAKE_ACCOUNT_ID } };
}
