/**
 * An in-memory EC2 that keeps the semantics the guardrail relies on, as the EC2 API reference
 * documents them, inconvenient parts included:
 * - rule ids (sgr-…) that ModifySecurityGroupRules changes in place without a new id
 *   (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySecurityGroupRules.html);
 * - RevokeSecurityGroupIngress answering `Return` and `RevokedSecurityGroupRules` with each rule as it
 *   was when revoked, and failing whole on one unknown id (InvalidSecurityGroupRuleId.NotFound) or,
 *   by properties, on one mismatch (InvalidPermission.NotFound, non-default VPC semantics)
 *   (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RevokeSecurityGroupIngress.html);
 * - groups owned by another account (security groups shared through VPC sharing: `OwnerId` is the
 *   owner's), which this account can read but not change;
 * - DescribeSecurityGroups filters owner-id, group-id, tag:KEY and tag-key, with NextToken pagination
 *   (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html);
 * - canonical CIDRs, whole-call InvalidPermission.Duplicate, the 60-rules-per-group limit counted
 *   separately for IPv4 and IPv6 (SG and prefix-list references count for both), InvalidGroup.NotFound
 *   (also for a referenced group), InvalidPrefixListID.NotFound for a prefix list deleted with
 *   deletePrefixList (any other pl-… exists);
 * - request throttling per action (ec2-throttle.ts).
 * Not modelled: the default-VPC partial revoke by IpPermissions, prefix lists counting as their max
 * entries, egress writes. Latency is added by the wiring (harness.ts), not here.
 */
import type {
  AuthorizeSecurityGroupIngressCommandInput,
  AuthorizeSecurityGroupIngressCommandOutput,
  DescribeSecurityGroupRulesCommandInput,
  DescribeSecurityGroupRulesCommandOutput,
  DescribeSecurityGroupsCommandInput,
  DescribeSecurityGroupsCommandOutput,
  ModifySecurityGroupRulesCommandInput,
  ModifySecurityGroupRulesCommandOutput,
  RevokeSecurityGroupIngressCommandInput,
  RevokeSecurityGroupIngressCommandOutput,
  SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { StoredGroup, StoredRule } from './ec2-fake-shapes';
import { ec2Error, FAKE_ACCOUNT_ID, formatStored, matchesFilters, paginate, toIpPermissions, toRevokedRule, toSecurityGroupRule } from './ec2-fake-shapes';
import { Ec2Store } from './ec2-fake-store';
import { Ec2Throttle } from './ec2-throttle';

export { ec2Error, FAKE_ACCOUNT_ID } from './ec2-fake-shapes';
export type { GroupInit } from './ec2-fake-store';
export const WRITE_OPERATIONS = ['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupIngress', 'ModifySecurityGroupRules'] as const;

export type Ec2Operation = 'DescribeSecurityGroups' | 'DescribeSecurityGroupRules' | (typeof WRITE_OPERATIONS)[number];

export interface Ec2FakeOptions {
  /** Inbound rules per group and IP family (EC2 default 60). */
  readonly rulesPerGroup?: number;
  /** The clock EC2's request throttling runs on, in milliseconds (default Date.now). */
  readonly now?: () => number;
}

interface Hook {
  readonly operation: Ec2Operation;
  readonly error?: Error;
  readonly before?: () => void;
  readonly rewrite?: (output: never) => unknown;
}

export class Ec2Fake extends Ec2Store {
  /** Every call, in order, with its input. */
  readonly calls: { operation: Ec2Operation; input: unknown }[] = [];
  readonly throttle: Ec2Throttle;
  private readonly hooks: Hook[] = [];

  constructor(options: Ec2FakeOptions = {}) {
    super(options.rulesPerGroup ?? 60);
    this.throttle = new Ec2Throttle(options.now);
  }

  /** Number of write calls so far. */
  writeCount(): number {
    return this.calls.filter((c) => (WRITE_OPERATIONS as readonly string[]).includes(c.operation)).length;
  }

  /** The next call of `operation` throws `error` (e.g. ec2Error('UnauthorizedOperation', …)). */
  failNext(operation: Ec2Operation, error: Error): void {
    this.hooks.push({ operation, error });
  }

  /** Runs `change` just before the next call of `operation`: someone else edits the group meanwhile. */
  beforeNext(operation: Ec2Operation, change: () => void): void {
    this.hooks.push({ operation, before: change });
  }

  /**
   * The next answer of `operation` passes through `rewrite` after the call took effect: an answer
   * as an emulator or an older API version gives it (no RevokedSecurityGroupRules, say).
   */
  rewriteNextAnswer<O>(operation: Ec2Operation, rewrite: (output: O) => O): void {
    this.hooks.push({ operation, rewrite });
  }

  describeSecurityGroups(input: DescribeSecurityGroupsCommandInput): DescribeSecurityGroupsCommandOutput {
    // Neither a filter nor pagination: EC2's smaller "unfiltered and unpaginated" bucket.
    const unfiltered = input.Filters === undefined && input.MaxResults === undefined && input.NextToken === undefined;
    const rewrite = this.enter('DescribeSecurityGroups', input, unfiltered ? 'DescribeSecurityGroups (unfiltered, unpaginated)' : undefined);
    if (input.GroupIds !== undefined && input.MaxResults !== undefined) {
      throw ec2Error('InvalidParameterCombination', 'The parameter groupIds cannot be used with the parameter maxResults');
    }
    const candidates = input.GroupIds === undefined ? [...this.groups.values()].sort((a, b) => (a.groupId < b.groupId ? -1 : 1)) : input.GroupIds.map((id) => this.group(id));
    const selected = candidates.filter((g) => matchesFilters(g, input.Filters ?? []));
    const { page, NextToken } = paginate(selected, input.MaxResults, input.NextToken);
    return rewrite({ $metadata: {}, SecurityGroups: page.map(toSecurityGroup), ...(NextToken === undefined ? {} : { NextToken }) });
  }

  /** Every group as DescribeSecurityGroups shows it, whatever a filter would say (no call is made). */
  everyGroup(): SecurityGroup[] {
    return [...this.groups.values()].map(toSecurityGroup);
  }

  describeSecurityGroupRules(input: DescribeSecurityGroupRulesCommandInput): DescribeSecurityGroupRulesCommandOutput {
    const rewrite = this.enter('DescribeSecurityGroupRules', input);
    let groups = [...this.groups.values()];
    for (const filter of input.Filters ?? []) {
      if (filter.Name !== 'group-id') throw new TypeError(`Ec2Fake: filter ${filter.Name} is not modelled`);
      groups = groups.filter((g) => (filter.Values ?? []).includes(g.groupId));
    }
    let rules = groups.flatMap((g) => g.rules.map((r) => ({ rule: r, ownerId: g.ownerId })));
    if (input.SecurityGroupRuleIds !== undefined) rules = rules.filter(({ rule }) => input.SecurityGroupRuleIds?.includes(rule.ruleId));
    const { page, NextToken } = paginate(rules, input.MaxResults, input.NextToken);
    return rewrite({ $metadata: {}, SecurityGroupRules: page.map(({ rule, ownerId }) => toSecurityGroupRule(rule, ownerId)), ...(NextToken === undefined ? {} : { NextToken }) });
  }

  authorizeSecurityGroupIngress(input: AuthorizeSecurityGroupIngressCommandInput): AuthorizeSecurityGroupIngressCommandOutput {
    const rewrite = this.enter('AuthorizeSecurityGroupIngress', input);
    const group = this.ownGroup(input.GroupId ?? '');
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
    return rewrite({ $metadata: {}, Return: true, SecurityGroupRules: added.map((r) => toSecurityGroupRule(r, group.ownerId)) });
  }

  revokeSecurityGroupIngress(input: RevokeSecurityGroupIngressCommandInput): RevokeSecurityGroupIngressCommandOutput {
    const rewrite = this.enter('RevokeSecurityGroupIngress', input);
    const group = this.ownGroup(input.GroupId ?? '');
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
    return rewrite({ $metadata: {}, Return: true, RevokedSecurityGroupRules: doomed.map(toRevokedRule) });
  }

  modifySecurityGroupRules(input: ModifySecurityGroupRulesCommandInput): ModifySecurityGroupRulesCommandOutput {
    const rewrite = this.enter('ModifySecurityGroupRules', input);
    const group = this.ownGroup(input.GroupId ?? '');
    for (const update of input.SecurityGroupRules ?? []) this.modifyRule(group.groupId, update.SecurityGroupRuleId ?? '', update.SecurityGroupRule ?? {});
    return rewrite({ $metadata: {}, Return: true });
  }

  /**
   * Records the call, runs its hook, takes a throttling token; returns what turns the answer into
   * the one given (the rewrite hook, if any).
   */
  private enter(operation: Ec2Operation, input: unknown, bucket: string = operation): <O>(output: O) => O {
    this.calls.push({ operation, input: structuredClone(input) });
    const index = this.hooks.findIndex((f) => f.operation === operation);
    const [hook] = index >= 0 ? this.hooks.splice(index, 1) : [];
    hook?.before?.();
    if (hook?.error !== undefined) throw hook.error;
    this.throttle.take(bucket);
    const rewrite = hook?.rewrite;
    return <O>(output: O): O => (rewrite === undefined ? output : (rewrite as (o: O) => O)(output));
  }

  /**
   * A group this account may change. Participants in a shared VPC can read the owner's groups but
   * not change them; the error code for that is this fake's choice (AWS documents the rule, not the code).
   */
  private ownGroup(groupId: string): StoredGroup {
    const group = this.group(groupId);
    if (group.ownerId !== FAKE_ACCOUNT_ID) throw ec2Error('UnauthorizedOperation', `You are not authorized to perform this operation on ${groupId}, owned by ${group.ownerId}.`);
    return group;
  }
}

function toSecurityGroup(g: StoredGroup): SecurityGroup {
  return {
    GroupId: g.groupId,
    GroupName: g.groupName,
    Description: g.groupName,
    OwnerId: g.ownerId,
    VpcId: g.vpcId,
    Tags: Object.entries(g.tags).map(([Key, Value]) => ({ Key, Value })),
    IpPermissions: toIpPermissions(g.rules.filter((r) => !r.isEgress)),
    IpPermissionsEgress: toIpPermissions(g.rules.filter((r) => r.isEgress)),
  };
}
